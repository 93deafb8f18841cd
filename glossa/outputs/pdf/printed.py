"""Which editions have a PDF printed from their current inputs: a cache record per edition key -> PDF blob.

A build asks once per edition. A long-running process (serve) asks again after every save, and at a thousand
editions those lookups were a tenth of a one-note rebuild, so it keeps the answers (`PrintedLookup`) while the
printer's mark in the cache is unchanged: `build.py pdf` touches it after recording what it printed, so a PDF
printed while serve runs is still found by serve's next build."""
from __future__ import annotations

import os
import time
from collections.abc import Mapping

from ...build.store import Store, digest, write_atomically
from ...stamps import Stamp, stamp_of

MARK_FILE = "printed"   # in the cache folder: rewritten by every `build.py pdf` that printed something


def record_key(edition_key: str) -> str:
    """Where the PDF printed from the edition whose pages have cache key `edition_key` is recorded."""
    return digest(b"printed-pdf", edition_key.encode())


def mark_printed(store: Store) -> None:
    """Tell processes that keep lookups (PrintedLookup) that PDFs were recorded: a new file, so a new stamp."""
    write_atomically(store.folder / MARK_FILE, str(time.time_ns()).encode())   # renamed into place: a new inode


class PrintedLookup:
    """Which editions have a PDF, for a build (a new lookup each) or for a process that builds many times (one kept):
    an edition key's answer is kept while the printer's mark keeps its stamp (a changed edition has a new key, so
    only it is looked up after a save)."""

    def __init__(self) -> None:
        self._mark: Stamp | None = None
        self._known: dict[str, str | None] = {}   # edition key -> PDF blob digest, or None: not printed

    def find(self, store: Store, keys: Mapping[str, str]) -> dict[str, str]:
        """slug -> PDF blob digest, for the editions (slug -> cache key) printed from these very inputs."""
        mark = _stamp(store)
        known = self._known if mark == self._mark else {}   # printed since the last build: ask the store again
        # Only this build's keys are kept, so an edition edited many times does not leave its old keys behind.
        self._known = {key: known[key] if key in known else _printed(store, key) for key in keys.values()}
        self._mark = mark
        return {slug: blob for slug, key in keys.items() if (blob := self._known[key]) is not None}


def _printed(store: Store, key: str) -> str | None:
    blob = store.get_record(record_key(key))
    return blob if isinstance(blob, str) and store.has_blobs([blob]) else None


def _stamp(store: Store) -> Stamp | None:
    try:
        return stamp_of(os.stat(store.folder / MARK_FILE))
    except OSError:
        return None


def with_printed(base: str, keys: Mapping[str, str], printed: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The build's keys once the PDFs are known: pages that link a PDF differ from pages that do not, so what is
    printed is part of every key (the index links them too)."""
    if not printed:
        return base, dict(keys)
    mark = "".join(f"{slug}={blob};" for slug, blob in sorted(printed.items())).encode()
    return (digest(base.encode(), mark),
            {slug: digest(key.encode(), printed.get(slug, "").encode()) for slug, key in keys.items()})
