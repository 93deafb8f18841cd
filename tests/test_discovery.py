"""Sitemap, Atom feed, robots.txt and the plain text: parsed as what they are, dated from content only."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import yaml

from glossa import urls

from editions import FIRST_EDITION, ROOT
from test_book import PARTS, SLUG, Book

SITE = yaml.safe_load((ROOT / "content/site.yaml").read_text(encoding="utf-8"))
META = yaml.safe_load((ROOT / "content/editions" / FIRST_EDITION / "edition.yaml").read_text(encoding="utf-8"))
SM, ATOM = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/2005/Atom}"


def sitemap_and_pages(site: Path, base_url: str) -> tuple[list[str], set[str]]:
    """The addresses the sitemap lists, in order, and the public address of every HTML page written."""
    root = ET.parse(site / urls.SITEMAP_FILE).getroot()
    listed = [u.findtext(f"{SM}loc") or "" for u in root.iter(f"{SM}url")]
    pages = {urls.absolute(base_url, urls.Target(page=p.relative_to(site).as_posix())) for p in site.rglob("*.html")}
    return listed, pages


def test_the_sitemap_lists_every_html_page_at_its_public_address(built_site):
    listed, pages = sitemap_and_pages(built_site, SITE["base_url"])
    assert sorted(listed) == sorted(pages), "every page once, and nothing else"
    root = ET.parse(built_site / urls.SITEMAP_FILE).getroot()
    reader = next(u for u in root.iter(f"{SM}url")
                  if u.findtext(f"{SM}loc") == SITE["base_url"] + FIRST_EDITION + "/")
    assert reader.findtext(f"{SM}lastmod") == META["changelog"][0]["date"]


def test_the_sitemap_lists_a_books_contents_page_and_every_part_page(tmp_path):
    book = Book(tmp_path / "project")
    assert book.build() == 0
    base_url = yaml.safe_load((book.content / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    listed, pages = sitemap_and_pages(book.site, base_url)
    assert sorted(listed) == sorted(pages), "every page once, and nothing else"
    parts = [urls.absolute(base_url, urls.Target(page=urls.part_page(SLUG, p["id"]))) for p in PARTS]
    assert len(parts) > 1 and set(parts) <= set(listed)
    # In reading order, after the contents page, so the sitemap reads like the book.
    contents = listed.index(urls.absolute(base_url, urls.Target(page=urls.contents_page(SLUG))))
    assert listed[contents + 1:contents + 1 + len(parts)] == parts


def test_the_feed_has_an_entry_per_version_dated_by_the_changelog(built_site):
    feed = ET.parse(built_site / urls.FEED_FILE).getroot()
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}id")
    entries = feed.findall(f"{ATOM}entry")
    versions = {v["version"]: v["date"] for v in META["changelog"]}
    mine = [e for e in entries if FIRST_EDITION in (e.findtext(f"{ATOM}id") or "")]
    assert len(mine) == len(versions)
    for entry in mine:
        version = entry.findtext(f"{ATOM}id").rsplit("#v-", 1)[1]
        assert entry.findtext(f"{ATOM}updated") == versions[version] + "T00:00:00Z"
        for tag in ("title", "summary", "author"):
            assert entry.find(f"{ATOM}{tag}") is not None
    assert feed.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_robots_names_the_sitemap(built_site):
    lines = (built_site / urls.ROBOTS_FILE).read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE['base_url']}{urls.SITEMAP_FILE}" in lines


def test_the_plain_text_numbers_every_paragraph_of_the_base_text(built_site):
    text = (built_site / urls.plain_text_file(FIRST_EDITION)).read_text(encoding="utf-8")
    numbered = [block for block in text.split("\n\n") if block.startswith("¶")]
    reader = (built_site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8")
    count = reader.count('class="pnum"')
    assert [int(b[1:].split(" ", 1)[0]) for b in numbered] == list(range(1, count + 1))
    source = (ROOT / "content/editions" / FIRST_EDITION / "source.txt").read_text(encoding="utf-8")
    for block in numbered:
        assert block.split(" ", 1)[1] in source   # paragraphs are single lines in this transcription
