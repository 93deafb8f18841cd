"""What a page's <head> says about it to machines: its canonical URL, Open Graph, the citation_* tags that
Zotero and Google Scholar read (HighWire Press names), and JSON-LD (a schema.org Article based on the
original publication). Every value comes from glossa/citation.py, as the citation files' do."""
from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from ... import urls
from ...citation import EditionCitation, edition_citation
from ...model import Edition


@dataclass(frozen=True, kw_only=True)
class MetaTag:
    attribute: str      # "name" or "property" (Open Graph uses property)
    key: str
    content: str


@dataclass(frozen=True, kw_only=True)
class Head:
    canonical: str = ""                 # '' without a base_url (the build has then stopped at G173)
    meta: tuple[MetaTag, ...] = ()
    json_ld: Markup = Markup("")        # a JSON text safe inside <script type="application/ld+json">


def site_head(path: str, base_url: str, title: str, description: str, site_title: str) -> Head:
    if not base_url:
        return Head()
    canonical = urls.absolute(base_url, urls.Target(page=path))
    return Head(canonical=canonical, meta=_open_graph("website", title, description, canonical, site_title, "en"))


def edition_head(path: str, edition: Edition, site_title: str, base_url: str, title: str, description: str) -> Head:
    if not base_url:
        return Head()
    citation = edition_citation(edition.meta, site_title, base_url)
    canonical = urls.absolute(base_url, urls.Target(page=path))
    return Head(canonical=canonical,
                meta=_highwire(citation, edition_abstract(edition)) + _open_graph("article", title, description, canonical, site_title,
                                                       citation.language),
                json_ld=_json_ld(citation, canonical))


def edition_abstract(edition: Edition) -> str:
    """What the edition is, in a sentence: the reader's description, and the abstract Zotero records."""
    return f"An annotated edition of {edition.meta.author}’s article of {edition.meta.year_written}, with notes, " \
           f"a glossary and every calculation checked."


def _highwire(c: EditionCitation, abstract: str) -> tuple[MetaTag, ...]:
    tags = [("citation_title", c.title), ("citation_author", c.author.inverted),
            ("citation_publication_date", c.published.replace("-", "/")), ("citation_journal_title", c.periodical)]
    tags += [("citation_volume", c.volume)] if c.volume else []
    tags += [("citation_issue", c.issue)] if c.issue else []
    tags += [("citation_editor", e.shown) for e in c.editors]
    # Without citation_abstract Zotero takes the page's description, which differs from page to page (the about
    # page describes itself): the same abstract on every page of the edition keeps one item one item.
    tags += [("citation_abstract", abstract)]
    tags += [("citation_publisher", c.publisher), ("citation_language", c.language),
             ("citation_public_url", c.url), ("citation_fulltext_html_url", c.url)]
    if c.version_date:
        tags.append(("citation_online_date", c.version_date.replace("-", "/")))
    # HighWire has no tag for a version: the JSON-LD gives it (schema.org `version`). A Dublin Core tag would
    # feed Zotero's RDF import, which can override the item type the citation_* tags set.
    return tuple(MetaTag(attribute="name", key=k, content=v) for k, v in tags)


def _open_graph(kind: str, title: str, description: str, canonical: str, site_title: str, language: str
                ) -> tuple[MetaTag, ...]:
    tags = [("og:type", kind), ("og:title", title), ("og:description", description), ("og:url", canonical),
            ("og:site_name", site_title), ("og:locale", language.replace("-", "_"))]
    return tuple(MetaTag(attribute="property", key=k, content=v) for k, v in tags)


def _json_ld(c: EditionCitation, canonical: str) -> Markup:
    # Each fact once: the title as headline (schema.org's name for an article's title; a second copy as name
    # added nothing), the page as @id and url.
    original: dict[str, object] = {
        "@type": "NewsArticle", "headline": c.title,
        "author": {"@type": "Person", "name": c.author.shown}, "datePublished": c.published,
        "isPartOf": _periodical(c)}
    data = {
        "@context": "https://schema.org", "@type": "Article", "@id": c.url, "url": canonical,
        "headline": c.title, "inLanguage": c.language,
        "author": {"@type": "Person", "name": c.author.shown},
        "editor": [{"@type": "Organization" if e.literal else "Person", "name": e.shown} for e in c.editors],
        "publisher": {"@type": "Organization", "name": c.publisher},
        "version": c.version, "license": c.license_url, "isBasedOn": original,
    }
    if c.version_date:
        data["datePublished"] = c.version_date
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script>, "</script>" or "<!--" in a value would end or confuse the block: escape < > & in JSON.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _periodical(c: EditionCitation) -> dict[str, object]:
    periodical: dict[str, object] = {"@type": "Periodical", "name": c.periodical}
    if c.volume:
        periodical = {"@type": "PublicationVolume", "volumeNumber": c.volume, "isPartOf": periodical}
    if c.issue:
        periodical = {"@type": "PublicationIssue", "issueNumber": c.issue, "isPartOf": periodical}
    return periodical
