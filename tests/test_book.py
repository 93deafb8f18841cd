"""Book-length editions: an edition in several part files (tests/fixtures/book), with a contents page, a
reader page per part, paragraph anchors that restart in each part and stay put when a part is added, and
notes, glossary and computations that work across parts."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from glossa import urls
from glossa.cli import main
from test_links import broken_links, parse

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "fixtures" / "book" / "content"
EDITION = next(p for p in (BOOK / "editions").iterdir() if p.is_dir())
SLUG = EDITION.name
PARTS = yaml.safe_load((EDITION / "edition.yaml").read_text(encoding="utf-8"))["parts"]


class Book:
    """A throwaway project holding the fixture book, with the real templates and schemas."""

    def __init__(self, root: Path) -> None:
        for folder in ("templates", "schemas"):
            shutil.copytree(ROOT / folder, root / folder)
        shutil.copytree(BOOK, root / "content")
        self.root, self.content, self.site = root, root / "content", root / "site"

    def build(self) -> int:
        return main(["build", "--site", str(self.site)], root=self.root)

    def check(self, *args: str) -> int:
        return main(["check", *args], root=self.root)


@pytest.fixture
def book(tmp_path: Path) -> Book:
    return Book(tmp_path / "project")


def body_blocks(part: dict[str, str]) -> list[str]:
    """The paragraphs of a part's file as written: in the first part, those after the provenance block."""
    blocks = [b for b in (EDITION / part["file"]).read_text(encoding="utf-8").split("\n\n") if b.strip()]
    if part is PARTS[0]:
        blocks = blocks[next(n for n, b in enumerate(blocks) if b.startswith("Written:")) + 1:]
    return blocks


def paragraphs_of(page: Path) -> dict[str, str]:
    """Each body paragraph's id on a reader page, with its text (tags and whitespace dropped)."""
    html = page.read_text(encoding="utf-8")
    found = re.findall(r'<p id="(p-\d+)" class="body">(.*?)</p>', html, re.S)
    return {pid: " ".join(re.sub(r"<[^>]+>", "", body).split()) for pid, body in found}


def test_the_book_checks_strictly_and_builds_a_contents_page_and_a_page_per_part(book: Book) -> None:
    assert book.check("--strict") == 0
    assert book.build() == 0
    contents = book.site / urls.contents_page(SLUG)
    html = contents.read_text(encoding="utf-8")
    for part in PARTS:
        page = book.site / urls.part_page(SLUG, part["id"])
        assert page.is_file(), part["id"]
        assert f'href="{part["id"]}/"' in html and part["title"] in html
        first_paragraph = body_blocks(part)[0]
        assert " ".join(first_paragraph.split()[:6]) in html
    assert 'class="body"' not in html, "the contents page shows no text of its own"


def test_paragraph_numbers_restart_in_each_part(book: Book) -> None:
    assert book.build() == 0
    for part in PARTS:
        body = body_blocks(part)
        found = paragraphs_of(book.site / urls.part_page(SLUG, part["id"]))
        assert list(found) == [f"p-{n}" for n in range(1, len(body) + 1)], part["id"]


def test_previous_and_next_links_lead_through_the_parts_and_every_link_resolves(book: Book) -> None:
    assert book.build() == 0
    for n, part in enumerate(PARTS):
        page = book.site / urls.part_page(SLUG, part["id"])
        html = page.read_text(encoding="utf-8")
        prev_links = re.findall(r'href="([^"]+)" rel="prev"', html)
        next_links = re.findall(r'href="([^"]+)" rel="next"', html)
        assert prev_links == ([f"../{PARTS[n - 1]['id']}/"] * 2 if n > 0 else [])
        assert next_links == ([f"../{PARTS[n + 1]['id']}/"] * 2 if n + 1 < len(PARTS) else [])
    checked, problems = broken_links(book.site)
    assert checked > 30
    assert not problems, "\n".join(problems)


def test_annotations_and_computations_work_across_parts(book: Book) -> None:
    assert book.build() == 0
    pages = {p["id"]: (book.site / urls.part_page(SLUG, p["id"])).read_text(encoding="utf-8") for p in PARTS}
    notes = [(part, n.stem) for n in (EDITION / "notes").glob("*.yaml")
             for part in [yaml.safe_load(n.read_text(encoding="utf-8"))["part"]]]
    for part, note in notes:
        assert f'id="{urls.note_id(note)}"' in pages[part]
        assert all(f'id="{urls.note_id(note)}"' not in html for other, html in pages.items() if other != part)
    data = json.loads((book.site / urls.computations_data(SLUG)).read_text(encoding="utf-8"))
    across = [c for c in data["computations"] if len({i["part"] for i in c["inputs"] if i["part"]}) > 1]
    assert across, "the fixture has a computation whose inputs come from two parts"
    for c in across:
        home = pages[c["part"]]
        assert f'id="{urls.callout_id(c["id"])}"' in home
        for i in c["inputs"]:
            if i["part"] != c["part"]:  # linked to the other part's page, not to a paragraph of this one
                assert f'href="../{i["part"]}/#{urls.paragraph_id(i["paragraph"])}"' in home
    entry = (book.site / urls.entry_page("kingdom")).read_text(encoding="utf-8")
    for part in PARTS:  # the kingdom is named in every part, and its entry's page names the part of each use
        assert f"{data['title']}, {part['title']}" in entry
        assert f'href="../../{SLUG}/{part["id"]}/#p-' in entry


def test_a_part_added_in_the_middle_leaves_the_other_parts_anchors_unchanged(book: Book) -> None:
    assert book.build() == 0
    before = {p["id"]: paragraphs_of(book.site / urls.part_page(SLUG, p["id"])) for p in PARTS}
    text = "An interlude of two paragraphs.\n\nIts second paragraph, which no annotation names.\n"
    new_file = book.content / "editions" / SLUG / "parts" / "02-interlude.txt"
    new_file.write_text(text, encoding="utf-8")
    meta = book.content / "editions" / SLUG / "edition.yaml"
    entry = (f"  - id: interlude\n    title: An interlude\n    file: parts/02-interlude.txt\n"
             f"    sha256: {hashlib.sha256(text.encode()).hexdigest()}\n")
    lines = meta.read_text(encoding="utf-8").split("\n")
    second = lines.index(f"  - id: {PARTS[1]['id']}")
    meta.write_text("\n".join(lines[:second]) + "\n" + entry + "\n".join(lines[second:]), encoding="utf-8")
    assert book.build() == 0
    for part in PARTS:
        assert paragraphs_of(book.site / urls.part_page(SLUG, part["id"])) == before[part["id"]], part["id"]
    assert list(paragraphs_of(book.site / urls.part_page(SLUG, "interlude"))) == ["p-1", "p-2"]
    first = (book.site / urls.part_page(SLUG, PARTS[0]["id"])).read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)" rel="next"', first) == ["../interlude/"] * 2


def test_a_part_file_is_checked_against_its_recorded_sha256(book: Book, capsys: pytest.CaptureFixture[str]) -> None:
    path = EDITION.relative_to(BOOK) / PARTS[-1]["file"]
    changed = book.content / path
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA paragraph nobody received.\n", encoding="utf-8")
    assert book.check() == 1
    assert "G180" in capsys.readouterr().err


def test_the_real_edition_has_no_parts_and_its_reader_stays_one_page(built_site: Path) -> None:
    """An edition without parts: is exactly as before (its byte-identity was checked by building the site before
    and after this feature; here, that it has no contents page or part folders)."""
    edition = next(p for p in built_site.iterdir() if (p / "about.html").is_file())
    html = (edition / "index.html").read_text(encoding="utf-8")
    assert 'class="part-nav"' not in html and 'class="body"' in html
    assert not [p for p in edition.iterdir() if p.is_dir() and p.name != urls.VERSIONS_FOLDER]   # released versions
