"""Every file, folder and link under content/, found in one walk that never follows a link.

The build needs this list three times: to report stray files, links and too many files; to find the edition
folders; and to hash each edition's files for the cache. A long-running process (serve) keeps one listing
and updates it from the paths its file watcher reports, instead of walking a large collection again after
every save.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from enum import Enum
from pathlib import Path


class Kind(Enum):
    FILE = "file"
    FOLDER = "folder"
    LINK = "link"        # reported, never followed
    OTHER = "other"      # a socket, a device: reported as a stray file


class ContentListing:
    """The paths under `root` and their kinds, walked at most `most` + 1 deep into the count, so that a
    hostile pull request with millions of files is refused without listing them all."""

    def __init__(self, root: Path, most: int) -> None:
        self.root = root
        self.most = most
        self.kinds: dict[Path, Kind] = {}
        self.truncated = False
        self._index: dict[Path, set[Path]] = {}   # folder -> every plain file below it
        self._walk(root, (root,))

    def update(self, changed: Iterable[Path]) -> None:
        """Take what a watcher saw change: each path (and what was below it) is looked at again."""
        for path in changed:
            if path != self.root and self.root not in path.parents:
                continue
            gone = [path] if self.kinds.get(path) is not Kind.FOLDER else \
                [p for p in self.kinds if p == path or path in p.parents]
            for known in gone:
                self._forget(known)
            if os.path.lexists(path) and path != self.root:
                self._add(path)

    def paths(self) -> list[tuple[Path, Kind]]:
        return sorted(self.kinds.items())

    def files_in(self, folder: Path) -> list[Path]:
        """The plain files below `folder`, sorted (what an edition's cache key hashes)."""
        return sorted(self._index.get(folder, ()))

    def relative_parts(self, path: Path) -> tuple[str, ...]:
        return path.parts[len(self.root.parts):]

    def _record(self, path: Path, kind: Kind) -> None:
        self.kinds[path] = kind
        if kind is Kind.FILE:
            for parent in path.parents:
                self._index.setdefault(parent, set()).add(path)
                if parent == self.root:
                    break

    def _forget(self, path: Path) -> None:
        if self.kinds.pop(path, None) is Kind.FILE:
            for parent in path.parents:
                self._index.get(parent, set()).discard(path)
                if parent == self.root:
                    break

    def folders_in(self, folder: Path) -> list[Path]:
        return sorted(p for p, kind in self.kinds.items() if kind is Kind.FOLDER and p.parent == folder)

    def _walk(self, folder: Path, ancestors: tuple[Path, ...]) -> None:
        """`ancestors`: `folder` and the folders above it up to the root, passed down so that indexing a file
        under each of them needs no `path.parents` (at 15,000 files, pathlib's parsing was half the walk)."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if len(self.kinds) > self.most:
                self.truncated = True
                return
            path = folder / entry.name
            kind = _kind(entry)
            self.kinds[path] = kind
            if kind is Kind.FILE:
                for parent in ancestors:
                    self._index.setdefault(parent, set()).add(path)
            elif kind is Kind.FOLDER:
                self._walk(path, (path, *ancestors))

    def _add(self, path: Path) -> None:
        if path.is_symlink():
            self._record(path, Kind.LINK)
        elif path.is_dir():
            self._record(path, Kind.FOLDER)
            self._walk(path, tuple(p for p in (path, *path.parents) if p == self.root or self.root in p.parents))
        else:
            self._record(path, Kind.FILE if path.is_file() else Kind.OTHER)
        self.truncated = self.truncated or len(self.kinds) > self.most


def _kind(entry: os.DirEntry[str]) -> Kind:
    if entry.is_symlink():
        return Kind.LINK
    if entry.is_dir(follow_symlinks=False):
        return Kind.FOLDER
    return Kind.FILE if entry.is_file(follow_symlinks=False) else Kind.OTHER
