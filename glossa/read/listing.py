"""Every file, folder and link under content/, found in one walk that never follows a link.

The build needs this list four times: to report stray files, links and too many files; to find the edition
folders; and to hash each edition's files for the cache. A long-running process (serve) keeps one listing
and updates it from the paths its file watcher reports, instead of walking a large collection again after
every save. So that a rebuild after one save costs the same at ten editions as at a thousand, the listing keeps
what those uses ask for up to date as paths come and go: each folder's entries, and the paths the inventory
check reports (`unexpected`), instead of scanning every path again.

The listing is kept as a tree of names: each folder (its path below the root, as a string) maps the names in it
to their kinds. A Path per file, and a set per folder of every file below it, cost some 11 MB at 15,000 files,
more than any later step of a thousand-edition build holds at once; names repeat from one edition to the next
(`notes`, `note-1.yaml`) and are kept once, so a file costs about one dictionary slot. Paths are made only for
what a caller asks for (the edition folders, the files of one folder, the few unexpected paths).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
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
    files belong where they are; the others, and every link, are reported in `unexpected`."""

    def __init__(self, root: Path, most: int, expected: Expected) -> None:
        self.root = root
        self.most = most
        self.truncated = False
        self._expected = expected
        self._prefix = str(root).rstrip("/") + "/"
        # folder below the root ("" for the root, parts joined by "/") -> name -> kind, for every folder listed
        self._tree: dict[str, dict[str, Kind]] = {"": {}}
        self._count = 0                                  # entries listed (the root itself is not one)
        self._unexpected: dict[str, Kind] = {}           # links, and files where no file belongs
        self._folders: dict[str, tuple[Path, ...]] = {}  # folder -> its subfolders sorted, while unchanged
        # Each name once: not sys.intern, whose table a thousand edition names would grow for the whole process.
        self._names: dict[str, str] = {}
        self._walk("")

    @property
    def kinds(self) -> dict[Path, Kind]:
        """Every listed path and its kind, in walk order (made on each call: for the inventory past the limit)."""
        return {self._path(rel): kind for rel, kind in self._entries("")}

    @property
    def unexpected(self) -> dict[Path, Kind]:
        """The links, and the files where no file belongs, in path order."""
        return {self._path(rel): self._unexpected[rel] for rel in sorted(self._unexpected, key=_parts)}

    def update(self, changed: Iterable[Path]) -> None:
        """Take what a watcher saw change: each path (and what was below it) is looked at again."""
        for path in changed:
            rel = self._rel(path)
            if rel is None:
                continue
            self._forget(rel)
            if rel and os.path.lexists(path):
                # A path in a folder not listed yet is taken with the highest such folder, so that no entry is
                # kept that a walk from the root would not reach.
                while (parent := _parent(rel)) and parent not in self._tree and os.path.isdir(self._path(parent)):
                    rel = parent
                self._forget(rel)
                self._add(rel)

    def paths(self) -> list[tuple[Path, Kind]]:
        return sorted(self.kinds.items())

    def files_in(self, folder: Path) -> list[Path]:
        """The plain files below `folder`, sorted."""
        return [folder / name for name in self.names_in(folder)]

    def names_in(self, folder: Path) -> list[str]:
        """The plain files below `folder` as paths relative to it ('notes/note-1.yaml'), in the order of
        files_in (what an edition's cache key hashes, without a Path per file)."""
        rel = self._rel(folder)
        if rel is None or rel not in self._tree:
            return []
        skip = len(rel) + 1 if rel else 0
        return [path[skip:] for path, kind in self._entries(rel) if kind is Kind.FILE]

    def folders_in(self, folder: Path) -> tuple[Path, ...]:
        """The folders directly in `folder`, sorted (the edition folders, once per build: kept while unchanged)."""
        rel = self._rel(folder)
        if rel is None:
            return ()
        known = self._folders.get(rel)
        if known is None:
            names = self._tree.get(rel, {})
            known = tuple(folder / name for name in sorted(names) if names[name] is Kind.FOLDER)
            self._folders[rel] = known
        return known

    def relative_parts(self, path: Path) -> tuple[str, ...]:
        return path.parts[len(self.root.parts):]

    def _entries(self, folder: str) -> Iterator[tuple[str, Kind]]:
        """Every entry below `folder` (a key of the tree), depth first with names sorted: the order of a walk,
        which is also the order of their Paths."""
        names = self._tree[folder]
        for name in sorted(names):
            rel = f"{folder}/{name}" if folder else name
            kind = names[name]
            yield rel, kind
            if kind is Kind.FOLDER and rel in self._tree:
                yield from self._entries(rel)

    def _note(self, rel: str, name: str, kind: Kind, parts: tuple[str, ...]) -> None:
        """Record `rel` (named `name` in its folder, and `parts` split) as of `kind`."""
        parent = _parent(rel)
        self._tree.setdefault(parent, {})[name] = kind
        self._count += 1
        self._folders.pop(parent, None)
        if kind is Kind.LINK or (kind is not Kind.FOLDER and not self._expected(parts)):
            self._unexpected[rel] = kind

    def _forget(self, rel: str) -> None:
        """Drop `rel` and, when a folder, everything listed below it."""
        parent, name = _parent(rel), rel.rpartition("/")[2]
        kind = self._tree.get(parent, {}).pop(name, None) if rel else None
        if kind is None:
            return
        self._count -= 1
        self._unexpected.pop(rel, None)
        self._folders.pop(parent, None)
        if kind is Kind.FOLDER and rel in self._tree:
            for below, _ in list(self._entries(rel)):
                self._count -= 1
                self._unexpected.pop(below, None)
                self._tree.pop(below, None)
                self._folders.pop(below, None)
            del self._tree[rel]
            self._folders.pop(rel, None)

    def _walk(self, folder: str) -> None:
        """List the entries of `folder` (a path below the root) and of every folder below it."""
        self._tree.setdefault(folder, {})
        base = f"{folder}/" if folder else ""
        parts = tuple(folder.split("/")) if folder else ()
        try:
            with os.scandir(self._prefix + folder if folder else str(self.root)) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if self._count > self.most:
                self.truncated = True
                return
            name = self._names.setdefault(entry.name, entry.name)
            kind = _kind(entry)
            self._note(base + name, name, kind, (*parts, name))
            if kind is Kind.FOLDER:
                self._walk(base + name)

    def _add(self, rel: str) -> None:
        path = self._path(rel)
        name = rel.rpartition("/")[2]
        name = self._names.setdefault(name, name)
        parts = tuple(rel.split("/"))
        if path.is_symlink():
            self._note(rel, name, Kind.LINK, parts)
        elif path.is_dir():
            self._note(rel, name, Kind.FOLDER, parts)
            self._walk(rel)
        else:
            self._note(rel, name, Kind.FILE if path.is_file() else Kind.OTHER, parts)
        self.truncated = self.truncated or self._count > self.most

    def _rel(self, path: Path) -> str | None:
        """`path` below the root as a string ("" for the root), or None when it is not under it."""
        text = str(path)
        if text.startswith(self._prefix):
            return text[len(self._prefix):]
        return "" if path == self.root else None

    def _path(self, rel: str) -> Path:
        return self.root / rel if rel else self.root


def _parent(rel: str) -> str:
    return rel.rpartition("/")[0]


def _parts(rel: str) -> list[str]:
    return rel.split("/")


def _kind(entry: os.DirEntry[str]) -> Kind:
    if entry.is_symlink():
        return Kind.LINK
    if entry.is_dir(follow_symlinks=False):
        return Kind.FOLDER
    return Kind.FILE if entry.is_file(follow_symlinks=False) else Kind.OTHER
