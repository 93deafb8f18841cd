"""Stage 4, write: pages into site/, all or nothing.

Pages are written into a temporary folder beside site/ and swapped in only when complete, with one
atomic exchange of the two folders on Linux (renameat2 RENAME_EXCHANGE). A failed or killed build
therefore leaves the previous site/ exactly as it was, never half-written.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

from .render import Page

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
MARKER = ".glossa-site"  # written into every site Glossa builds; only such a folder is ever replaced
MARKER_TEXT = b"Built by Glossa. This folder is replaced whole by every build: do not keep files here.\n"


class UnsafeSiteFolder(Exception):
    """The output folder is not one Glossa may replace."""


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
    if site.exists() and (not site.is_dir() or (any(site.iterdir()) and not (site / MARKER).is_file())):
        raise UnsafeSiteFolder(f"{site} exists and was not built by Glossa (it has no {MARKER} file); "
                               "move it away or choose another folder.")


def write_site(pages: list[Page], site: Path) -> None:
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    pages = [*pages, Page(MARKER, MARKER_TEXT)]
    _remove_leftovers(site)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.build-", dir=site.parent))
    try:
        for page in sorted(pages, key=lambda p: p.path):
            target = staging / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.content)
        for folder in [staging, *staging.rglob("*")]:
            os.chmod(folder, 0o755 if folder.is_dir() else 0o644)
        _swap_in(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _swap_in(staging: Path, site: Path) -> None:
    if not site.exists():
        os.rename(staging, site)
        return
    if _exchange(staging, site):
        shutil.rmtree(staging)  # staging now holds the previous site
        return
    # No atomic exchange on this system: two renames, the old site kept until the new one is in place.
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-", dir=site.parent))
    os.rmdir(old)
    os.rename(site, old)
    os.rename(staging, site)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _remove_leftovers(site: Path) -> None:
    """Staging folders of builds that were killed before they could clean up."""
    olds = sorted(site.parent.glob(f".{site.name}.old-*"))
    if olds and not site.exists():  # killed between the two fallback renames: put the old site back
        os.rename(olds[0], site)
    for prefix in (f".{site.name}.build-", f".{site.name}.old-"):
        for leftover in site.parent.glob(prefix + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
