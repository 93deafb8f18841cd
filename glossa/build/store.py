"""The build cache: a content-addressed store of page bytes and of per-edition build records.

A page is kept once under the SHA-256 of its bytes (`blobs/ab/cdef…`), so a site is a manifest of
path -> digest, and writing a site is linking blobs into place. An edition's build record (the digests of its
pages, what the site-wide pages need to know of it, its diagnostics) is kept under a key that hashes
everything the edition's pages depend on; an unchanged edition is then never read, resolved or rendered again.

The cache is this machine's own (git-ignored, never committed or received from contributors), so records are
pickled. A record that cannot be read is treated as missing: the cache can always be deleted.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import pickle
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO
from ..stamps import Stamp, settled, stamp_of

_TEMPORARY = itertools.count()   # numbers this process's temporary files (write_atomically)

FORMAT = b"glossa-cache-1"   # bump when the shape of records changes, so old caches are ignored


def digest(*parts: bytes) -> str:
    """One SHA-256 over several byte strings, each length-prefixed so that parts cannot run together."""
    h = hashlib.sha256(FORMAT)
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


class _HashWriter:
    """A file that only hashes what is written to it."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256(FORMAT)

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return len(data)


def pickled_digest(value: object) -> str:
    """The SHA-256 of `value` pickled, without holding the pickle or its memo: a site-wide page's context
    (the glossary index shows every entry's occurrences in every edition) pickled whole, with pickle's memo
    of every object in it, briefly cost more memory than the rest of a thousand-edition build. `fast` turns
    the memo off (the contexts are frozen records, without cycles); the result is as deterministic."""
    writer = _HashWriter()
    pickler = pickle.Pickler(writer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return writer.hash.hexdigest()


@dataclass(frozen=True, kw_only=True)
class Store:
    """The cache folder. Every write goes to a temporary file first and is renamed into place, so parallel
    workers and concurrent builds can share one store."""

    folder: Path

    def put_blob(self, data: bytes) -> str:
        key = hashlib.sha256(data).hexdigest()
        path = self.blob_path(key)
        if not path.exists():
            write_atomically(path, data)
        return key

    @property
    def compiled_templates(self) -> Path:
        """Where templates compiled by this cache's builds are kept (outputs/html/compiled.py)."""
        return self.folder / "templates"

    def blob_path(self, key: str) -> Path:
        return Path(self.blob_file(key))

    def blob_file(self, key: str) -> str:
        """The blob's file name as a plain string: a no-op build checks some 25,000 blobs, where joining Paths
        would cost half a second, and the writer is given all of a site's at once."""
        return f"{self.folder}/blobs/{key[:2]}/{key[2:]}"

    @staticmethod
    def blob_key(file: str) -> str:
        """The key of the blob that blob_file named `file`."""
        folder, _, rest = file.rpartition("/")
        return folder[-2:] + rest

    def read_blob(self, key: str) -> bytes:
        return self.blob_path(key).read_bytes()

    def get_record(self, key: str) -> Any | None:
        path = self.folder / "records" / key[:2] / key[2:]
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put_record(self, key: str, record: Any) -> None:
        write_atomically(self.folder / "records" / key[:2] / key[2:], pickle.dumps(record, protocol=5))

    def has_blobs(self, keys: list[str]) -> bool:
        return all(os.path.isfile(self.blob_file(k)) for k in keys)


DIGESTS_FORMAT = "glossa-digests-2"
# One file's entry, packed: its stamp (size, mtime, ctime, inode), when it was hashed, and its raw SHA-256.
_ENTRY = struct.Struct("<qqqQq32s")


@dataclass(frozen=True, kw_only=True)
class DigestEntry:
    """What FileDigests knows of one file (kept packed in 72 bytes: a tuple of a stamp tuple, a hex string and
    an int cost some 400, and at 15,000 files the digests were a tenth of a thousand-edition build's peak)."""

    stamp: Stamp
    digest: str      # hex
    hashed_ns: int   # when it was hashed (a stamp is trusted only when the file had settled by then)

    def packed(self) -> bytes:
        return _ENTRY.pack(*self.stamp, self.hashed_ns, bytes.fromhex(self.digest))

    @classmethod
    def unpacked(cls, data: bytes) -> "DigestEntry":
        size, mtime, ctime, inode, hashed, raw = _ENTRY.unpack(data)
        return cls(stamp=(size, mtime, ctime, inode), digest=raw.hex(), hashed_ns=hashed)


class FileDigests:
    """Digests of files, remembered by their stamp (size, mtime, ctime, inode), as git's index does, so that a
    build reads only the files that changed since the last one. A plain build loads what the last build saved
    in the cache (`load`, `save`); serve keeps one in memory.

    What a stamp proves, and when it is trusted: glossa/stamps.py. With `trust_watcher`, a file read once is not even looked at
    again until `forget` names it: serve's file watcher reports every change, and at a thousand editions the
    stat calls alone would cost more than rebuilding the one edition that changed.

    Kept as folder -> file name -> packed DigestEntry, names interned: a thousand editions repeat the same few
    names, and the folders are a fifth as many as the files (a dictionary of 15,000 full paths cost 2 MB more)."""

    def __init__(self, trust_watcher: bool = False) -> None:
        self._known: dict[str, dict[str, bytes]] = {}
        self._trust = trust_watcher
        self._changed = False

    def of(self, path: Path | str) -> str:
        name = str(path)
        folder, _, base = name.rpartition("/")
        entries = self._known.get(folder)
        packed = entries.get(base) if entries is not None else None
        if self._trust and packed is not None:
            return packed[-32:].hex()
        stamp = stamp_of(os.stat(name))
        if packed is not None:
            *known, hashed_ns, raw = _ENTRY.unpack(packed)   # no DigestEntry: this runs for every file of a build
            if tuple(known) == stamp and (self._trust or settled(stamp, hashed_ns)):
                return bytes(raw).hex()
        hashed_at = time.time_ns()
        with open(name, "rb") as f:
            raw = hashlib.sha256(f.read()).digest()
        self._known.setdefault(folder, {})[sys.intern(base)] = _ENTRY.pack(*stamp, hashed_at, raw)
        self._changed = True
        return raw.hex()

    def entry(self, path: Path | str) -> DigestEntry | None:
        """What is known of the file at `path`, if anything."""
        folder, _, base = str(path).rpartition("/")
        packed = self._known.get(folder, {}).get(base)
        return DigestEntry.unpacked(packed) if packed is not None else None

    def put(self, path: Path | str, entry: DigestEntry) -> None:
        """Take `entry` as what is known of the file at `path` (for a test that plants a stale one)."""
        folder, _, base = str(path).rpartition("/")
        self._known.setdefault(folder, {})[sys.intern(base)] = entry.packed()
        self._changed = True

    def forget(self, paths: Iterable[Path]) -> None:
        """Reread these next time whatever their stamps say (the watcher saw them change)."""
        for path in paths:
            folder, _, base = str(path).rpartition("/")
            self._known.get(folder, {}).pop(base, None)

    def load(self, file: Path) -> None:
        """Take the digests a previous build saved in `file`; nothing when it is missing or unreadable."""
        try:
            with open(file, "rb") as f:
                found = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return
        if isinstance(found, tuple) and len(found) == 2 and found[0] == DIGESTS_FORMAT and isinstance(found[1], dict):
            if self._known:
                for folder, entries in found[1].items():
                    self._known.setdefault(folder, {}).update(entries)
            else:
                self._known = found[1]

    def save(self, file: Path) -> None:
        """Keep the digests for the next build, when any was taken this time (streamed to the file: the
        pickle of them all need not be held at once)."""
        if self._changed:
            write_atomically(file, lambda out: pickle.dump((DIGESTS_FORMAT, self._known), out, protocol=5))
            self._changed = False


def merge_caches(sources: list[Path], target: Path) -> None:
    """Copy the blobs and records of other caches (sharded builds') into `target`. Everything is named by its
    digest or key, so copying never changes a meaning: a record found in two caches is the same record."""
    for source in sources:
        if not source.is_dir():
            raise FileNotFoundError(f"no cache folder at {source}")
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.name.startswith(".tmp-"):
                destination = target / path.relative_to(source)
                if not destination.exists():
                    write_atomically(destination, path.read_bytes())


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write `data` (or what the function given writes to the file it is passed) to `path`, all or nothing."""
    # A cold build writes tens of thousands of blobs: the temporary file is named by this process and a counter
    # (unique while the process lives; O_EXCL refuses a name a dead process left) instead of tempfile's random
    # names, and its folder is made only when opening fails for want of it. Together half the system calls.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = f"{path.parent}/.tmp-{os.getpid()}-{next(_TEMPORARY)}"
        try:
            fd = os.open(tmp, flags, 0o644)
            break
        except FileExistsError:
            continue   # left by a process of the same number that died: take the next name
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(fd, 0o644)   # whatever the umask: the site's files are served to everyone
            if isinstance(data, bytes):
                f.write(data)
            else:
                data(f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
