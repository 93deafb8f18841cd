"""Accessibility beyond axe: the keyboard alone, and the accessibility tree as Chromium builds it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from siteinfo import PAGES, PHONE, WIDE

pytestmark = pytest.mark.browser

def tab_to(page: Page, selector: str, limit: int = 400) -> str:
    """Press Tab until the focused element matches; return its id."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return str(page.evaluate("document.activeElement.id"))
    pytest.fail(f"no {selector} reached with {limit} presses of Tab")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
@pytest.mark.parametrize("mark", ["a.noteref", "a.calcref"])
def test_enter_moves_focus_into_a_note_or_calculation_and_escape_returns(browser: Browser, reader_url: str,
                                                                         viewport: ViewportSize, mark: str) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(reader_url)
    tab_to(page, f"p.body {mark}")
    target = page.evaluate("document.activeElement.getAttribute('href').slice(1)")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{target}")).to_be_focused()
    expect(page.locator(f"#{target}")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(f'p.body {mark}[href="#{target}"]')).to_be_focused()  # a chip has no id: nothing links it
    context.close()


def test_every_note_links_back_to_its_reference(page: Page, reader_url: str) -> None:
    page.goto(reader_url)
    pairs = page.evaluate("""() => Array.from(document.querySelectorAll('section.text .note'), note => {
        const back = note.querySelector('a.backlink');
        const ref = back && document.getElementById(back.getAttribute('href').slice(1));
        return [note.id, ref ? ref.getAttribute('href') : null];
    })""")
    assert pairs
    assert [(n, h) for n, h in pairs if h != "#" + n] == []


def test_marks_and_notes_have_natural_names(page: Page, reader_url: str) -> None:
    page.goto(reader_url)
    snapshot = page.locator("section.text").aria_snapshot()
    names = re.findall(r'"([^"]*)"', snapshot)
    assert not [n for n in names if re.search(r"[\[\]]", n)], "a name reads brackets aloud"
    first_ref = page.locator("p.body a.noteref").first
    expect(first_ref).to_have_accessible_name("Note 1")
    note = page.locator(first_ref.get_attribute("href") or "#no-href")
    expect(note).to_have_accessible_name("Note 1")
    expect(page.locator("a.pnum").first).to_have_accessible_name("Paragraph 1")


def test_calculation_chips_have_natural_names(page: Page, reader_url: str) -> None:
    """ "Calculation 1: 8.6%, the author’s figure approximately holds": no stray space before the comma, the
    figure said once, and the same figure as the chip shows."""
    page.goto(reader_url)
    chips = page.locator("p.body a.calcref")
    assert chips.count() > 0
    for k in range(chips.count()):
        chip = chips.nth(k)
        shown = chip.locator(".calcref-value").inner_text()
        expect(chip).to_have_accessible_name(re.compile(
            rf"^Calculation \d+: {re.escape(shown)}, the (author’s figure (holds|approximately holds|does not hold)"
            r"|editor’s working)$"))


def chromium_roles(page: Page) -> list[str]:
    """Every node's role in Chromium's own accessibility tree (not a re-computation)."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    return [n.get("role", {}).get("value", "") for n in nodes if not n.get("ignored")]


def test_notes_are_footnotes_not_landmarks(page: Page, reader_url: str) -> None:
    page.goto(reader_url)
    roles = chromium_roles(page)
    assert roles.count("doc-footnote") == page.locator("section.text .note").count() > 0


def test_the_reader_has_at_most_one_complementary_landmark(page: Page, reader_url: str) -> None:
    page.goto(reader_url)
    roles = chromium_roles(page)
    assert roles.count("complementary") <= 1
    assert roles.count("note") >= page.locator("section.text .callout").count() > 0, "each calculation is a named note"
    expect(page.locator("section.text .callout").first).to_have_accessible_name(re.compile(r"^Calculation 1\b"))


@pytest.mark.parametrize("name", ["reader", "glossary"])
def test_cyrillic_words_carry_their_language(page: Page, site_url: str, name: str) -> None:
    page.goto(site_url + PAGES[name])
    unmarked = page.evaluate("""() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), out = [];
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!/[\\u0400-\\u04ff]/.test(node.data)) continue;
            const lang = node.parentElement.closest('[lang]').getAttribute('lang');
            if (lang !== 'ru' && lang !== 'uk') out.push(node.data.trim().slice(0, 60) + ' (' + lang + ')');
        }
        return out;
    }""")
    assert unmarked == []
    assert page.locator('[lang="ru"], [lang="uk"]').count() > 0
