"""Print each edition's reader to PDF in Chromium (the one glossa/chromium.py finds, as for the browser tests),
from the built site.

The pages are opened from a temporary copy of the site (file://, so no server is needed; the print stylesheet
needs no script), printed on A4 as the print stylesheet lays them out, and made deterministic with pypdf: the
dates Chromium stamps from the clock are replaced by the edition's own date and its random file identifier is
dropped. A book-length edition is printed page by page (contents, then each part in order) into one PDF."""
from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ... import urls
from ...build.store import Store
from ...chromium import FLAGS, find_chromium
from .printed import mark_printed, record_key



def print_editions(manifest: dict[str, str], print_keys: Sequence[tuple[str, str]], store: Store) -> list[str]:
    """Print every edition not yet printed from its current inputs; the slugs printed now."""
    todo = [(slug, key) for slug, key in print_keys
            if not isinstance(store.get_record(record_key(key)), str) and urls.reader_page(slug) in manifest]
    if not todo:
        return []
    with tempfile.TemporaryDirectory(prefix="glossa-pdf-") as tmp, _browser() as browser:
        site = Path(tmp)
        for path, blob in manifest.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(store.blob_path(blob), target)
        for slug, key in todo:
            pages = [_print(browser, site / page) for page in _pages_of(slug, manifest, site)]
            date = _content_date(store.read_blob(manifest[urls.epub_file(slug)]))
            store.put_record(record_key(key), store.put_blob(deterministic(pages, date, site.as_uri() + "/")))
            mark_printed(store)   # after each record: a running serve then finds the PDFs printed so far
    return [slug for slug, _ in todo]


def deterministic(pdfs: Sequence[bytes], date: str, local: str) -> bytes:
    """One PDF of `pdfs` in order, dated `date` (YYYY-MM-DD) and with no file identifier, so the same pages
    always give the same bytes. Links into the temporary copy of the site (`local`, a file:// URL) are removed:
    they would lead nowhere once the PDF is downloaded, and would spell a temporary path."""
    from pypdf import PdfReader, PdfWriter   # the test extra's pypdf; imported only when printing
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        annotations = page["/Annots"].get_object() if "/Annots" in page else None
        if isinstance(annotations, ArrayObject):
            kept = [a for a in annotations
                    if not str(a.get_object().get("/A", {}).get("/URI", "")).startswith(local)]
            page[NameObject("/Annots")] = ArrayObject(kept)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)   # the removed links' objects
    stamp = "D:" + date.replace("-", "") + "000000Z"
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp, "/Producer": "Glossa (Chromium)"})
    writer._ID = None   # Chromium's identifier is random per run; PDF requires one only when encrypted
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pages_of(slug: str, manifest: dict[str, str], site: Path) -> list[str]:
    """The reader; for a book, its contents page and then each part's page, in the order the contents list them."""
    reader = urls.reader_page(slug)
    parts = [p for p in manifest if p.startswith(f"{slug}/") and p.count("/") == 2 and p.endswith("/index.html")]
    if not parts:
        return [reader]
    contents = (site / reader).read_text(encoding="utf-8")
    order = {p: contents.find(f'href="{p.split("/")[1]}/"') for p in parts}
    return [reader, *sorted((p for p in parts if order[p] >= 0), key=order.__getitem__)]


def _content_date(epub: bytes) -> str:
    """The edition's date as its EPUB gives it (taken from content, never from the clock)."""
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        package = archive.read("EPUB/package.opf").decode("utf-8")
    found = re.search(r'property="dcterms:modified">(\d{4}-\d{2}-\d{2})', package)
    if found is None:
        raise RuntimeError("the EPUB gives no date")
    return found.group(1)


def _print(browser: Any, page_file: Path) -> bytes:
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        page.emulate_media(media="print")
        return bytes(page.pdf(format="A4", prefer_css_page_size=True, print_background=False))
    finally:
        page.close()


@contextmanager
def _browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright   # the test extra's Playwright; only `build.py pdf` needs it

    chromium = find_chromium()
    if chromium.path is None:
        raise RuntimeError(chromium.problem)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium.path), args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()
