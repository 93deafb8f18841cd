"""Accessibility of every page: axe-core in light and dark, headings, landmarks, skip link, focus, roles."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from siteinfo import PAGES, READER

pytestmark = pytest.mark.browser

# `include`: selectors of the parts to check (axe's context); the whole document when empty.
RUN_AXE = """async (include) => {
    const context = include && include.length ? {include: include.map(selector => [selector])} : document;
    const result = await axe.run(context, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))
    }));
}"""


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_no_violations(browser, site_url, axe_script, name, scheme):
    # The pages forbid scripts from elsewhere (CSP script-src 'self'); axe is injected, so the test bypasses it.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    if name == "reader":  # check the enhanced parts too: open every calculation's working (inputs, buttons)
        page.eval_on_selector_all("details", "els => els.forEach(d => { d.open = true; })")
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(RUN_AXE, [])
    assert not violations, f"axe on {name} ({scheme}):\n{describe(violations)}"
    # Then the reader in three more states, each checked where it changed the page: the rest is as checked above,
    # and axe over the whole reader takes over a second a run.
    if name == "reader":  # and the glossary popover, open
        page.locator("a.term").first.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#glossary-popover")).to_be_visible()
        violations = page.evaluate(RUN_AXE, ["#glossary-popover", "a.term[aria-expanded]"])
        assert not violations, f"axe on the reader with the popover open ({scheme}):\n{describe(violations)}"
        page.keyboard.press("Escape")
        page.locator("a.noteref").first.click()  # a marked note, and a marked paragraph: their colours too
        page.evaluate("location.hash = 'p-12'")
        expect(page.locator("#p-12")).to_have_css("background-color", page.locator(".note.is-current").evaluate(
            "el => getComputedStyle(el).backgroundColor"))
        violations = page.evaluate(RUN_AXE, ["#p-12", ".note.is-current"])
        assert not violations, f"axe on the reader with a marked note and paragraph ({scheme}):\n{describe(violations)}"
        page.locator("#p-12 a.pnum").click()  # a paragraph's citation, open over the text
        expect(page.locator("[data-cite-for='p-12'] button")).to_have_count(2)
        violations = page.evaluate(RUN_AXE, ["#p-12", "[data-cite-for='p-12']"])
        assert not violations, f"axe on the reader with a paragraph's citation open ({scheme}):\n{describe(violations)}"
    context.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_document_structure(page, site_url, name):
    page.goto(site_url + PAGES[name])
    assert page.get_attribute("html", "lang"), "html[lang] is not set"
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels.count(1) == 1, f"{name} has {levels.count(1)} h1 elements"
    assert levels[0] == 1, f"{name} starts with h{levels[0]}"
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not skips, f"heading levels skip on {name}: {skips}"
    for role in ("banner", "navigation", "main", "contentinfo"):
        expect(page.get_by_role(role).first).to_be_attached()
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.locator("body > header").count() == 1 and page.locator("body > footer").count() == 1


@pytest.mark.parametrize("name", sorted(PAGES))
def test_skip_link_comes_first_and_reaches_main(page, site_url, name):
    page.goto(site_url + PAGES[name])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main_content"]
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0"), "skip link not shown on focus"
    page.keyboard.press("Enter")
    expect(page.locator("main#main_content")).to_be_focused()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focused_link_has_a_visible_outline(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + READER)
    for _ in range(3):  # skip link, then the site's name, then the first navigation link
        page.keyboard.press("Tab")
    style = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {tag: document.activeElement.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                color: s.outlineColor, bg: getComputedStyle(document.body).backgroundColor};
    }""")
    assert style["tag"] == "A"
    assert style["style"] != "none" and style["width"] >= 2, style
    assert style["color"] != style["bg"], style
    context.close()


def test_notes_and_references_have_their_roles(page, site_url):
    page.goto(site_url + READER)
    notes, refs = page.locator("aside.note"), page.locator("a.noteref")
    assert notes.count() > 0 and refs.count() > 0
    assert notes.count() == page.locator('aside.note[role="doc-footnote"]').count()
    assert refs.count() == page.locator('a.noteref[role="doc-noteref"]').count()
    assert page.locator("aside.note a.backlink").count() == notes.count()
    assert page.locator('a.backlink[role="doc-backlink"]').count() == notes.count()
