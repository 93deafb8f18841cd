"""An Atom feed (RFC 4287) of the editions and their versions: one entry per version in each edition's
changelog (an edition without one has a single entry), newest first."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from ... import urls
from ...citation import version_target
from ...model import EditionListing, SiteOverview
from .dates import edition_date, timestamp

NS = "http://www.w3.org/2005/Atom"


def atom_feed(site: SiteOverview) -> bytes:
    entries = sorted((entry for listing in site.editions for entry in _entries(listing, site.base_url)),
                     key=lambda e: (e[0], e[1]), reverse=True)
    feed_url = urls.absolute(site.base_url, urls.Target(page=urls.FEED_FILE))
    root = ET.Element("feed", xmlns=NS)
    ET.SubElement(root, "id").text = feed_url
    ET.SubElement(root, "title").text = site.title
    if site.description:
        ET.SubElement(root, "subtitle").text = site.description
    ET.SubElement(root, "updated").text = entries[0][0] if entries else "1970-01-01T00:00:00Z"
    ET.SubElement(root, "link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(root, "link", rel="alternate", href=site.base_url, type="text/html")
    ET.SubElement(ET.SubElement(root, "author"), "name").text = site.title
    for _, _, entry in entries:
        root.append(entry)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _entries(listing: EditionListing, base_url: str) -> list[tuple[str, str, ET.Element]]:
    meta = listing.meta
    reader = urls.absolute(base_url, urls.Target(page=urls.reader_page(meta.slug)))
    versions = meta.changelog or ()
    made = []
    for version in versions or (None,):
        number = version.version if version is not None else meta.version
        updated = timestamp(version.date if version is not None else edition_date(listing))
        entry = ET.Element("entry")
        ET.SubElement(entry, "id").text = urls.absolute(base_url, version_target(meta.slug, number))
        ET.SubElement(entry, "title").text = f"{meta.title}, version {number}"
        ET.SubElement(entry, "updated").text = updated
        ET.SubElement(entry, "link", rel="alternate", href=reader, type="text/html")
        ET.SubElement(entry, "link", rel="related",
                      href=urls.absolute(base_url, version_target(meta.slug, number)), type="text/html")
        for editor in meta.editors:
            ET.SubElement(ET.SubElement(entry, "author"), "name").text = editor
        changes = [] if version is None else [f"{what}: {text}" for what, text in
                                              (("Notes", version.notes), ("Verdicts", version.verdicts),
                                               ("Emendations", version.emendations)) if text]
        summary = f"{meta.author}, {meta.title} ({meta.year_written}), annotated edition, version {number}."
        ET.SubElement(entry, "summary").text = " ".join([summary, *changes])
        made.append((updated, number, entry))
    return made
