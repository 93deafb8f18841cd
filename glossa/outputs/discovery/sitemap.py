"""sitemap.xml (sitemaps.org 0.9): every HTML page of the site once (a book's contents page and each of its
parts' pages included), an edition's pages dated by its current version."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from ... import urls
from ...model import SiteOverview
from .dates import edition_date, full_date

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(site: SiteOverview) -> bytes:
    pages: list[tuple[str, str]] = []     # path, lastmod ('' when content gives no date)
    numbers = range(1, urls.page_count(len(site.editions), urls.EDITIONS_PER_INDEX_PAGE) + 1)
    pages += [(urls.index_page(n), "") for n in numbers]
    pages += [(urls.GLOSSARY_PAGE, ""), *((urls.site_verdicts_page(n), "") for n in numbers), (urls.SEARCH_PAGE, "")]
    pages += [(urls.entry_page(e.id, n), "") for group in site.glossary for e in group.entries
              for n in range(1, urls.page_count(len(e.occurrences), urls.PLACES_PER_ENTRY_PAGE) + 1)]
    for listing in site.editions:
        date, slug = full_date(edition_date(listing)), listing.meta.slug
        pages += [(path, date) for path in (urls.reader_page(slug), *listing.part_pages, urls.about_page(slug),
                                            urls.verdicts_page(slug))]
    root = ET.Element("urlset", xmlns=NS)
    for path, lastmod in pages:
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = urls.absolute(site.base_url, urls.Target(page=path))
        if lastmod:
            ET.SubElement(node, "lastmod").text = lastmod
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
