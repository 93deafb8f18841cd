"""Stage 2, resolve: source records into a Site, with every diagnostic found (not just the first).

The glossary is resolved once (its definitions parsed, its forms compiled into one matcher); then each
edition is resolved on its own against it, with its notes, emendations and callouts numbered in reading
order and its paragraphs cut into inline pieces for render to lay out. Each edition reports the facts the
site-wide pages need (where it links each entry), so editions can be resolved apart, in parallel or from
the cache, and the glossary assembled from their facts.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .. import urls
from ..read.characters import shown_visibly
from ..codes import Code
from .computations import EditionContext, resolve_computations
from .crossrefs import (Field, MarkdownField, SiteMarkdown, check_links, collect, edition_markdown, edition_targets,
                        glossary_markdown, glossary_references, resolved_targets, site_targets)
from ..diagnostics import Diagnostic, error, has_errors, warning
from .inlines import paragraph_pieces
from ..model import (Callout, Edition, Emendation, GlossaryEntry, GlossaryGroup, Note, Occurrence, ParagraphLink,
                    Part, Prose, ReadingParagraph, Site, TermUse, Variant, VariantReading)
from ..markdown import ParsedMarkdown
from .names import entry_order
from .basetext import base_text
from .placement import AnnotationKind, EditionPlan, ParagraphKey, Placed, paragraph_key, plan_edition
from ..records import EditionMeta, EditionSource, Paragraph, EntryKind, GlossaryEntrySource, SiteSource, Verdict
from .tally import tally
from .terms import TermMatcher, build_matcher
from .variants import check_variants
from .verdicts import VERDICT_PLURALS


@dataclass(frozen=True, kw_only=True)
class GlossaryContext:
    """What every edition is resolved against: the glossary (parsed, its forms compiled into one matcher)
    and the targets every text may link to. Built once per build and shared by every edition."""

    entries: tuple[GlossaryEntrySource, ...]
    definitions: tuple[MarkdownField, ...]
    common: Mapping[str, urls.Target]
    matcher: TermMatcher
    linked: Mapping[str, GlossaryEntry]     # entry id -> the entry as an edition's term list shows it


@dataclass(frozen=True, kw_only=True, slots=True)
class EditionFacts:
    """What the site-wide pages and checks need to know of one resolved edition."""

    slug: str
    title: str
    term_paragraphs: Mapping[str, tuple[int, ...]]   # entry id -> the paragraphs that link to it
    glossary_references: frozenset[str]             # entry ids its texts link to explicitly
    edition_references: frozenset[str]              # slugs of the editions its texts link to
    # A book-length edition's: entry id -> the part of each of term_paragraphs' paragraphs; and its parts'
    # (id, title) in reading order, so the glossary names the part of each occurrence. Empty for one text.
    term_parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    parts: tuple[tuple[str, str], ...] = ()


def resolve_glossary(entries: tuple[GlossaryEntrySource, ...], slugs: Iterable[str]
                     ) -> tuple[GlossaryContext, list[Diagnostic]]:
    context, problems = _resolved_glossary(entries, tuple(slugs))
    return context, list(problems)


# The same entries and editions give the same context: a process that builds again (serve after a note is saved,
# a test run's hundreds of builds) keeps the last few, their term matcher compiled. Records are frozen.
@functools.lru_cache(maxsize=4)
def _resolved_glossary(entries: tuple[GlossaryEntrySource, ...], slugs: tuple[str, ...]
                       ) -> tuple[GlossaryContext, tuple[Diagnostic, ...]]:
    problems = _check_glossary_forms(entries)
    definitions = glossary_markdown(entries)
    common = site_targets(entries, set(slugs))
    for item in definitions:
        problems += check_links(item, common)
    by_id = {d.owner: d.markdown for d in definitions}
    linked = {e.id: _glossary_entry(e, (), _prose(by_id[e.id], common)) for e in entries}
    return GlossaryContext(entries=entries, definitions=definitions, common=common,
                           matcher=build_matcher(entries), linked=linked), tuple(problems)


def resolve_edition(source: EditionSource, glossary: GlossaryContext
                    ) -> tuple[Edition | None, EditionFacts, list[Diagnostic]]:
    """One edition, resolved against the shared glossary: None when it has errors."""
    plan, problems = plan_edition(source, glossary.matcher)
    fields = edition_markdown(source)
    edition, found = _build_edition(plan, glossary.linked, glossary.common, collect(fields))
    problems += found
    facts = EditionFacts(slug=source.meta.slug, title=source.meta.title, term_paragraphs=plan.term_paragraphs,
                         glossary_references=frozenset(glossary_references(fields)),
                         edition_references=frozenset(ref.partition(":")[2] for item in fields
                                                      for ref in item.markdown.cross_references
                                                      if ref.startswith("edition:")),
                         term_parts=plan.term_parts,
                         parts=tuple((part.id, part.title) for part in source.transcription.parts))
    return (None if has_errors(problems) else edition), facts, problems


def glossary_groups(glossary: GlossaryContext, facts: Sequence[EditionFacts]) -> tuple[GlossaryGroup, ...]:
    """The glossary page's entries, by kind, each with where it occurs in every edition."""
    definitions = {d.owner: d.markdown for d in glossary.definitions}
    pages: dict[tuple[str, str], str] = {}
    entries = [_glossary_entry(e, facts, _prose(definitions[e.id], glossary.common), pages) for e in glossary.entries]
    return tuple(
        GlossaryGroup(kind, tuple(sorted((e for e in entries if e.kind is kind), key=lambda e: entry_order(e.kind, e.term))))
        for kind in EntryKind if any(e.kind is kind for e in entries))


def unlinked_entries(glossary: GlossaryContext, facts: Sequence[EditionFacts]) -> list[Diagnostic]:
    """G160 for each entry that no text contains and no text links to."""
    used = {entry_id for f in facts for entry_id in f.term_paragraphs}
    used |= {entry_id for f in facts for entry_id in f.glossary_references}
    used |= glossary_references(glossary.definitions)
    return [warning(Code.UNLINKED_ENTRY, f"Nothing links to the glossary entry '{entry.term}'.", entry.location,
                    "Add the form the text uses to aliases:, link it from a note as "
                    f"[{entry.term}](glossary:{entry.id}), or remove the entry.")
            for entry in glossary.entries if entry.id not in used]


def resolve_site(source: SiteSource) -> tuple[Site | None, list[Diagnostic]]:
    """The whole site in one go (the build itself resolves edition by edition: sitebuild.py)."""
    glossary, problems = resolve_glossary(source.glossary, [e.meta.slug for e in source.editions])
    editions, facts = [], []
    for edition_source in source.editions:
        edition, fact, found = resolve_edition(edition_source, glossary)
        problems += found
        facts.append(fact)
        if edition is not None:
            editions.append(edition)
    if source.complete:  # with an edition unread, a missing link may only be a consequence
        problems += unlinked_entries(glossary, facts)
    if has_errors(problems):
        return None, problems
    return Site(source.title, source.description, tuple(editions), glossary_groups(glossary, facts)), problems


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


def _prose(parsed: ParsedMarkdown, targets: Mapping[str, urls.Target]) -> Prose:
    return Prose(markdown=parsed, targets=resolved_targets(parsed, targets))


def _paragraph_links(slug: str, numbers: Sequence[int], part: str = "") -> tuple[ParagraphLink, ...]:
    page = urls.text_page(slug, part)
    return tuple(ParagraphLink(number=n, target=urls.Target(page=page, fragment=urls.paragraph_id(n))) for n in numbers)


def _occurrences(f: EditionFacts, entry_id: str, pages: dict[tuple[str, str], str]) -> tuple[Occurrence, ...]:
    """Where an edition links an entry: one occurrence, or one per part of a book, named "Title, Part"."""
    numbers = f.term_paragraphs.get(entry_id, ())
    if not numbers:
        return ()
    if not f.term_parts:
        return (Occurrence(f.title, _text_page(pages, f.slug, ""), numbers),)
    parts = f.term_parts[entry_id]
    return tuple(Occurrence(f"{f.title}, {title}", _text_page(pages, f.slug, part),
                            tuple(n for p, n in zip(parts, numbers) if p == part))
                 for part, title in f.parts if part in parts)


def _text_page(pages: dict[tuple[str, str], str], slug: str, part: str) -> str:
    """urls.text_page, one string per page however many entries it links: a thousand editions link some 22,000
    times, and a string each was a tenth of the site-wide pages' model."""
    found = pages.get((slug, part))
    if found is None:
        found = pages[slug, part] = urls.text_page(slug, part)
    return found


def _glossary_entry(entry: GlossaryEntrySource, facts: Sequence[EditionFacts], definition: Prose,
                    pages: dict[tuple[str, str], str] | None = None) -> GlossaryEntry:
    pages = {} if pages is None else pages
    occurrences = tuple(occurrence for f in facts for occurrence in _occurrences(f, entry.id, pages))
    return GlossaryEntry(entry.id, entry.term, entry.kind, entry.dates, entry.aliases, definition, entry.sources,
                         occurrences)


def _build_edition(plan: EditionPlan, entries: Mapping[str, GlossaryEntry], common: Mapping[str, urls.Target],
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
                                       e.corrected or "(nothing)", prose(Field.EMENDATION_REASON, e.id), p.span.part)
    witnesses = source.meta.witnesses
    by_witness = {w.id: w for w in witnesses}
    problems += check_variants(witnesses, source.variants)
    variant_sources = {v.id: v for v in source.variants}
    variants = {}
    for p, number in _numbered(plan, AnnotationKind.VARIANT):
        v = variant_sources[p.source.id]
        variants[v.id] = Variant(id=v.id, number=number, paragraph=p.span.paragraph, quote=v.anchor.quote, note=v.note,
                                 part=p.span.part,
                                 readings=tuple(VariantReading(witness=by_witness[r.witness], text=r.text,
                                                               source=r.source)
                                                for r in v.readings if r.witness in by_witness))
    numbers = plan.numbering(AnnotationKind.COMPUTATION)
    explanations = {c.id: prose(Field.EXPLANATION, c.id) for c in source.computations}
    context = EditionContext(source.transcription.paragraphs, numbers, {c.id: c.title for c in source.computations},
                             explanations, source.unreadable_computations, witnesses, source.variants, slug=slug,
                             parts={c.id: c.anchor.part or "" for c in source.computations})
    callouts, found = resolve_computations(source.computations, context)
    problems += found
    paragraphs = []
    by_paragraph: dict[ParagraphKey, list[Placed]] = {}
    for p in plan.placed:
        if p.kind is not AnnotationKind.COMPUTATION or p.source.id in callouts:
            by_paragraph.setdefault((p.span.part, p.span.paragraph), []).append(p)
    for paragraph in source.transcription.paragraphs:
        key = paragraph_key(paragraph)
        pieces, margin = paragraph_pieces(paragraph.text, by_paragraph.get(key, []), plan.terms[key], notes,
                                          emendations, callouts, variants)
        paragraphs.append(ReadingParagraph(paragraph.number, pieces, margin, paragraph.part))
    hits = plan.term_paragraphs
    terms = tuple(TermUse(entries[i], _term_links(slug, hits[i], plan.term_parts.get(i)))
                  for i in sorted(hits, key=lambda i: entries[i].term.lower()))
    meta = source.meta
    ordered_callouts = tuple(sorted(callouts.values(), key=lambda c: c.number))
    edition = Edition(
        meta=meta, provenance=source.transcription.provenance,
        paragraphs=tuple(paragraphs), notes=tuple(sorted(notes.values(), key=lambda n: n.number)),
        emendations=tuple(sorted(emendations.values(), key=lambda e: e.number)), callouts=ordered_callouts,
        terms=terms, summary=prose(Field.SUMMARY, slug), citation=_how_to_cite(meta),
        verdict_counts=_verdict_counts(ordered_callouts),
        tally=tally((c.verdict, c.inherited_from is not None) for c in ordered_callouts),
        witnesses=witnesses, variants=tuple(sorted(variants.values(), key=lambda v: v.number)),
        parts=_parts(source), base_text=base_text(plan, set(callouts)))
    return edition, problems


def _term_links(slug: str, numbers: Sequence[int], parts: Sequence[str] | None) -> tuple[ParagraphLink, ...]:
    """The paragraphs that link an entry, each to its page (its part's, in a book-length edition)."""
    if parts is None:
        return _paragraph_links(slug, numbers)
    return tuple(link for n, part in zip(numbers, parts) for link in _paragraph_links(slug, (n,), part))


FIRST_WORDS = 12  # of a part's first paragraph, in the table of contents


def _parts(source: EditionSource) -> tuple[Part, ...]:
    """A book-length edition's table of contents: each part with its title and first words."""
    slug = source.meta.slug
    by_part: dict[str, list[Paragraph]] = {}
    for paragraph in source.transcription.paragraphs:
        by_part.setdefault(paragraph.part, []).append(paragraph)
    result = []
    for number, part in enumerate(source.transcription.parts, start=1):
        own = by_part.get(part.id, [])
        words = own[0].text.split(" ") if own else []
        first = " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")
        result.append(Part(id=part.id, number=number, title=part.title, first_words=first, paragraphs=len(own),
                           page=urls.part_page(slug, part.id)))
    return tuple(result)


def _numbered(plan: EditionPlan, kind: AnnotationKind) -> list[tuple[Placed, int]]:
    numbers = plan.numbering(kind)
    return [(p, numbers[p.source.id]) for p in plan.placed if p.kind is kind]


def _how_to_cite(meta: EditionMeta) -> str:
    """The edition's recommended citation, as the about page prints it."""
    editors = ", ".join(meta.editors)
    return (f"{meta.author}, “{meta.title}” ({meta.year_written}), ed. {editors}, Glossa edition, "
            f"version {meta.version}.")


def _verdict_counts(callouts: Sequence[Callout]) -> tuple[tuple[str, int], ...]:
    """("hold", 11), ("approximately hold", 4), ("do not hold", 3): claims only (context has no verdict), in
    verdict order. The reader's key uses the fuller Tally, which tells inherited failures apart."""
    return tuple((VERDICT_PLURALS[v], n) for v in Verdict if (n := sum(c.verdict is v for c in callouts)))
