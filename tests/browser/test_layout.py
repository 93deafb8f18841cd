"""The reader's layout as the browser draws it, at five widths: sidenotes beside their words, no gaps in the
text, no overlaps, no sideways scrolling; on a phone a note number opens that note alone, inline."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, FloatRect, Locator, Page, expect

from geometry import MAX_BLANK, WIDTHS, Layout, measure
from siteinfo import PAGES

pytestmark = pytest.mark.browser

SIDENOTES_FROM = 960   # px: glossa.css's 60rem
TWO_MARGINS_FROM = 1440


def open_reader(browser: Browser, reader_url: str, width: int, **options: Any) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.goto(reader_url)
    page.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")
    return context, page


def box(locator: Locator) -> FloatRect:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not drawn"
    return found


def href(locator: Locator) -> str:
    value = locator.get_attribute("href")
    assert value, f"{locator} has no href"
    return value


def check(layout: Layout, where: str) -> None:
    assert layout.blank_ratio <= MAX_BLANK, (f"{where}: {layout.blank:.0f} px blank in the text column, "
                                             f"{layout.blank_ratio:.1%} of the text's {layout.height:.0f} px")
    assert layout.far_from_reference() == [], where
    assert layout.overlaps() == [], where
    assert layout.scroll_width <= layout.client_width, f"{where}: horizontal scroll"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_text_column_has_no_gaps_and_notes_sit_by_their_reference(browser: Browser, reader_url: str,
                                                                       screenshots: Path, width: int) -> None:
    context, page = open_reader(browser, reader_url, width)
    page.screenshot(path=str(screenshots / f"reader-{width}.png"))
    items = page.locator("section.text .note, section.text .callout")
    layout = measure(page)
    check(layout, f"at {width} px")
    if width >= SIDENOTES_FROM:
        assert len(layout.items) == items.count() > 0, "every note and calculation is shown beside the text"
        text_box = box(page.locator("p.body").first)
        sides = {i["id"]: ("right" if i["left"] >= text_box["x"] + text_box["width"] else
                           "left" if i["right"] <= text_box["x"] else "over") for i in layout.items}
        notes = {s for k, s in sides.items() if k.startswith("note-")}
        calcs = {s for k, s in sides.items() if not k.startswith("note-")}
        assert notes == {"right"}, sides
        assert calcs == ({"left"} if width >= TWO_MARGINS_FROM else {"right"}), sides
        if width >= TWO_MARGINS_FROM:  # with a column each, most items sit at their reference line
            near = [d for d in layout.distances().values() if abs(d) <= 40]
            assert len(near) >= len(layout.items) // 2, layout.distances()
    else:
        assert layout.items == [], "on a narrow screen notes stay closed until their number is pressed"
        for ref in (page.locator("p.body a.noteref").first, page.locator("p.body a.calcref").last):
            ref.click()
            opened = measure(page)
            assert len(opened.items) == 1, "a number opens its own note, and only that one"
            check(opened, f"at {width} px with {opened.items[0]['id']} open")
    context.close()


def test_a_collision_pushes_a_note_down_and_opening_it_moves_the_ones_below(browser: Browser, reader_url: str) -> None:
    context, page = open_reader(browser, reader_url, 1024)
    layout = measure(page)
    pushed = [i for i in layout.items if layout.pushed(i)]
    assert pushed, "this edition has notes close enough together to collide at 1024 px"
    first_note = page.locator("section.text .note").first
    below = page.locator("section.text .note").nth(1)
    before = box(below)["y"]
    first_note.locator("button.note-more").click()
    expect(first_note.locator("button.note-more")).to_have_attribute("aria-expanded", "true")
    expect(first_note.locator(".sources")).to_be_visible()
    page.wait_for_function("([el, y]) => el.getBoundingClientRect().top + scrollY > y",
                           arg=[below.element_handle(), before])
    check(measure(page), "at 1024 px with the first note open")
    context.close()


def test_on_a_phone_a_note_opens_alone_inline_with_a_way_back(browser: Browser, reader_url: str) -> None:
    context, page = open_reader(browser, reader_url, 390, is_mobile=True, has_touch=True)
    ref = page.locator("#p-7 a.noteref").first
    note = page.locator(href(ref))
    expect(note).to_be_hidden()
    assert (note.text_content() or "").strip(), "a closed note is still in the page, for find-in-page"
    assert note.get_attribute("hidden") == "until-found"
    ref.click()
    expect(note).to_be_visible()
    expect(note).to_be_focused()
    expect(ref).to_have_attribute("aria-expanded", "true")
    assert page.locator("#p-7 .note, #p-7 .callout").count() == 1, "the note opens inside its paragraph"
    ref_box, note_box = box(ref), box(note)
    assert 0 <= note_box["y"] - (ref_box["y"] + ref_box["height"]) < 40, "the note opens under its number's line"
    visible = page.locator("section.text .note:visible, section.text .callout:visible")
    assert visible.count() == 1, "only that note is open"
    note.locator("a.backlink").click()
    expect(ref).to_be_focused()
    expect(note).to_be_hidden()
    assert page.locator("#p-7 .note").count() == 0, "the closed note went back after its paragraph"
    # a calculation's chip does the same, with a button back
    chip = page.locator("#p-9 a.calcref").first
    callout = page.locator(href(chip))
    chip.click()
    expect(callout).to_be_visible()
    expect(callout).to_be_focused()
    callout.get_by_role("button", name="Back to the text").click()
    expect(chip).to_be_focused()
    expect(callout).to_be_hidden()
    context.close()


def test_a_permalink_to_a_calculation_opens_it_on_a_phone(browser: Browser, reader_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(reader_url)
    target = page.locator("section.text .callout").nth(3).get_attribute("id") or ""
    assert target
    page.goto(reader_url + "#" + target)
    expect(page.locator("#" + target)).to_be_visible()
    assert page.locator("section.text .note:visible, section.text .callout:visible").count() == 1
    context.close()


def test_without_javascript_sidenotes_float_beside_the_text_in_reading_order(browser: Browser, reader_url: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(reader_url)
    layout = measure(page)
    assert len(layout.items) == page.locator("section.text .note, section.text .callout").count() > 0
    assert layout.overlaps() == []
    assert layout.scroll_width <= layout.client_width
    tops = [i["top"] for i in layout.items if i["id"].startswith("note-")]
    assert tops == sorted(tops), "the notes keep their reading order"
    context.close()


@pytest.mark.parametrize("width", [360, 1440])
def test_the_about_page_uses_the_screen_and_never_scrolls_sideways(browser: Browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGES["about"])
    body, article = page.evaluate("[document.body.getBoundingClientRect().width, "
                                  "document.querySelector('main > .about').getBoundingClientRect().width]")
    assert body == width, "the body is not capped (body.about must not match the article's rule)"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "a long URL widens the page"
    if width > 1000:
        assert article > 600
    context.close()
