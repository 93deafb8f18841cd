"""Sitemap, Atom feed, robots.txt and the plain text: parsed as what they are, dated from content only."""
from __future__ import annotations

from xml.etree import ElementTree as ET

import yaml

from glossa import urls

from editions import FIRST_EDITION, ROOT

SITE = yaml.safe_load((ROOT / "content/site.yaml").read_text(encoding="utf-8"))
META = yaml.safe_load((ROOT / "content/editions" / FIRST_EDITION / "edition.yaml").read_text(encoding="utf-8"))
SM, ATOM = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/2005/Atom}"


def test_the_sitemap_lists_every_html_page_at_its_public_address(built_site):
    root = ET.parse(built_site / urls.SITEMAP_FILE).getroot()
    listed = {u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")}
    pages = {urls.absolute(SITE["base_url"], urls.Target(page=p.relative_to(built_site).as_posix()))
             for p in built_site.rglob("*.html")}
    assert listed == pages
    reader = next(u for u in root.iter(f"{SM}url")
                  if u.findtext(f"{SM}loc") == SITE["base_url"] + FIRST_EDITION + "/")
    assert reader.findtext(f"{SM}lastmod") == META["changelog"][0]["date"]


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
