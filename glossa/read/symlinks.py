"""Symbolic links in content/ are never followed: a link could pull any file of the machine (a key, a
password file) into the build, and from there into a page or a diagnostic. Every path the reader
opens is checked part by part with lstat, from the project folder down, so a linked folder is caught
as well as a linked file. (check_inventory reports each link as G170; the reader only refuses to open.)
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


def linked_part(path: Path, root: Path) -> Path | None:
    """The first part of `path` below `root` that is a symbolic link, or None. A path outside `root`
    counts as linked: the reader never opens anything there."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return path
    current = root
    for part in parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return current
        except OSError:  # missing, or a file where a folder should be: nothing further down can be opened
            return None
    return None


def is_plain(path: Path, root: Path) -> bool:
    """True when `path` and every folder above it up to `root` is a real file or folder, not a link."""
    return linked_part(path, root) is None
