"""The reader printed, as Chromium's own PDF output gives it: an offprint of at most ten A4 pages, a
measure of 60-75 characters, notes under their paragraph, calculations reduced to their verdict, the title
page with citation and address first, and none of the screen's chrome."""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MAX_PAGES = 10


@pytest.fixture
def printed(browser: Browser, reader_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(reader_url)
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    yield page
    context.close()


def test_the_pdf_is_an_offprint_of_at_most_ten_pages(printed: Page, reader_url: str, screenshots: Path) -> None:
    pdf = PdfReader(io.BytesIO(printed.pdf(format="A4", prefer_css_page_size=True)))
    assert len(pdf.pages) <= MAX_PAGES, f"the reader prints on {len(pdf.pages)} A4 pages"
    first = " ".join(pdf.pages[0].extract_text().split())
    title = printed.locator("h1").inner_text()
    author = printed.locator(".title-block .author").inner_text()
    for expected in (" ".join(title.split()[:4]), "Written", "First published", "Cite as", reader_url.split("#")[0]):
        assert expected in first, f"{expected!r} is not on the first printed page"
    assert author.lower() in first.lower()
    everything = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for chrome in ("Skip to the content", "Built with Glossa", "Back to the text", "Inputs and working", "More of note"):
        assert chrome not in everything, f"screen chrome {chrome!r} is printed"
    printed.screenshot(path=str(screenshots / "reader-print.png"))


def test_the_printed_measure_is_60_to_75_characters(printed: Page) -> None:
    per_line = printed.evaluate("""() => Array.from(document.querySelectorAll('p.body'), p => {
        const lines = p.getClientRects().length ? Math.round(p.getBoundingClientRect().height
            / parseFloat(getComputedStyle(p).lineHeight)) : 0;
        return lines > 3 ? p.textContent.replace(/\\s+/g, ' ').length / lines : null;
    }).filter(x => x !== null)""")
    assert per_line
    average = sum(per_line) / len(per_line)
    assert 60 <= average <= 75, f"{average:.0f} characters a line"


def test_printed_notes_follow_their_paragraph_and_calculations_print_their_verdict(printed: Page) -> None:
    rows = printed.evaluate("""() => Array.from(document.querySelectorAll('section.text .note, section.text .callout'), el => {
        const para = el.closest('.para'), body = para.querySelector('p.body'), next = para.nextElementSibling;
        const r = el.getBoundingClientRect();
        return {id: el.id, visible: r.height > 0, top: r.top, height: r.height,
                after: body.getBoundingClientRect().bottom, before: next ? next.getBoundingClientRect().top : Infinity,
                verdict: el.classList.contains('callout') ? (el.querySelector('.verdict') || {}).innerText || '' : null,
                lines: r.height / parseFloat(getComputedStyle(el).lineHeight)};
    })""")
    assert rows
    for row in rows:
        assert row["visible"], f"{row['id']} is not printed"
        assert row["after"] <= row["top"] < row["before"], f"{row['id']} is not printed under its own paragraph"
        if row["verdict"] is not None:
            assert row["verdict"].strip(), f"{row['id']} prints no verdict"
            assert row["lines"] <= 4, f"{row['id']} prints {row['lines']:.0f} lines, not just its verdict"
