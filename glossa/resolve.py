"""Stage 2, resolve: source records into a Site, with every diagnostic found (not just the first).

First every edition is planned (anchors located, glossary terms found), so the glossary knows where
each entry occurs; then each edition is built once, with its notes, emendations and callouts numbered
in reading order and its paragraphs cut into inline pieces for render to lay out.
"""
from __future__ import annotations

from .computations import EditionContext, resolve_computations
from .crossrefs import check_links, edition_links, glossary_references, site_links
from .diagnostics import Diagnostic, error, has_errors, warning
from .inlines import paragraph_pieces
from .markdown import render_block, render_inline
from .model import (Edition, Emendation, GlossaryEntry, GlossaryGroup, Note, Occurrence, ReadingParagraph, Site,
                    TermUse)
from .placement import AnnotationKind, EditionPlan, plan_edition
from .records import EntryKind, GlossaryEntrySource, SiteSource, Verdict
from .terms import build_matcher
from .verdicts import VERDICT_PLURALS


def resolve_site(source: SiteSource) -> tuple[Site | None, list[Diagnostic]]:
    problems = _check_glossary_forms(source.glossary)
    common = site_links(source.glossary, {e.meta.slug for e in source.editions})
    for entry in source.glossary:
        problems += check_links(entry.definition, common, entry.location)
    plans = []
    terms_matcher = build_matcher(source.glossary)  # once per build, for every edition
    for edition in source.editions:
        plan, found = plan_edition(edition, terms_matcher)
        problems += found
        plans.append(plan)
    entries = {e.id: _glossary_entry(e, plans, common) for e in source.glossary}
    editions = []
    for plan in plans:
        edition, found = _build_edition(plan, entries, common)
        problems += found
        editions.append(edition)
    if source.complete:  # with an edition unread, a missing link may only be a consequence
        problems += _unlinked_entries(source, entries)
    if has_errors(problems):
        return None, problems
    groups = tuple(
        GlossaryGroup(kind, tuple(sorted((e for e in entries.values() if e.kind is kind), key=lambda e: e.term.lower())))
        for kind in EntryKind if any(e.kind is kind for e in entries.values()))
    return Site(source.title, source.description, tuple(editions), groups), problems


def _check_glossary_forms(entries: tuple[GlossaryEntrySource, ...]) -> list[Diagnostic]:
    """Two entries claiming the same word would make links ambiguous."""
    problems, owner = [], {}
    for entry in entries:
        for form in (entry.term, *entry.aliases):
            if form in owner and owner[form] != entry.id:
                problems.append(error("G120", f"The form “{form}” belongs to two glossary entries: "
                                              f"'{owner[form]}' and '{entry.id}'.", entry.location,
                                      "Keep it in one entry; merge the entries if they are the same thing."))
            owner.setdefault(form, entry.id)
    return problems


def _unlinked_entries(source: SiteSource, entries: dict[str, GlossaryEntry]) -> list[Diagnostic]:
    referenced = glossary_references(source)
    return [warning("G160", f"Nothing links to the glossary entry '{entry.term}'.", entry.location,
                    "Add the form the text uses to aliases:, link it from a note as "
                    f"[{entry.term}](glossary:{entry.id}), or remove the entry.")
            for entry in source.glossary if not entries[entry.id].occurrences and entry.id not in referenced]


def _glossary_entry(entry: GlossaryEntrySource, plans: list[EditionPlan], links: dict[str, str]) -> GlossaryEntry:
    occurrences = []
    for plan in plans:
        paragraphs = plan.term_paragraphs.get(entry.id)
        if paragraphs:
            occurrences.append(Occurrence(plan.source.meta.slug, plan.source.meta.title, paragraphs))
    return GlossaryEntry(entry.id, entry.term, entry.kind, entry.dates, entry.aliases,
                         render_block(entry.definition, links), entry.sources, tuple(occurrences))


def _build_edition(plan: EditionPlan, entries: dict[str, GlossaryEntry], common: dict[str, str]
                   ) -> tuple[Edition, list[Diagnostic]]:
    source = plan.source
    links = edition_links(source, common)
    problems: list[Diagnostic] = []
    texts = ([(n.body, n.location) for n in source.notes] + [(e.reason, e.location) for e in source.emendations]
             + [(c.explanation, c.location) for c in source.computations]
             + [(source.meta.summary, source.meta.location)])
    for text, location in texts:
        problems += check_links(text, links, location)
    notes = _notes(plan, links)
    emendations = _emendations(plan, links)
    numbers = plan.numbering(AnnotationKind.COMPUTATION)
    context = EditionContext(source.transcription.paragraphs, numbers, {c.id: c.title for c in source.computations},
                             links, source.unreadable_computations)
    callouts, found = resolve_computations(source.computations, context)
    problems += found
    paragraphs = []
    for paragraph in source.transcription.paragraphs:
        here = [p for p in plan.placed if p.span.paragraph == paragraph.number
                and (p.kind is not AnnotationKind.COMPUTATION or p.source.id in callouts)]
        pieces, margin = paragraph_pieces(paragraph.text, here, plan.terms[paragraph.number], notes, emendations,
                                          callouts)
        paragraphs.append(ReadingParagraph(paragraph.number, pieces, margin))
    hits = plan.term_paragraphs
    terms = tuple(TermUse(entries[i], hits[i]) for i in sorted(hits, key=lambda i: entries[i].term.lower()))
    meta = source.meta
    ordered_callouts = tuple(sorted(callouts.values(), key=lambda c: c.number))
    edition = Edition(
        meta=meta, heading=source.transcription.heading, provenance=source.transcription.provenance,
        paragraphs=tuple(paragraphs), notes=tuple(sorted(notes.values(), key=lambda n: n.number)),
        emendations=tuple(sorted(emendations.values(), key=lambda e: e.number)), callouts=ordered_callouts,
        terms=terms, summary=render_block(meta.summary, links), citation=_citation(meta),
        verdict_counts=_verdict_counts(ordered_callouts))
    return edition, problems


def _notes(plan: EditionPlan, links: dict[str, str]) -> dict[str, Note]:
    numbers = plan.numbering(AnnotationKind.NOTE)
    return {p.source.id: Note(p.source.id, numbers[p.source.id], p.span.paragraph, p.source.anchor.quote,
                              render_block(p.source.body, links), p.source.sources)
            for p in plan.placed if p.kind is AnnotationKind.NOTE}


def _emendations(plan: EditionPlan, links: dict[str, str]) -> dict[str, Emendation]:
    numbers = plan.numbering(AnnotationKind.EMENDATION)
    return {p.source.id: Emendation(p.source.id, numbers[p.source.id], p.span.paragraph, p.source.anchor.quote,
                                    p.source.corrected, p.source.corrected or "(nothing)",
                                    render_inline(p.source.reason, links))
            for p in plan.placed if p.kind is AnnotationKind.EMENDATION}


def _citation(meta) -> str:
    editors = ", ".join(meta.editors)
    return (f"{meta.author}, “{meta.title}” ({meta.year_written}), ed. {editors}, Glossa edition, "
            f"version {meta.version}.")


def _verdict_counts(callouts) -> tuple[tuple[str, int], ...]:
    """("hold", 13), ("approximately hold", 3), ("do not hold", 6): in verdict order, for the reader's key."""
    return tuple((VERDICT_PLURALS[v], n) for v in Verdict if (n := sum(c.verdict is v for c in callouts)))
