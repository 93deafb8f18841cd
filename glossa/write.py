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


def write_site(pages: list[Page], site: Path) -> None:
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
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
