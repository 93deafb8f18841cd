"""Cross-references in annotation Markdown: [text](glossary:ID), (note:ID), (computation:ID),
(paragraph:N) and (edition:SLUG). Every page that renders annotations sits one folder deep
(EDITION/ and glossary/), so one map of page-relative URLs serves them all."""
from __future__ import annotations

from .codes import Code
from .diagnostics import Diagnostic, SourceLocation, did_you_mean, error
from .markdown import internal_links
from .records import EditionSource, GlossaryEntrySource, SiteSource


def site_links(glossary: tuple[GlossaryEntrySource, ...], slugs: set[str]) -> dict[str, str]:
    """Targets every annotation may link to: glossary entries and editions."""
    links = {f"glossary:{e.id}": f"../glossary/#{e.id}" for e in glossary}
    links.update({f"edition:{s}": f"../{s}/" for s in sorted(slugs)})
    return links


def edition_links(source: EditionSource, common: dict[str, str]) -> dict[str, str]:
    """Targets an edition's own annotations may link to, besides the common ones."""
    base = f"../{source.meta.slug}/"
    links = dict(common)
    links.update({f"note:{n.id}": f"{base}#note-{n.id}" for n in source.notes})
    links.update({f"computation:{c.id}": f"{base}#calc-{c.id}" for c in source.computations})
    links.update({f"paragraph:{p.number}": f"{base}#p-{p.number}" for p in source.transcription.paragraphs})
    return links


def check_links(text: str, links: dict[str, str], location: SourceLocation) -> list[Diagnostic]:
    """A G121 for every cross-reference in `text` that points at nothing."""
    problems = []
    for target in internal_links(text):
        if target not in links:
            scheme, _, name = target.partition(":")
            known = [k.partition(":")[2] for k in links if k.startswith(scheme + ":")]
            problems.append(error(Code.BROKEN_REFERENCE, f"The link to '{target}' points at nothing: there is no such {scheme}.",
                                  location, "Correct the id." + did_you_mean(name, known)))
    return problems


def glossary_references(source: SiteSource) -> set[str]:
    """Glossary ids that some annotation links to explicitly."""
    texts = [e.definition for e in source.glossary]
    for edition in source.editions:
        texts += [n.body for n in edition.notes] + [e.reason for e in edition.emendations]
        texts += [c.explanation for c in edition.computations] + [edition.meta.summary]
    return {link.partition(":")[2] for text in texts for link in internal_links(text) if link.startswith("glossary:")}
