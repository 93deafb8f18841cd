"""A paragraph's number offers its citation: edition, version, ¶ number and address, shown in a panel, copied by a
button, reachable and announced without a mouse, and opened without moving the text or the notes."""
from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Browser, expect

from editions import FIRST_EDITION, ROOT
from siteinfo import PHONE, READER, WIDE

pytestmark = pytest.mark.browser

META = yaml.safe_load((ROOT / "content/editions" / FIRST_EDITION / "edition.yaml").read_text(encoding="utf-8"))
SITE = yaml.safe_load((ROOT / "content/site.yaml").read_text(encoding="utf-8"))
PUBLIC_URL = SITE["base_url"].rstrip("/") + READER   # the address a citation gives: the public one, not the test server's
PARAGRAPH = 3


def expected_citation() -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(META['author'])}, .+ version {re.escape(str(META['version']))}, "
                      rf"¶ {PARAGRAPH}, {re.escape(PUBLIC_URL)}#p-{PARAGRAPH}$")


def positions(page) -> dict[str, float]:
    """Where the next paragraph and every note sit: opening a citation must move none of them."""
    return page.evaluate(f"""() => {{
        const out = {{next: document.getElementById('p-{PARAGRAPH + 1}').getBoundingClientRect().top + scrollY}};
        document.querySelectorAll('aside.note, aside.callout').forEach(el => {{
            out[el.id] = el.getBoundingClientRect().top + scrollY; }});
        return out;
    }}""")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_clicking_a_paragraph_number_shows_its_citation_and_copies_it(browser: Browser, site_url: str,
                                                                      viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(site_url + READER)
    number = page.locator(f"#p-{PARAGRAPH} a.pnum")
    panel = page.locator(f"[data-cite-for='p-{PARAGRAPH}']")
    expect(number).to_have_attribute("aria-expanded", "false")
    expect(panel).not_to_be_in_viewport()
    before = positions(page)

    number.click()
    expect(panel).to_be_visible()
    expect(number).to_have_attribute("aria-expanded", "true")
    expect(panel.locator("cite")).to_have_text(expected_citation())
    box, width = panel.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)  # no sideways scroll
    assert positions(page) == before, "opening the citation moved the text or the notes"

    copy = panel.get_by_role("button", name="Copy citation")
    expect(copy).to_be_focused()
    copy.click()
    expect(page.locator("#glossa-status")).to_have_text(f"Citation of paragraph {PARAGRAPH} copied")
    assert page.evaluate("navigator.clipboard.readText()") == panel.locator("cite").text_content()
    context.close()


def test_the_citation_is_reachable_and_announced_from_the_keyboard_alone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=WIDE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(site_url + READER)
    number = page.locator(f"#p-{PARAGRAPH} a.pnum")
    number.focus()
    page.keyboard.press("Enter")

    group = page.get_by_role("group", name=f"Citation of paragraph {PARAGRAPH}")
    expect(group).to_be_visible()
    expect(number).to_have_attribute("aria-controls", group.get_attribute("id") or "")
    expect(page.locator("#glossa-status")).to_have_text(f"Link to paragraph {PARAGRAPH} copied")
    expect(group.get_by_role("button", name="Copy citation")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#glossa-status")).to_have_text(f"Citation of paragraph {PARAGRAPH} copied")
    assert expected_citation().match(page.evaluate("navigator.clipboard.readText()"))

    page.keyboard.press("Tab")
    expect(group.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(group).to_have_class(re.compile(r"\bvisually-hidden\b"))   # back to a screen reader's text only
    assert group.bounding_box()["width"] <= 1
    expect(number).to_be_focused()
    expect(number).to_have_attribute("aria-expanded", "false")
    context.close()


def test_without_javascript_each_paragraph_keeps_its_citation_for_screen_readers(browser: Browser,
                                                                                site_url: str) -> None:
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + READER)
    cite = page.locator(f"[data-cite-for='p-{PARAGRAPH}'] cite")
    expect(cite).to_have_text(expected_citation())
    expect(cite).not_to_be_in_viewport()   # visually hidden, still in the page's text
    context.close()
