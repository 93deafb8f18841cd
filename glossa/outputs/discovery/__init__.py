"""The discovery output: sitemap.xml, an Atom feed of the editions and their versions, and robots.txt.

All three need absolute URLs, so they need site.yaml's base_url; without it the build stops with G173
before any output is written (absolute URLs are never guessed). Dates come from content (each version's
changelog date), never from the clock, so two builds write the same bytes. robots.txt is read by crawlers
only at a host's root: on a site published below one (https://host/glossa/) it is written but inert.
"""
from __future__ import annotations

from ...model import Page, SiteOverview
from .feed import atom_feed
from .robots import robots_txt
from .sitemap import sitemap_xml
from ... import urls


def site_files(site: SiteOverview) -> list[Page]:
    if not site.base_url:  # G173 has stopped the build: nothing is written
        return []
    return [Page(urls.SITEMAP_FILE, sitemap_xml(site)), Page(urls.FEED_FILE, atom_feed(site)),
            Page(urls.ROBOTS_FILE, robots_txt(site))]
