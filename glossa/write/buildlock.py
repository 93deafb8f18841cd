"""One build at a time per output folder: an exclusive lock on a file beside it (`.site.lock` for site/).

The lock is `flock(2)`, so the kernel releases it when its holder exits or is killed: a lock file left
behind by a killed build is simply taken by the next one, with nothing to clean by hand. The holder
writes its process id and command into the file so a waiting build can say whom it is waiting for,
and removes the file before it lets go, so a finished build leaves nothing behind.

Removing a lock file is only safe together with a check after locking: a build that locked a file
which was meanwhile removed (or replaced) holds a lock nobody else sees, so it lets go and tries again.
"""
from __future__ import annotations

import fcntl
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_FIRST_PAUSE = 0.01  # seconds between attempts, doubling up to _LONGEST_PAUSE
_LONGEST_PAUSE = 0.2


class LockBusy(Exception):
    """Another process held the lock for longer than the caller would wait.

    A plain exception rather than a frozen dataclass: Python (contextlib among others) assigns
    `__traceback__` on exceptions it re-raises, which a frozen dataclass refuses.
    """

    def __init__(self, *, path: Path, owner: str, waited: float) -> None:
        super().__init__(path, owner, waited)
        self.path = path
        self.owner = owner  # "pid 123 (build.py serve)", or "" when the holder had not yet said who it is
        self.waited = waited

    def __str__(self) -> str:
        return f"{self.path} is held by {self.owner or 'another process'} (waited {self.waited:g} s)"


def lock_path(site: Path) -> Path:
    """The lock file of an output folder: `.site.lock` beside `site/`."""
    return site.parent / f".{site.name}.lock"


@contextmanager
def hold(path: Path, wait: float, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock at `path` for the `with` block, waiting at most `wait` seconds for it.

    `on_wait` is called once, with the holder's description, if the lock is not free at once.
    Raises LockBusy when the wait runs out.
    """
    fd = _acquire(path, wait, on_wait)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{_describe_self()}\n".encode(), 0)
        yield
    finally:
        # Unlink while still holding the lock: anyone who locks the old file afterwards sees that it is
        # no longer the one at `path` and starts again.
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.close(fd)


def _acquire(path: Path, wait: float, on_wait: Callable[[str], None] | None) -> int:
    deadline = time.monotonic() + wait
    pause = _FIRST_PAUSE
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _owner(fd)
            os.close(fd)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LockBusy(path=path, owner=owner, waited=wait) from None
            if on_wait is not None and not told:
                on_wait(owner)
                told = True
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, _LONGEST_PAUSE)
            continue
        except BaseException:
            os.close(fd)
            raise
        if _still_linked(fd, path):
            return fd
        os.close(fd)  # the holder we waited for removed this file: lock the current one instead


def _still_linked(fd: int, path: Path) -> bool:
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)


def _owner(fd: int) -> str:
    """What the holder wrote about itself; empty in the instant between its locking and writing."""
    try:
        text = os.pread(fd, 1000, 0).decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text.splitlines()[0].strip() if text.strip() else ""


def _describe_self() -> str:
    command = shlex.join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv and sys.argv[0] else "python"
    # One line, whatever the arguments hold: a waiting build prints it.
    command = "".join(c if c.isprintable() else "?" for c in command)[:200]
    return f"pid {os.getpid()} ({command})"
