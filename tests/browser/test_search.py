"""Search in a real browser: Pagefind's index, built from the site's pages, answers "Ciliga" with results paragraph
by paragraph that lead to the paragraph, note or entry holding the word; filters narrow them; without JavaScript
the page says what search needs and where else to look."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

from glossa import urls

pytestmark = pytest.mark.browser

WORD = "Ciliga"


def _search(page: Page, site_url: str, word: str) -> None:
    page.goto(f"{site_url}/{urls.SEARCH_PAGE}")
    form = page.locator("[data-search-form]")
    expect(form).to_be_visible()            # shown once Pagefind has loaded, WebAssembly included
    expect(page.locator("[data-search-needs]")).to_be_hidden()
    page.fill("[data-search-input]", word)
    expect(page.locator("[data-search-status]")).to_contain_text("found")


def test_ciliga_is_found_paragraph_by_paragraph(page: Page, site_url: str, watch) -> None:
    _search(page, site_url, WORD)
    results = page.locator("li.search-result")
    expect(results.first).to_be_visible()
    links = [results.nth(i).locator("a").get_attribute("href") or "" for i in range(results.count())]
    marked = [results.nth(i).locator("mark").all_inner_texts() for i in range(results.count())]
    assert all(any(WORD.lower() in m.lower() for m in marks) for marks in marked), marked
    kinds = set(results.evaluate_all("items => items.map(i => i.dataset.kind)"))
    assert {"text", "note", "glossary"} <= kinds, kinds
    in_text = [href for href in links if "#p-" in href]
    assert in_text, links
    # A paragraph result leads to that paragraph, and the paragraph holds the word.
    target = urljoin(page.url, in_text[0])
    page.goto(target)
    fragment = target.split("#", 1)[1]
    expect(page.locator(f"[id='{fragment}']")).to_contain_text(WORD)
    assert watch.problems == []


def test_the_kind_filter_keeps_only_that_kind(page: Page, site_url: str, watch) -> None:
    _search(page, site_url, WORD)
    for kind in ("text", "glossary", "computation"):
        page.uncheck(f"[data-search-kind][value='{kind}']")
    expect(page.locator("li.search-result").first).to_be_visible()
    kinds = set(page.locator("li.search-result").evaluate_all("items => items.map(i => i.dataset.kind)"))
    assert kinds == {"note"}
    notes = page.locator("li.search-result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all("#note-" in href for href in notes), notes
    assert watch.problems == []


def test_the_edition_filter_lists_the_editions_and_narrows(page: Page, site_url: str, watch) -> None:
    _search(page, site_url, WORD)
    options = page.locator("[data-search-edition] option").all_inner_texts()
    assert len(options) >= 2
    page.select_option("[data-search-edition]", label=options[1])
    expect(page.locator("li.search-result").first).to_be_visible()
    assert page.locator("li.search-result").count() > 0
    assert watch.problems == []


def test_without_javascript_the_page_says_what_search_needs(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{urls.SEARCH_PAGE}")
    needs = page.locator("[data-search-needs]")
    expect(needs).to_be_visible()
    expect(needs).to_contain_text("JavaScript")
    hrefs = needs.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert urls.page_url(urls.SEARCH_PAGE, urls.GLOSSARY_PAGE) in hrefs
    assert urls.page_url(urls.SEARCH_PAGE, urls.INDEX_PAGE) in hrefs
    expect(page.locator("[data-search-form]")).to_be_hidden()
    context.close()
