"""Stage 2, resolve: source records into a Site, with every diagnostic found (not just the first).

Anchors are matched to their paragraphs, glossary terms are found in the text, cross-references
are checked, computations are evaluated and judged, and each paragraph becomes a sequence of
inline pieces (text, term links, emended readings, note and callout marks) for render to lay out.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .anchors import Span, locate
from .computations import resolve_computations
from .diagnostics import Diagnostic, SourceLocation, did_you_mean, error, warning
from .markdown import internal_links, render_block, render_inline
from .model import (Callout, CalloutRef, Edition, Emendation, EmendedText, GlossaryEntry, GlossaryGroup, Inline,
                    MarginItem, Note, NoteRef, Occurrence, ReadingParagraph, Site, TermLink, TermUse, Text)
from .records import EditionSource, EntryKind, GlossaryEntrySource, SiteSource
from .terms import find_term_links


@dataclass(frozen=True)
class _Placed:
    """An annotation found in the text: where it is and what it is."""

    span: Span
    item: object


def resolve_site(source: SiteSource) -> tuple[Site | None, list[Diagnostic]]:
    problems = _check_glossary_forms(source.glossary)
    entry_ids = {e.id for e in source.glossary}
    edition_slugs = {e.meta.slug for e in source.editions}
    resolved = []
    for edition in source.editions:
        result, found = _resolve_edition(edition, source.glossary, edition_slugs)
        problems += found
        if result is not None:
            resolved.append(result)
    glossary_links = {f"glossary:{i}": f"../glossary/#{i}" for i in entry_ids}
    glossary_links.update({f"edition:{s}": f"../{s}/" for s in edition_slugs})
    for entry in source.glossary:
        problems += _check_links(entry.definition, glossary_links, entry.location)
    if any(d.severity.value == "error" for d in problems):
        return None, problems
    entries = {e.id: _glossary_entry(e, resolved, glossary_links) for e in source.glossary}
    referenced = _glossary_references(source)
    for entry in source.glossary:
        if not entries[entry.id].occurrences and entry.id not in referenced:
            problems.append(warning("G160", f"Nothing links to the glossary entry '{entry.term}'.", entry.location,
                                    "Add the form the text uses to aliases:, link it from a note as "
                                    f"[{entry.term}](glossary:{entry.id}), or remove the entry."))
    editions = tuple(_with_terms(pair, entries) for pair in resolved)
    groups = tuple(
        GlossaryGroup(kind, tuple(sorted((e for e in entries.values() if e.kind is kind),
                                         key=lambda e: e.term.lower())))
        for kind in EntryKind if any(e.kind is kind for e in entries.values()))
    return Site(source.title, source.description, editions, groups), problems


def _glossary_references(source: SiteSource) -> set[str]:
    """Glossary ids that some annotation links to explicitly, as [text](glossary:ID)."""
    texts = [e.definition for e in source.glossary]
    for edition in source.editions:
        texts += [n.body for n in edition.notes] + [e.reason for e in edition.emendations]
        texts += [c.explanation for c in edition.computations]
    return {link.split(":", 1)[1] for text in texts for link in internal_links(text) if link.startswith("glossary:")}


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


def _resolve_edition(source: EditionSource, glossary, edition_slugs):
    """An edition without its term uses (those need every edition), plus the term links per paragraph."""
    problems: list[Diagnostic] = []
    paragraphs = source.transcription.paragraphs
    links = _edition_links(source, glossary, edition_slugs)
    placed: list[_Placed] = []
    for em in source.emendations:
        span, found = locate(em.anchor, paragraphs, what="original reading", code_not_found="G134")
        problems += found + _check_links(em.reason, links, em.location)
        if span:
            placed.append(_Placed(span, em))
    problems += _overlapping_emendations([p for p in placed])
    for note in source.notes:
        span, found = locate(note.anchor, paragraphs)
        problems += found + _check_links(note.body, links, note.location)
        if span:
            placed.append(_Placed(span, note))
    callouts, found = resolve_computations(source.computations, paragraphs)
    problems += found
    for comp in source.computations:
        span, found = locate(comp.anchor, paragraphs)
        problems += found + _check_links(comp.explanation, links, comp.location)
        if span and comp.id in callouts:
            placed.append(_Placed(span, comp))
    if any(d.severity.value == "error" for d in problems):
        return None, problems
    placed.sort(key=lambda p: (p.span.paragraph, p.span.end, p.span.start))
    notes, emendations, numbered_callouts = _number(placed, links, callouts)
    reading, term_hits = [], {}
    for paragraph in paragraphs:
        here = [p for p in placed if p.span.paragraph == paragraph.number]
        blocked = [(p.span.start, p.span.end) for p in here if type(p.item).__name__ == "EmendationSource"]
        matches = find_term_links(paragraph.text, glossary, blocked)
        for m in matches:
            term_hits.setdefault(m.entry_id, []).append(paragraph.number)
        inlines, margin = _inlines(paragraph.text, here, matches, notes, emendations, numbered_callouts)
        reading.append(ReadingParagraph(paragraph.number, inlines, margin))
    meta = source.meta
    edition = Edition(
        meta=meta, heading=source.transcription.heading, provenance=source.transcription.provenance,
        paragraphs=tuple(reading), notes=tuple(sorted(notes.values(), key=lambda n: n.number)),
        emendations=tuple(sorted(emendations.values(), key=lambda e: e.number)),
        callouts=tuple(sorted(numbered_callouts.values(), key=lambda c: c.number)), terms=(),
        summary=render_block(meta.summary), citation=_citation(meta),
        verdict_counts=_verdict_counts(numbered_callouts.values()))
    return (edition, {k: tuple(v) for k, v in term_hits.items()}), problems


def _edition_links(source: EditionSource, glossary, edition_slugs) -> dict[str, str]:
    base = f"../{source.meta.slug}/"
    links = {f"glossary:{e.id}": f"../glossary/#{e.id}" for e in glossary}
    links.update({f"edition:{s}": f"../{s}/" for s in edition_slugs})
    links.update({f"note:{n.id}": f"{base}#note-{n.id}" for n in source.notes})
    links.update({f"computation:{c.id}": f"{base}#calc-{c.id}" for c in source.computations})
    links.update({f"paragraph:{p.number}": f"{base}#p-{p.number}" for p in source.transcription.paragraphs})
    return links


def _check_links(text: str, links: dict[str, str], location: SourceLocation) -> list[Diagnostic]:
    problems = []
    for target in internal_links(text):
        if target not in links:
            scheme = target.split(":", 1)[0]
            known = [k.split(":", 1)[1] for k in links if k.startswith(scheme + ":")]
            problems.append(error("G121", f"The link to '{target}' points at nothing: there is no such {scheme}.",
                                  location, "Correct the id." + did_you_mean(target.split(":", 1)[1], known)))
    return problems


def _overlapping_emendations(placed: list[_Placed]) -> list[Diagnostic]:
    problems = []
    spans = sorted(placed, key=lambda p: (p.span.paragraph, p.span.start))
    for a, b in zip(spans, spans[1:]):
        if a.span.paragraph == b.span.paragraph and b.span.start < a.span.end:
            problems.append(error("G135", f"Emendations '{a.item.id}' and '{b.item.id}' overlap in paragraph "
                                          f"{a.span.paragraph}.", b.item.location,
                                  "Merge them into one emendation, or quote words that do not overlap."))
    return problems


def _number(placed, links, callouts):
    """Number notes, emendations and callouts in reading order."""
    notes, emendations, numbered = {}, {}, {}
    for p in placed:
        item = p.item
        kind = type(item).__name__
        if kind == "NoteSource":
            notes[item.id] = Note(item.id, len(notes) + 1, p.span.paragraph, item.anchor.quote,
                                  render_block(item.body, links), item.sources)
        elif kind == "EmendationSource":
            emendations[item.id] = Emendation(item.id, len(emendations) + 1, p.span.paragraph, item.anchor.quote,
                                              item.corrected, render_inline(item.reason, links))
        else:
            callout = callouts[item.id]
            numbered[item.id] = replace(callout, number=len(numbered) + 1,
                                        explanation=render_block(item.explanation, links))
    for cid, callout in numbered.items():
        inputs = tuple(replace(i, computation_label=f"calculation {numbered[i.computation].number}: "
                                                    f"{numbered[i.computation].title}")
                       if i.computation in numbered else i for i in callout.inputs)
        numbered[cid] = replace(callout, inputs=inputs)
    return notes, emendations, numbered


def _inlines(text, here, matches, notes, emendations, callouts) -> tuple[tuple[Inline, ...], tuple[MarginItem, ...]]:
    """Cut a paragraph into inline pieces. Marks go where their quote ends (after an emended reading or a
    term link that the quote ends inside, so no mark splits a word)."""
    wraps = []  # (start, end, piece) spans that replace text
    for p in here:
        if type(p.item).__name__ == "EmendationSource":
            em = emendations[p.item.id]
            wraps.append((p.span.start, p.span.end, EmendedText(em.original, em.corrected, em.id, em.number)))
    for m in matches:
        wraps.append((m.start, m.end, TermLink(text[m.start:m.end], m.entry_id)))
    wraps.sort(key=lambda w: w[0])
    marks, margin = [], []
    for p in here:
        kind = type(p.item).__name__
        if kind == "EmendationSource":
            continue
        at = p.span.end
        for start, end, _ in wraps:
            if start < at < end:
                at = end
        if kind == "NoteSource":
            note = notes[p.item.id]
            marks.append((at, NoteRef(note.id, note.number)))
            margin.append(note)
        else:
            callout = callouts[p.item.id]
            marks.append((at, CalloutRef(callout)))
            margin.append(callout)
    pieces: list[Inline] = []
    cursor = 0
    events = sorted([(s, 0, w) for s, e, w in wraps] + [(at, 1, m) for at, m in marks], key=lambda e: (e[0], -e[1]))
    ends = {id(w): e for s, e, w in wraps}
    for position, order, piece in events:
        if position > cursor:
            pieces.append(Text(text[cursor:position]))
            cursor = position
        pieces.append(piece)
        if order == 0:
            cursor = ends[id(piece)]
    if cursor < len(text):
        pieces.append(Text(text[cursor:]))
    return tuple(pieces), tuple(margin)


def _glossary_entry(entry: GlossaryEntrySource, resolved, links) -> GlossaryEntry:
    occurrences = tuple(Occurrence(edition.meta.slug, edition.meta.title, hits[entry.id])
                        for edition, hits in resolved if entry.id in hits)
    return GlossaryEntry(entry.id, entry.term, entry.kind, entry.dates, entry.aliases,
                         render_block(entry.definition, links), entry.sources, occurrences)


def _with_terms(resolved, entries: dict[str, GlossaryEntry]) -> Edition:
    edition, hits = resolved
    uses = tuple(TermUse(entries[i], hits[i]) for i in sorted(hits, key=lambda i: entries[i].term.lower()))
    return replace(edition, terms=uses)


def _citation(meta) -> str:
    editors = ", ".join(meta.editors)
    return (f"{meta.author}, “{meta.title}” ({meta.written[:4]}), ed. {editors}, Glossa edition, "
            f"version {meta.version}.")


def _verdict_counts(callouts) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for c in callouts:
        counts[c.verdict_label] = counts.get(c.verdict_label, 0) + 1
    return tuple(sorted(counts.items()))
