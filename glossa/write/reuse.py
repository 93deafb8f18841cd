"""What the last build wrote into site/, so that the next one copies only what changed.

A build replaces site/ whole (writer.py), which used to mean copying every page: at a thousand editions, twelve
thousand files and three seconds even when nothing had changed. The writer now records, in a state file the
caller keeps (in the build cache), each file it wrote: where its bytes came from (a blob of the content-addressed
store, so its path names its content) and the file's stamp (size, mtime, ctime, inode), as git's index does.

A file of the present site/ whose stamp is as recorded still holds what was written, and the next build links it
into its staging folder instead of copying; when every file is so and site/ holds nothing else, there is nothing
to write at all (what a stamp proves, and when it is trusted: glossa/stamps.py).

A file whose stamp is racy (glossa/stamps.py: it changed too close to when the stamp was taken) is compared byte
for byte with what it should hold.
"""
from __future__ import annotations

import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from ..build.store import write_atomically
from ..stamps import Stamp, settled, stamp_of

FORMAT = "glossa-site-state-1"


@dataclass(frozen=True, kw_only=True)
class SiteState:
    """Each file written into site/: path -> (where its bytes came from, its stamp), and when this was taken."""

    files: dict[str, tuple[str, Stamp]]
    taken_ns: int


def load(path: Path | None) -> SiteState | None:
    """The state as last saved, or None when there is none or it cannot be read (then everything is copied)."""
    if path is None:
        return None
    try:
        found = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if isinstance(found, tuple) and len(found) == 2 and found[0] == FORMAT and isinstance(found[1], SiteState):
        return found[1]
    return None


def save(path: Path | None, site: Path, origins: dict[str, str]) -> None:
    """Record the stamp of each file of `site` (path -> origin) as it is now."""
    if path is None:
        return
    taken = time.time_ns()
    files = {rel: (origin, stamp_of(os.lstat(site / rel))) for rel, origin in origins.items()}
    # Streamed into the file: the bytes of 15,000 stamps need not be held at once.
    write_atomically(path, lambda out: pickle.dump((FORMAT, SiteState(files=files, taken_ns=taken)), out, protocol=5))


def forget(path: Path | None) -> None:
    """Drop the state (before a write that may fail half-way: the next build then trusts nothing)."""
    if path is not None:
        path.unlink(missing_ok=True)


def present(site: Path) -> dict[str, os.stat_result] | None:
    """Every file in `site` (relative path -> its lstat), or None when something there is not a plain file or
    folder (then the site is rebuilt whole)."""
    found: dict[str, os.stat_result] = {}
    # Plain strings: at 12,000 files, making a Path of each cost a quarter of a no-op build.
    pending, skip = [str(site)], len(str(site)) + 1
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return None
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                found[entry.path[skip:]] = entry.stat(follow_symlinks=False)
            else:
                return None
    return found


def unchanged(state: SiteState, site: Path, rel: str, origin: str, stat: os.stat_result | None,
              expected: bytes | str) -> tuple[bool, bool]:
    """(the file at site/`rel` holds what `origin` gives, its stamp was racy so its bytes were compared)."""
    known = state.files.get(rel)
    if known is None or stat is None or known[0] != origin or known[1] != stamp_of(stat):
        return False, False
    if settled(known[1], state.taken_ns):
        return True, False
    want = Path(expected).read_bytes() if isinstance(expected, str) else expected   # str: the file that holds them
    try:
        return (site / rel).read_bytes() == want, True
    except OSError:
        return False, True
