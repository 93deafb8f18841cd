"""Stage 4, write: pages into site/, all or nothing, one build at a time.

Pages are written into a temporary folder beside site/ and swapped in only when complete, with one
atomic exchange of the two folders on Linux (renameat2 RENAME_EXCHANGE). A failed or killed build
therefore leaves the previous site/ exactly as it was, never half-written.

Builds of the same site/ (a `serve` and a `make build`, two CI steps) take turns: each holds the lock
beside site/ (`.site.lock`, see buildlock.py) from its first look at the folder to its last cleanup, so
site/ is always exactly one build's complete output, and only a build holding the lock ever deletes
staging folders (which can then only be leftovers of killed builds).

Every failure here is a WriteError whose text is one line for the person at the terminal.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from . import buildlock, reuse
from ..model import Page

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
MARKER = ".glossa-site"  # written into every site Glossa builds; only such a folder is ever replaced
MARKER_TEXT = b"Built by Glossa. This folder is replaced whole by every build: do not keep files here.\n"
LOCK_WAIT_SECONDS = 60.0  # how long a build waits for another one to finish writing before it gives up


class WriteError(Exception):
    """site/ could not be written; the previous site is unchanged. `str()` is one line for the user."""


class UnsafeSiteFolder(WriteError):
    """The output folder is not one Glossa may replace."""


class SiteBusy(WriteError):
    """Another build kept the site locked for longer than this one would wait."""


def check_site_folder(site: Path, root: Path, sources: list[Path]) -> None:
    """Refuse an output folder that is the project or one of its ancestors, that is or lies inside a
    source folder (content/, templates/ …), or that holds files Glossa did not write: replacing it
    would destroy them."""
    site, root = site.resolve(), root.resolve()
    if site == root or site in root.parents:
        raise UnsafeSiteFolder(f"{site} would contain the project itself; build into a folder of its own, such as "
                               "site/.")
    for folder in (f.resolve() for f in sources):
        if site == folder or folder in site.parents:
            raise UnsafeSiteFolder(f"{site} is, or is inside, the source folder {folder}; build into a folder of its own, such as site/.")
    _refuse_foreign(site)


def _refuse_foreign(site: Path) -> None:
    if site.exists() and (not site.is_dir() or (any(site.iterdir()) and not (site / MARKER).is_file())):
        raise UnsafeSiteFolder(f"{site} exists and was not built by Glossa (it has no {MARKER} file); "
                               "move it away or choose another folder.")


def write_site(pages: list[Page], site: Path, *, wait: float | None = None,
               on_wait: Callable[[str], None] | None = None, state: Path | None = None) -> None:
    """Replace `site` by exactly `pages` (plus the marker), atomically, once no other build is writing it.

    Waits up to `wait` seconds (default LOCK_WAIT_SECONDS) for another build, calling `on_wait` once with
    a line saying whom it waits for (default: print it on stderr). Raises WriteError, never anything else.

    With `state` (a file the caller keeps, see reuse.py), the files of the present site that still hold what
    they should are linked into the new one rather than copied, and when site/ already holds exactly `pages`
    nothing is written at all.
    """
    site = site.absolute()
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    try:
        _check_paths(pages)
        site.parent.mkdir(parents=True, exist_ok=True)
        with _locked(site, wait, on_wait):
            _recover(site)
            _refuse_foreign(site)  # again under the lock: check_site_folder ran before the build began
            every = [*pages, Page(MARKER, MARKER_TEXT)]
            origins = {page.path: _origin(page) for page in every}
            keep = _reusable(every, origins, site, state)
            if keep is None:
                return   # site/ is already exactly these pages
            reuse.forget(state)   # until the new site is in place, the recorded stamps say nothing
            _write_and_swap(every, site, keep)
            reuse.save(state, site, origins)
    except WriteError:
        raise
    except buildlock.LockBusy as exc:
        raise _busy(site, exc) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise WriteError(f"could not write {site}: {exc.strerror or exc}{where}; the previous site is "
                         "unchanged.") from exc
    except Exception as exc:  # a bug here must still reach the user as one line, not a traceback
        raise WriteError(f"unexpected {type(exc).__name__} while writing {site}: {exc}; the previous site is "
                         "unchanged. Please report this as a bug.") from exc


def update_site(pages: list[Page], removed: list[str], site: Path, *, wait: float | None = None) -> None:
    """Bring a site Glossa built up to date in place: write `pages` (the files that changed), delete
    `removed`. Each file is replaced atomically (written beside it, then renamed over it), so a reader never
    sees half a page, though for a moment some pages may be new and others old. For `serve`, where a
    one-note change must show in milliseconds; `build` always swaps in a whole new site. Raises WriteError."""
    site = site.absolute()
    try:
        _check_paths(pages)
        with _locked(site, LOCK_WAIT_SECONDS if wait is None else wait, None):
            if not (site / MARKER).is_file():
                raise UnsafeSiteFolder(f"{site} was not built by Glossa (it has no {MARKER} file).")
            for page in pages:
                target = site / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".update-", dir=target.parent)
                with os.fdopen(fd, "wb") as out:
                    out.write(Path(page.source).read_bytes() if page.source is not None else page.content)
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
            for path in removed:
                (site / path).unlink(missing_ok=True)
    except WriteError:
        raise
    except buildlock.LockBusy as exc:
        raise _busy(site, exc) from None
    except OSError as exc:
        raise WriteError(f"could not update {site}: {exc.strerror or exc}") from exc


def recover_site(site: Path, *, wait: float | None = None) -> None:
    """Undo what a killed build left beside `site` (see _recover), under the lock. Raises WriteError."""
    site = site.absolute()
    try:
        with _locked(site, LOCK_WAIT_SECONDS if wait is None else wait, None):
            _recover(site)
    except buildlock.LockBusy as exc:
        raise _busy(site, exc) from None
    except OSError as exc:
        raise WriteError(f"could not tidy up beside {site}: {exc.strerror or exc}") from exc


def _locked(site: Path, wait: float, on_wait: Callable[[str], None] | None) -> AbstractContextManager[None]:
    """The site's lock; entering it raises buildlock.LockBusy when the wait runs out."""
    def say(owner: str) -> None:
        line = f"Waiting for another build ({owner or 'process not yet known'}) to finish writing {site} ..."
        if on_wait is None:
            print(line, file=sys.stderr, flush=True)
        else:
            on_wait(line)

    return buildlock.hold(buildlock.lock_path(site), wait, say)


def _busy(site: Path, exc: buildlock.LockBusy) -> SiteBusy:
    who = exc.owner or "a process that had not yet written its id"
    return SiteBusy(f"another build ({who}) is writing {site}; gave up after waiting {exc.waited:g} s. "
                    "Build again once it has finished, or stop it.")


def _check_paths(pages: list[Page]) -> None:
    """Every page stays inside site/, and no two pages share a file (not even on a case-insensitive host)."""
    seen: dict[str, str] = {}
    for page in pages:
        # Split as strings, as PurePosixPath would (empty and '.' parts dropped): 12,000 PurePosixPaths cost
        # a tenth of a no-op build.
        parts = [part for part in page.path.split("/") if part not in ("", ".")]
        if not page.path or page.path.startswith("/") or ".." in parts or "\\" in page.path or "\0" in page.path:
            raise WriteError(f"a page would be written outside the site folder: {page.path!r}. "
                             "Please report this as a bug.")
        key = "/".join(parts).casefold()
        if key in seen:
            raise WriteError(f"two pages would be written to the same file: {seen[key]!r} and {page.path!r}.")
        seen[key] = page.path


def _origin(page: Page) -> str:
    """Where a page's bytes come from: a blob of the store is named by its content, so its path will do."""
    return f"file:{page.source}" if page.source is not None else "bytes:" + hashlib.sha256(page.content).hexdigest()


def _reusable(pages: list[Page], origins: dict[str, str], site: Path, state: Path | None) -> set[str] | None:
    """The pages the present site/ already holds as they should be (to link, not copy), or None when it holds
    exactly `pages` and nothing else, so that there is nothing to write."""
    known = reuse.load(state)
    found = reuse.present(site) if known is not None and (site / MARKER).is_file() else None
    if known is None or found is None:
        return set()
    keep: set[str] = set()
    compared = False
    for page in pages:
        same, racy = reuse.unchanged(known, site, page.path, origins[page.path], found.get(page.path),
                                     page.source if page.source is not None else page.content)
        compared = compared or racy
        if same:
            keep.add(page.path)
    if len(keep) == len(pages) and len(found) == len(pages):
        if compared:   # stamps now older, so the next build need not compare bytes again
            reuse.save(state, site, origins)
        return None
    return keep


def _write_and_swap(pages: list[Page], site: Path, keep: set[str] | None = None) -> None:
    # The pid in the name says which process made a staging folder; only the lock decides who may delete it.
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.build-{os.getpid()}-", dir=site.parent))
    try:
        folders = {staging}
        for page in sorted(pages, key=lambda p: p.path):
            target = staging / page.path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.update(p for p in target.parents if staging in p.parents)
            if keep and page.path in keep and _linked(site / page.path, target):
                continue   # the present site's file, unchanged (reuse.py): it is already 0644
            if page.source is not None:
                shutil.copyfile(page.source, target)
            else:
                target.write_bytes(page.content)
            os.chmod(target, 0o644)
        for folder in folders:
            os.chmod(folder, 0o755)
        _swap_in(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)  # what cannot go now, the next build removes


def _linked(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:   # another file system, or links refused: copied instead
        return False


def _swap_in(staging: Path, site: Path) -> None:
    if not os.path.lexists(site):
        os.rename(staging, site)
        return
    if _exchange(staging, site):
        shutil.rmtree(staging)  # staging now holds the previous site
        return
    # No atomic exchange on this system: two renames, the old site kept until the new one is in place.
    # A kill between them leaves no site/ but a whole one in `old`, which the next build puts back.
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-{os.getpid()}-", dir=site.parent))
    os.rmdir(old)
    os.rename(site, old)
    os.rename(staging, site)
    _discard(old)


def _discard(old: Path) -> None:
    """Delete a set-aside site, its marker first: a half-deleted one must never be mistaken for a whole one."""
    (old / MARKER).unlink(missing_ok=True)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _recover(site: Path) -> None:
    """What killed builds left, cleaned up by a build holding the lock (so no other build is running).

    A build killed between the fallback's two renames left no site/ and the previous site, whole, in a
    `.site.old-*` folder: put it back. Everything else (staging folders, set-aside sites with no marker,
    which were being deleted) is deleted.
    """
    olds = [old for old in site.parent.glob(f".{site.name}.old-*") if old.is_dir() and not old.is_symlink()]
    if not os.path.lexists(site):
        whole = [old for old in olds if (old / MARKER).is_file()]
        if whole:
            newest = max(whole, key=lambda old: (old / MARKER).stat().st_mtime_ns)
            os.rename(newest, site)
    for leftover in site.parent.glob(f".{site.name}.build-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for old in site.parent.glob(f".{site.name}.old-*"):
        _discard(old)
