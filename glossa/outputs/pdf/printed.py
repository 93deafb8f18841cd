"""Which editions have a PDF printed from their current inputs: a cache record per edition key -> PDF blob."""
from __future__ import annotations

from collections.abc import Mapping

from ...build.store import Store, digest


def record_key(edition_key: str) -> str:
    """Where the PDF printed from the edition whose pages have cache key `edition_key` is recorded."""
    return digest(b"printed-pdf", edition_key.encode())


def printed_pdfs(store: Store, keys: Mapping[str, str]) -> dict[str, str]:
    """slug -> PDF blob digest, for the editions (slug -> cache key) printed from these very inputs."""
    found = {}
    for slug, key in keys.items():
        blob = store.get_record(record_key(key))
        if isinstance(blob, str) and store.has_blobs([blob]):
            found[slug] = blob
    return found


def with_printed(base: str, keys: Mapping[str, str], printed: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The build's keys once the PDFs are known: pages that link a PDF differ from pages that do not, so what is
    printed is part of every key (the index links them too)."""
    if not printed:
        return base, dict(keys)
    mark = "".join(f"{slug}={blob};" for slug, blob in sorted(printed.items())).encode()
    return (digest(base.encode(), mark),
            {slug: digest(key.encode(), printed.get(slug, "").encode()) for slug, key in keys.items()})
