"""The files an edition offers for download beside its pages, as blobs in the build's store: its EPUB, always,
and its PDF when `build.py pdf` has printed one from exactly these pages (outputs/pdf/)."""
from __future__ import annotations

from collections.abc import Mapping

from .. import urls
from ..build.store import Store
from ..model import Edition
from .epub import epub_book


def export_blobs(edition: Edition, store: Store, printed: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(path under site/, blob digest) for each download of `edition`; `printed` maps slugs to their PDF's blob."""
    slug = edition.meta.slug
    files = [(urls.epub_file(slug), store.put_blob(epub_book(edition, store.compiled_templates)))]
    if slug in printed:
        files.append((urls.pdf_file(slug), printed[slug]))
    return tuple(files)
