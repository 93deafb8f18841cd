"""Stage 2, resolve: source records into a Site, with every diagnostic found (not just the first).

First every edition is planned (anchors located, glossary terms found), so the glossary knows where
each entry occurs; then each edition is built once, with its notes, emendations and callouts numbered
in reading order and its paragraphs cut into inline pieces for render to lay out.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import urls
from .characters import shown_visibly
from .codes import Code
from .computations import EditionContext, resolve_computations
from .crossrefs import (Field, SiteMarkdown, check_links, edition_targets, glossary_references, markdown_fields,
                        resolved_targets, site_targets)
from .diagnostics import Diagnostic, error, has_errors, warning
from .inlines import paragraph_pieces
from .model import (Callout, Edition, Emendation, GlossaryEntry, GlossaryGroup, Note, Occurrence, ParagraphLink,
                    Prose, ReadingParagraph, Site, TermUse)
from .markdown import ParsedMarkdown
from .names import entry_order
from .placement import AnnotationKind, EditionPlan, Placed, plan_edition
from .records import EditionMeta, EntryKind, GlossaryEntrySource, SiteSource, Verdict
from .terms import build_matcher
from .verdicts import VERDICT_PLURALS


def resolve_site(source: SiteSource) -> tuple[Site | None, list[Diagnostic]]:
    problems = _check_glossary_forms(source.glossary)
    markdown = markdown_fields(source)
    common = site_targets(source.glossary, {e.meta.slug for e in source.editions})
    for item in markdown.of_edition(None):
        problems += check_links(item, common)
    plans = []
    terms_matcher = build_matcher(source.glossary)  # once per build, for every edition
    for edition_source in source.editions:
        plan, found = plan_edition(edition_source, terms_matcher)
        problems += found
        plans.append(plan)
    entries = {e.id: _glossary_entry(e, plans, _prose(markdown.get(Field.DEFINITION, e.id), common))
               for e in source.glossary}
    editions = []
    for plan in plans:
        edition, found = _build_edition(plan, entries, common, markdown)
        problems += found
        editions.append(edition)
    if source.complete:  # with an edition unread, a missing link may only be a consequence
        problems += _unlinked_entries(source, entries, markdown)
    if has_errors(problems):
        return None, problems
    groups = tuple(
        GlossaryGroup(kind, tuple(sorted((e for e in entries.values() if e.kind is kind), key=lambda e: entry_order(e.kind, e.term))))
        for kind in EntryKind if any(e.kind is kind for e in entries.values()))
    return Site(source.title, source.description, tuple(editions), groups), problems


def _check_glossary_forms(entries: tuple[GlossaryEntrySource, ...]) -> list[Diagnostic]:
    """Two entries claiming the same word would make links ambiguous."""
    problems: list[Diagnostic] = []
    owner: dict[str, str] = {}
    for entry in entries:
        for form in (entry.term, *entry.aliases):
            if form in owner and owner[form] != entry.id:
                problems.append(error(Code.FORM_CLAIMED_TWICE, f"The form “{form}” belongs to two glossary entries: "
                                              f"'{owner[form]}' and '{entry.id}'.", entry.location,
                                      "Keep it in one entry; merge the entries if they are the same thing."))
            owner.setdefault(form, entry.id)
    return problems


def _unlinked_entries(source: SiteSource, entries: dict[str, GlossaryEntry], markdown: SiteMarkdown
                      ) -> list[Diagnostic]:
    referenced = glossary_references(markdown)
    return [warning(Code.UNLINKED_ENTRY, f"Nothing links to the glossary entry '{entry.term}'.", entry.location,
                    "Add the form the text uses to aliases:, link it from a note as "
                    f"[{entry.term}](glossary:{entry.id}), or remove the entry.")
            for entry in source.glossary if not entries[entry.id].occurrences and entry.id not in referenced]


def _prose(parsed: ParsedMarkdown, targets: Mapping[str, urls.Target]) -> Prose:
    return Prose(markdown=parsed, targets=resolved_targets(parsed, targets))


def _paragraph_links(slug: str, numbers: Sequence[int]) -> tuple[ParagraphLink, ...]:
    page = urls.reader_page(slug)
    return tuple(ParagraphLink(number=n, target=urls.Target(page=page, fragment=urls.paragraph_id(n))) for n in numbers)


def _glossary_entry(entry: GlossaryEntrySource, plans: list[EditionPlan], definition: Prose) -> GlossaryEntry:
    occurrences = []
    for plan in plans:
        paragraphs = plan.term_paragraphs.get(entry.id)
        if paragraphs:
            meta = plan.source.meta
            occurrences.append(Occurrence(meta.title, _paragraph_links(meta.slug, paragraphs)))
    return GlossaryEntry(entry.id, entry.term, entry.kind, entry.dates, entry.aliases, definition, entry.sources,
                         tuple(occurrences))


def _build_edition(plan: EditionPlan, entries: dict[str, GlossaryEntry], common: Mapping[str, urls.Target],
                   markdown: SiteMarkdown) -> tuple[Edition, list[Diagnostic]]:
    source = plan.source
    slug = source.meta.slug
    targets = edition_targets(source, common)
    problems: list[Diagnostic] = []
    for item in markdown.of_edition(slug):
        problems += check_links(item, targets)

    def prose(field: Field, owner: str) -> Prose:
        return _prose(markdown.get(field, owner, slug), targets)

    note_sources = {n.id: n for n in source.notes}
    notes = {}
    for p, number in _numbered(plan, AnnotationKind.NOTE):
        n = note_sources[p.source.id]
        notes[n.id] = Note(n.id, number, prose(Field.NOTE_BODY, n.id), n.sources)
    emendation_sources = {e.id: e for e in source.emendations}
    emendations = {}
    for p, number in _numbered(plan, AnnotationKind.EMENDATION):
        e = emendation_sources[p.source.id]
        # The original may hold a bidi control that the emendation removes: shown as ⟨U+202E⟩, never raw.
        emendations[e.id] = Emendation(e.id, number, p.span.paragraph, shown_visibly(e.anchor.quote), e.corrected,
                                       e.corrected or "(nothing)", prose(Field.EMENDATION_REASON, e.id))
    numbers = plan.numbering(AnnotationKind.COMPUTATION)
    explanations = {c.id: prose(Field.EXPLANATION, c.id) for c in source.computations}
    context = EditionContext(source.transcription.paragraphs, numbers, {c.id: c.title for c in source.computations},
                             explanations, source.unreadable_computations)
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
    terms = tuple(TermUse(entries[i], _paragraph_links(slug, hits[i]))
                  for i in sorted(hits, key=lambda i: entries[i].term.lower()))
    meta = source.meta
    ordered_callouts = tuple(sorted(callouts.values(), key=lambda c: c.number))
    edition = Edition(
        meta=meta, provenance=source.transcription.provenance,
        paragraphs=tuple(paragraphs), notes=tuple(sorted(notes.values(), key=lambda n: n.number)),
        emendations=tuple(sorted(emendations.values(), key=lambda e: e.number)), callouts=ordered_callouts,
        terms=terms, summary=prose(Field.SUMMARY, slug), citation=_how_to_cite(meta),
        verdict_counts=_verdict_counts(ordered_callouts))
    return edition, problems


def _numbered(plan: EditionPlan, kind: AnnotationKind) -> list[tuple[Placed, int]]:
    numbers = plan.numbering(kind)
    return [(p, numbers[p.source.id]) for p in plan.placed if p.kind is kind]


def _how_to_cite(meta: EditionMeta) -> str:
    """The edition's recommended citation, as the about page prints it."""
    editors = ", ".join(meta.editors)
    return (f"{meta.author}, “{meta.title}” ({meta.year_written}), ed. {editors}, Glossa edition, "
            f"version {meta.version}.")


def _verdict_counts(callouts: Sequence[Callout]) -> tuple[tuple[str, int], ...]:
    """("hold", 13), ("approximately hold", 3), ("do not hold", 6): in verdict order, for the reader's key."""
    return tuple((VERDICT_PLURALS[v], n) for v in Verdict if (n := sum(c.verdict is v for c in callouts)))
