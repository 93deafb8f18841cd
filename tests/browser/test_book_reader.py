"""A book-length edition in the browser (tests/fixtures/book): the contents page reads, leads to each part,
and a part's page behaves as the reader does (notes, calculations), with previous/next links between parts."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from glossa import urls
from glossa.cli import main
from serving import serve_folder
from calcmodules import import_calculations
from test_reader import RECOMPUTE

BOOK = Path(__file__).resolve().parents[1] / "fixtures" / "book" / "content"
EDITION = next(p for p in (BOOK / "editions").iterdir() if p.is_dir())
SLUG = EDITION.name
PARTS = yaml.safe_load((EDITION / "edition.yaml").read_text(encoding="utf-8"))["parts"]


@pytest.fixture(scope="module")
def book_url(tmp_path_factory: pytest.TempPathFactory, project_root: Path) -> Iterator[str]:
    site = tmp_path_factory.mktemp("book") / "site"
    assert main(["build", "--content", str(BOOK), "--site", str(site), "--cache",
                 str(site.parent / "cache")], root=project_root) == 0
    server = serve_folder(site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def problems_of(page: Page) -> list[str]:
    """Console errors, uncaught exceptions and failed requests of the page, as they happen."""
    found: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and found.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: found.append(f"page error: {exc}"))
    # A request the browser aborts because the test has already navigated on is no failure of the site.
    page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED" and found.append(f"failed: {req.url}"))
    page.on("response", lambda res: res.status >= 400 and found.append(f"HTTP {res.status}: {res.url}"))
    return found


def folder_url(base: str, page: str) -> str:
    return base + page.removesuffix("index.html")


def test_contents_page_lists_every_part_and_leads_to_it(page: Page, book_url: str) -> None:
    problems = problems_of(page)
    page.goto(folder_url(book_url, urls.contents_page(SLUG)))
    expect(page.locator("h1")).to_be_visible()
    items = page.locator("ol.contents-list > li")
    expect(items).to_have_count(len(PARTS))
    for n, part in enumerate(PARTS):
        expect(items.nth(n).locator("a")).to_have_text(part["title"])
    items.nth(0).locator("a").click()
    expect(page).to_have_url(folder_url(book_url, urls.part_page(SLUG, PARTS[0]["id"])))
    expect(page.locator("h2.part-title")).to_have_text(PARTS[0]["title"])
    assert not problems, problems


def test_a_part_page_reads_like_the_reader_and_links_to_the_next_part(page: Page, book_url: str) -> None:
    problems = problems_of(page)
    page.goto(folder_url(book_url, urls.part_page(SLUG, PARTS[0]["id"])))
    ref = page.locator("a.noteref").first
    note_id = (ref.get_attribute("href") or "")[1:]
    ref.click()
    note = page.locator(f"#{note_id}")
    expect(note).to_be_focused()
    expect(note).to_have_class(re.compile(r"\bis-current\b"))

    page.locator('a[rel="next"]').first.click()
    expect(page).to_have_url(folder_url(book_url, urls.part_page(SLUG, PARTS[1]["id"])))
    page.locator('a[rel="prev"]').first.click()
    expect(page).to_have_url(folder_url(book_url, urls.part_page(SLUG, PARTS[0]["id"])))
    assert not problems, problems


def test_calculations_on_a_part_page_recompute_as_built(page: Page, book_url: str) -> None:
    problems = problems_of(page)
    for part in PARTS:
        page.goto(folder_url(book_url, urls.part_page(SLUG, part["id"])))
        page.wait_for_function("() => typeof Glossa !== 'undefined'")
        import_calculations(page)  # the page loads them only when a working is opened
        rows = page.evaluate(RECOMPUTE)
        assert len(rows) == page.locator("aside.callout").count()
        wrong = [r for r in rows if (r["result"], r["verdict"], r["shown"])
                 != (r["built"], r["builtVerdict"], r["builtShown"])]
        assert not wrong, wrong
    assert not problems, problems


def test_only_the_contents_page_shows_the_full_title_page_and_each_part_a_compact_header(page: Page,
                                                                                         book_url: str) -> None:
    meta = yaml.safe_load((EDITION / "edition.yaml").read_text(encoding="utf-8"))
    contents = folder_url(book_url, urls.contents_page(SLUG))
    page.goto(contents)
    full = page.locator("header.title-block")
    expect(full.locator("h1")).to_have_text(meta["title"])
    expect(full.locator("dl.imprint")).to_be_visible()
    expect(full.locator("[data-format]").first).to_be_attached()
    full_height = (full.bounding_box() or {})["height"]

    for part in PARTS:
        page.goto(folder_url(book_url, urls.part_page(SLUG, part["id"])))
        header = page.locator("header.title-block")
        expect(header.locator("h1")).to_have_text(meta["title"])          # the book is still named
        expect(header.locator(".author")).to_have_text(meta["author"])
        expect(header.locator("dl.imprint, .dateline, [data-format]")).to_have_count(0)
        title_page = header.get_by_role("link", name="Title page and contents")
        assert page.evaluate("a => a.href", title_page.element_handle()) == contents
        expect(header.get_by_role("link", name="About this edition")).to_be_visible()
        height = (header.bounding_box() or {})["height"]
        assert height < full_height / 2, f"{part['id']}: header {height:.0f} px against the title page's {full_height:.0f}"
