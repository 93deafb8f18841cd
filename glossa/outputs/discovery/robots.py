"""robots.txt: every page may be crawled; the sitemap is named so crawlers find every edition."""
from __future__ import annotations

from ... import urls
from ...model import SiteOverview


def robots_txt(site: SiteOverview) -> bytes:
    sitemap = urls.absolute(site.base_url, urls.Target(page=urls.SITEMAP_FILE))
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode("utf-8")
