"""Cross-references in annotation Markdown: [text](glossary:ID), (note:ID), (computation:ID),
(paragraph:N) and (edition:SLUG).

Each target is first a path from the site's root ('glossary/#thermidor'); the URL written on a page is
made relative to that page, by climbing exactly as many folders as the page is deep. So a link works
wherever the site is hosted, and never reaches above the site's root, whichever page shows the text:
notes and glossary definitions sit one folder deep (EDITION/, glossary/), an edition's summary on the
index at the root."""
from __future__ import annotations

import posixpath

from .diagnostics import Diagnostic, SourceLocation, did_you_mean, error
from .markdown import internal_links
from .records import EditionSource, GlossaryEntrySource, SiteSource

GLOSSARY_PAGE = "glossary/index.html"
INDEX_PAGE = "index.html"


def reader_page(slug: str) -> str:
    return f"{slug}/index.html"


def site_links(glossary: tuple[GlossaryEntrySource, ...], slugs: set[str],
               page: str = GLOSSARY_PAGE) -> dict[str, str]:
    """Targets every annotation may link to, glossary entries and editions, as URLs relative to `page`
    (any page one folder deep: the glossary or a reader)."""
    targets = {f"glossary:{e.id}": f"glossary/#{e.id}" for e in glossary}
    targets.update({f"edition:{s}": f"{s}/" for s in sorted(slugs)})
    return {key: relative_url(target, page) for key, target in targets.items()}


def edition_links(source: EditionSource, common: dict[str, str]) -> dict[str, str]:
    """Targets an edition's own annotations may link to, besides the common ones, relative to its reader."""
    page, base = reader_page(source.meta.slug), f"{source.meta.slug}/"
    links = dict(common)
    targets = {f"note:{n.id}": f"{base}#note-{n.id}" for n in source.notes}
    targets.update({f"computation:{c.id}": f"{base}#calc-{c.id}" for c in source.computations})
    targets.update({f"paragraph:{p.number}": f"{base}#p-{p.number}" for p in source.transcription.paragraphs})
    links.update({key: relative_url(target, page) for key, target in targets.items()})
    return links


def relative_url(target: str, page: str) -> str:
    """The URL of `target` (a path from the site's root, optionally with a #fragment) written on `page`."""
    path, hash_, fragment = target.partition("#")
    if path.startswith("/") or ".." in path.split("/"):
        raise ValueError(f"a cross-reference target must be a path inside the site: {target!r}")
    return "../" * page.count("/") + path + hash_ + fragment


def moved_links(links: dict[str, str], written_for: str, shown_on: str) -> dict[str, str]:
    """The same cross-references for text shown on another page: `links` were made relative to `written_for`
    (e.g. an edition's reader), the text appears on `shown_on` (e.g. the index, for an edition's summary)."""
    folder = posixpath.dirname(written_for)
    moved = {}
    for key, url in links.items():
        path, hash_, fragment = url.partition("#")
        from_root = posixpath.normpath(posixpath.join(folder, path)) if path else written_for
        if from_root == "." or from_root.startswith("../"):
            from_root = INDEX_PAGE  # defensive (no target is above the root): never follow a URL out of the site
        elif path.endswith("/"):
            from_root += "/"
        moved[key] = relative_url(from_root + hash_ + fragment, shown_on)
    return moved


def check_links(text: str, links: dict[str, str], location: SourceLocation) -> list[Diagnostic]:
    """A G121 for every cross-reference in `text` that points at nothing."""
    problems = []
    for target in internal_links(text):
        if target not in links:
            scheme, _, name = target.partition(":")
            known = [k.partition(":")[2] for k in links if k.startswith(scheme + ":")]
            problems.append(error("G121", f"The link to '{target}' points at nothing: there is no such {scheme}.",
                                  location, "Correct the id." + did_you_mean(name, known)))
    return problems


def glossary_references(source: SiteSource) -> set[str]:
    """Glossary ids that some annotation links to explicitly."""
    texts = [e.definition for e in source.glossary]
    for edition in source.editions:
        texts += [n.body for n in edition.notes] + [e.reason for e in edition.emendations]
        texts += [c.explanation for c in edition.computations] + [edition.meta.summary]
    return {link.partition(":")[2] for text in texts for link in internal_links(text) if link.startswith("glossary:")}
