"""The reader in a real browser: permalinks, notes, glossary popovers, calculations, no-JS reading, layout."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from calcmodules import import_calculations, input_row
from siteinfo import PAGES, PHONE, WIDE

pytestmark = pytest.mark.browser


def box_in_viewport(page, selector: str, whole: bool = True) -> bool:
    """The element's box lies within the viewport (or, for one taller than the screen, at least its start).

    Half a pixel of slack: scrolling to an anchor can leave its top at a sub-pixel offset such as -0.02.
    """
    return page.eval_on_selector(selector, """(el, whole) => {
        const r = el.getBoundingClientRect();
        const bottom = whole ? r.bottom : r.top + Math.min(r.height, 40);
        return r.top >= -0.5 && r.left >= -0.5 && bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5
            && r.height > 0;
    }""", whole)


def overlaps(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


# --- permalinks -----------------------------------------------------------------------------------

def test_paragraph_permalink_opens_marks_and_copies(browser, reader_url, site_url):
    context = browser.new_context(viewport=WIDE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(reader_url + "#p-12")
    assert box_in_viewport(page, "#p-12"), "paragraph 12 is not in view after opening #p-12"
    marked, body = page.evaluate("""() => [getComputedStyle(document.getElementById('p-12')).backgroundColor,
                                          getComputedStyle(document.body).backgroundColor]""")
    assert marked != body and marked not in ("rgba(0, 0, 0, 0)", "transparent"), "the target paragraph is not marked"

    page.goto(reader_url)
    page.click("#p-12 a.pnum")
    expect(page).to_have_url(re.compile(r"#p-12$"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == reader_url + "#p-12"
    expect(page.locator("#glossa-status")).to_have_text(re.compile("copied"))
    context.close()


# --- editor's notes -------------------------------------------------------------------------------

def test_noteref_click_focuses_and_marks_the_note(page, reader_url):
    page.goto(reader_url)
    ref = page.locator("a.noteref").first
    note_id = ref.get_attribute("href")[1:]
    ref.click()
    note = page.locator(f"#{note_id}")
    expect(note).to_be_focused()
    expect(note).to_have_class(re.compile(r"\bis-current\b"))
    assert box_in_viewport(page, f"#{note_id}", whole=False)


def test_notes_by_keyboard_alone(page, reader_url):
    page.goto(reader_url)
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.noteref')"):
            break
    else:
        pytest.fail("no note reference reached with 40 presses of Tab")
    ref_id = page.evaluate("document.activeElement.id")
    note_id = page.evaluate("document.activeElement.getAttribute('href').slice(1)")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{note_id}")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(f"#{ref_id}")).to_be_focused()


# --- glossary popover -----------------------------------------------------------------------------

def definition_text(page, term) -> str:
    """The first sentence of the definition the reader itself prints for this term."""
    entry = term.get_attribute("href")  # the page's own list of terms links each definition to the same entry
    text = page.locator(".term-def").filter(has=page.locator(f"dt a[href='{entry}']")).locator("dd").inner_text()
    return text.split(". ")[0].strip()


def test_popover_on_hover(page, reader_url):
    page.goto(reader_url)
    term = page.locator("a.term").first
    term.hover()
    pop = page.locator("#glossary-popover")
    expect(pop).to_be_visible()
    expect(pop).to_contain_text(definition_text(page, term))
    expect(term).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_popover_by_keyboard(page, reader_url, key):
    page.goto(reader_url)
    term = page.locator("a.term").nth(2)
    term.focus()
    page.keyboard.press(key)
    pop = page.locator("#glossary-popover")
    expect(pop).to_be_visible()
    expect(pop).to_be_focused()
    expect(pop).to_contain_text(definition_text(page, term))
    expect(page).to_have_url(re.compile(re.escape(reader_url) + "$"))  # the link was not followed
    page.keyboard.press("Escape")
    expect(pop).to_be_hidden()
    expect(term).to_be_focused()
    expect(term).to_have_attribute("aria-expanded", "false")


# Once the popover shows, its box and the term's line boxes, read in one call: a term at a time, with the real
# keyboard, costs three round trips to the browser instead of a dozen (97 terms in the edition).
OPEN_POPOVER = """el => {
    const pop = document.getElementById('glossary-popover');   // made by a script loaded on first use
    if (el.getAttribute('aria-expanded') !== 'true') return null;   // open, and for this term
    const box = pop && pop.getBoundingClientRect();
    if (!box || !box.width || !box.height || getComputedStyle(pop).visibility === 'hidden') return null;
    const plain = r => ({x: r.x, y: r.y, width: r.width, height: r.height});
    return {pop: plain(box), term: Array.from(el.getClientRects(), plain), text: el.textContent};
}"""


def test_popover_does_not_cover_the_term_on_a_phone(browser, reader_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(reader_url)
    terms = page.locator("a.term").element_handles()
    assert terms
    for i, term in enumerate(terms):
        term.press("Enter")   # focuses the term, then the real Enter key
        shown = page.wait_for_function(OPEN_POPOVER, arg=term).json_value()
        for rect in shown["term"]:
            assert not overlaps(shown["pop"], rect), f"popover covers term {i} ({shown['text']!r})"
        page.keyboard.press("Escape")
    expect(page.locator("#glossary-popover")).to_be_hidden()
    context.close()


# --- find in page ---------------------------------------------------------------------------------

def test_notes_and_definitions_are_in_the_page_text(page, reader_url):
    page.goto(reader_url)
    text = " ".join(page.inner_text("body").split())
    assert not page.locator("#glossary-popover").is_visible()
    for note in page.locator("aside.note .note-body").all():
        sentence = " ".join(note.text_content().split())[2:80].strip()
        assert sentence in text, f"note text not findable in the page: {sentence!r}"
    for dd in page.locator(".term-def dd").all():
        sentence = " ".join(dd.text_content().split())[:80]
        assert sentence in text, f"definition not findable in the page: {sentence!r}"


# --- calculations ---------------------------------------------------------------------------------

RECOMPUTE = """async () => {
  const data = await (await fetch(document.querySelector('a[data-computations]').href)).json();
  const specs = Object.fromEntries(data.computations.map(c => [c.anchor, c]));
  const built = Object.fromEntries(data.computations.map(c => [c.id, c.result]));  // as the build computed them
  return Array.from(document.querySelectorAll('aside.callout')).map(box => {
    const spec = specs[box.id], env = {};
    for (const input of spec.inputs) env[input.name] = input.computation ? built[input.computation] : input.value;
    const result = Glossa.compute(spec.formula, env);
    const d = spec.claim ? Glossa.displayFor(result, spec.claim) : spec.display;  // context: no claim, no verdict
    return {id: box.id, built: spec.result, result,
            builtVerdict: box.dataset.verdict, verdict: spec.claim ? Glossa.judge(result, spec.claim) : "context",
            builtShown: box.querySelector('output').textContent, shown: Glossa.formatNumber(result, d.decimals, d.percent)};
  });
}"""


def test_browser_recomputes_every_callout_as_the_build_did(page, reader_url):
    page.goto(reader_url)
    import_calculations(page)
    rows = page.evaluate(RECOMPUTE)
    assert len(rows) == page.locator("aside.callout").count() > 0
    wrong = [r for r in rows if (r["result"], r["verdict"], r["shown"]) != (r["built"], r["builtVerdict"], r["builtShown"])]
    assert not wrong, wrong


LOADED_CALCULATIONS = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/calculations/')).length"


def test_the_calculation_modules_load_when_a_working_is_first_opened(page, reader_url):
    page.goto(reader_url, wait_until="networkidle")
    assert page.evaluate(LOADED_CALCULATIONS) == 0, "the page loaded the calculation modules before they were needed"
    share = page.locator("#calc-west-siberia-trotskyist-share")
    expect(input_row(share, "trotskyists").locator("input")).to_have_count(0)
    share.locator("summary").click()
    expect(input_row(share, "trotskyists").locator('input[type="number"]')).to_be_visible()
    assert page.evaluate(LOADED_CALCULATIONS) > 0


def test_changing_an_input_updates_dependent_callouts(page, reader_url):
    page.goto(reader_url)
    share = page.locator("#calc-west-siberia-trotskyist-share")
    national = page.locator("#calc-all-union-west-siberia")
    expect(share).to_have_attribute("data-verdict", "approx")
    expect(national).to_have_attribute("data-verdict", "approx")  # 36,291 is within the precision of "approximately 20%"
    before = national.locator("output").text_content()

    share.locator("summary").click()
    field = input_row(share, "trotskyists").locator('input[type="number"]')
    expect(field).to_be_visible()
    field.fill("1103")  # 1,103 of 5,511 is 20.01%, and 20.01% of 200,000 is 40,029

    expect(share).to_have_attribute("data-verdict", "holds")
    expect(share.locator("output")).to_have_text("20%")  # "about 20%" is judged, and shown, to whole percent
    expect(national).to_have_attribute("data-verdict", "holds")
    expect(national.locator("output")).to_have_text("40,029")
    expect(input_row(national, "share").locator("td").first).to_have_text("20.01%")
    expect(share.locator(".calc-formula")).to_have_text("1,103 ÷ (3,576 + 1,935)")
    expect(national.locator(".calc-formula")).to_have_text("20.01% × 200,000")
    expect(page.locator('p.body a.calcref[href="#calc-all-union-west-siberia"]')).to_have_attribute("data-verdict", "holds")
    # the recomputation agrees with Glossa.compute on the new inputs
    import_calculations(page)
    rows = {r["id"]: r for r in page.evaluate(RECOMPUTE)}
    assert rows["calc-all-union-west-siberia"]["result"] == rows["calc-all-union-west-siberia"]["built"]

    share.locator("button.calc-reset").click()
    expect(share).to_have_attribute("data-verdict", "approx")
    expect(national).to_have_attribute("data-verdict", "approx")
    expect(national.locator("output")).to_have_text(before)
    expect(national.locator(".calc-formula")).to_have_text("18.15% × 200,000")


# --- without JavaScript ---------------------------------------------------------------------------

def test_without_javascript_everything_is_reachable(browser, site_url, reader_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(reader_url)
    notes = page.locator("aside.note")
    assert notes.count() > 0
    for i in range(notes.count()):
        expect(notes.nth(i)).to_be_visible()
    hrefs = {a.get_attribute("href") for a in page.locator("a.term").all()}
    assert hrefs
    for href in sorted(hrefs):  # each term leads to its entry's own page, which is there
        assert href.startswith("../glossary/") and "#" not in href, href
        assert context.request.get(urljoin(reader_url, href)).ok, href
    # Every entry page comes from one template: the first, a middle and the last, opened, show their definition.
    ordered = sorted(hrefs)
    for href in {ordered[0], ordered[len(ordered) // 2], ordered[-1]}:
        page.goto(urljoin(reader_url, href))
        expect(page.locator("article.entry h1")).to_be_visible()
        expect(page.locator("article.entry .definition")).not_to_be_empty()
    context.close()


# --- hygiene --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_errors_and_no_foreign_requests(page, watch, site_url, name):
    page.goto(site_url + PAGES[name], wait_until="networkidle")
    if name == "reader":  # exercise the scripts too
        page.locator("a.term").first.hover()
        page.locator("a.noteref").first.click()
        page.locator("aside.callout summary").first.click()
        page.wait_for_load_state("networkidle")
    assert watch.problems == []


# --- screenshots ---------------------------------------------------------------------------------
# (layout is measured in test_layout.py)

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "wide"])
def test_screenshots(browser, reader_url, screenshots, size, scheme):
    viewport = PHONE if size == "phone" else WIDE
    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=size == "phone")
    page = context.new_page()
    page.goto(reader_url)
    # JPEG: a full page of text as PNG took about 2 s to encode and 4 to 6 MB; JPEG reads as well for a review.
    page.screenshot(path=str(screenshots / f"reader-{size}-{scheme}.jpg"), full_page=True, type="jpeg", quality=80)
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"horizontal scroll: {scroll} > {client}"
    context.close()
