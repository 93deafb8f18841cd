"""Every file, folder and link under content/, found in one walk that never follows a link.

The build needs this list four times: to report stray files, links and too many files; to find the edition
folders; and to hash each edition's files for the cache. A long-running process (serve) keeps one listing
and updates it from the paths its file watcher reports, instead of walking a large collection again after
every save. So that a rebuild after one save costs the same at ten editions as at a thousand, the listing keeps
what those uses ask for up to date as paths come and go: the files below each folder, each folder's children,
and the paths the inventory check reports (`unexpected`), instead of scanning every path again.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path


class Kind(Enum):
    FILE = "file"
    FOLDER = "folder"
    LINK = "link"        # reported, never followed
    OTHER = "other"      # a socket, a device: reported as a stray file


# Whether a file at these parts of its path (relative to content/) is one the build reads (reader._expected).
Expected = Callable[[tuple[str, ...]], bool]


class ContentListing:
    """The paths under `root` and their kinds, walked at most `most` + 1 deep into the count, so that a
    hostile pull request with millions of files is refused without listing them all. `expected` says which
    files belong where they are; the others, and every link, are kept in `unexpected`."""

    def __init__(self, root: Path, most: int, expected: Expected) -> None:
        self.root = root
        self.most = most
        self.kinds: dict[Path, Kind] = {}
        self.truncated = False
        self.unexpected: dict[Path, Kind] = {}        # links, and files where no file belongs
        self._expected = expected
        self._index: dict[Path, set[Path]] = {}       # folder -> every plain file below it
        self._children: dict[Path, set[Path]] = {}    # folder -> the paths directly in it, of any kind
        self._folders: dict[Path, tuple[Path, ...]] = {}   # folder -> its subfolders sorted, while unchanged
        self._walk(root, (root,), ())

    def update(self, changed: Iterable[Path]) -> None:
        """Take what a watcher saw change: each path (and what was below it) is looked at again."""
        for path in changed:
            if path != self.root and self.root not in path.parents:
                continue
            gone = self._below(path) if self.kinds.get(path) is Kind.FOLDER else [path]
            for known in gone:
                self._forget(known)
            if os.path.lexists(path) and path != self.root:
                self._add(path)

    def paths(self) -> list[tuple[Path, Kind]]:
        return sorted(self.kinds.items())

    def files_in(self, folder: Path) -> list[Path]:
        """The plain files below `folder`, sorted (what an edition's cache key hashes)."""
        return sorted(self._index.get(folder, ()))

    def folders_in(self, folder: Path) -> tuple[Path, ...]:
        """The folders directly in `folder`, sorted (the edition folders, once per build: kept while unchanged)."""
        known = self._folders.get(folder)
        if known is None:
            known = tuple(sorted(p for p in self._children.get(folder, ()) if self.kinds.get(p) is Kind.FOLDER))
            self._folders[folder] = known
        return known

    def relative_parts(self, path: Path) -> tuple[str, ...]:
        return path.parts[len(self.root.parts):]

    def _below(self, folder: Path) -> list[Path]:
        """`folder` and everything under it, from the children index (not a scan of every path)."""
        found, todo = [], [folder]
        while todo:
            path = todo.pop()
            found.append(path)
            todo.extend(self._children.get(path, ()))
        return found

    def _note(self, path: Path, kind: Kind, parts: tuple[str, ...]) -> None:
        """Record `path` (at `parts` below the root) as of `kind`, everywhere but the file index."""
        self.kinds[path] = kind
        self._children.setdefault(path.parent, set()).add(path)
        self._folders.pop(path.parent, None)
        if kind is Kind.LINK or (kind is not Kind.FOLDER and not self._expected(parts)):
            self.unexpected[path] = kind

    def _record(self, path: Path, kind: Kind) -> None:
        self._note(path, kind, self.relative_parts(path))
        if kind is Kind.FILE:
            for parent in path.parents:
                self._index.setdefault(parent, set()).add(path)
                if parent == self.root:
                    break

    def _forget(self, path: Path) -> None:
        kind = self.kinds.pop(path, None)
        if kind is None:
            return
        self.unexpected.pop(path, None)
        self._children.get(path.parent, set()).discard(path)
        self._children.pop(path, None)
        self._folders.pop(path.parent, None)
        self._folders.pop(path, None)
        if kind is Kind.FILE:
            for parent in path.parents:
                self._index.get(parent, set()).discard(path)
                if parent == self.root:
                    break

    def _walk(self, folder: Path, ancestors: tuple[Path, ...], parts: tuple[str, ...]) -> None:
        """`ancestors`: `folder` and the folders above it up to the root, and `parts` its path below the root,
        passed down so that indexing a file needs no `path.parents` (at 15,000 files, pathlib's parsing was half
        the walk)."""
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
            self._note(path, kind, (*parts, entry.name))
            if kind is Kind.FILE:
                for parent in ancestors:
                    self._index.setdefault(parent, set()).add(path)
            elif kind is Kind.FOLDER:
                self._walk(path, (path, *ancestors), (*parts, entry.name))

    def _add(self, path: Path) -> None:
        if path.is_symlink():
            self._record(path, Kind.LINK)
        elif path.is_dir():
            self._record(path, Kind.FOLDER)
            self._walk(path, tuple(p for p in (path, *path.parents) if p == self.root or self.root in p.parents),
                       self.relative_parts(path))
        else:
            self._record(path, Kind.FILE if path.is_file() else Kind.OTHER)
        self.truncated = self.truncated or len(self.kinds) > self.most


def _kind(entry: os.DirEntry[str]) -> Kind:
    if entry.is_symlink():
        return Kind.LINK
    if entry.is_dir(follow_symlinks=False):
        return Kind.FOLDER
    return Kind.FILE if entry.is_file(follow_symlinks=False) else Kind.OTHER
