"""Where each annotation of an edition sits in the text, and where its glossary terms are linked."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Union

from .anchors import Span, locate, paragraph_name
from ..read.characters import unemended_bidi
from ..codes import Code
from ..diagnostics import Diagnostic, error
from ..records import ComputationSource, EditionSource, EmendationSource, NoteSource, Paragraph, VariantSource
from .terms import TermMatch, TermMatcher, find_term_links


# A paragraph's place: its part ('' in an edition of one text) and its number in that part.
ParagraphKey = tuple[str, int]


class AnnotationKind(Enum):
    EMENDATION = "emendation"
    NOTE = "note"
    COMPUTATION = "computation"
    VARIANT = "variant"


@dataclass(frozen=True)
class Placed:
    kind: AnnotationKind
    span: Span
    source: Union[NoteSource, EmendationSource, ComputationSource, VariantSource]


@dataclass(frozen=True)
class EditionPlan:
    """An edition's annotations in reading order, and its term links per paragraph."""

    source: EditionSource
    placed: tuple[Placed, ...]
    terms: dict[ParagraphKey, tuple[TermMatch, ...]]   # (part, paragraph number) -> links in it
    term_paragraphs: dict[str, tuple[int, ...]]   # entry id -> the paragraphs that link to it
    # entry id -> the part of each of those paragraphs, in a book-length edition (empty in one of one text)
    term_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def numbering(self, kind: AnnotationKind) -> dict[str, int]:
        """Numbers 1, 2, 3 … of one kind of annotation, in reading order."""
        ids = [p.source.id for p in self.placed if p.kind is kind]
        return {id_: n for n, id_ in enumerate(ids, start=1)}


def plan_edition(source: EditionSource, terms_matcher: TermMatcher) -> tuple[EditionPlan, list[Diagnostic]]:
    """Where each annotation sits and which terms are linked; `terms_matcher` is built once for the whole site."""
    paragraphs = source.transcription.paragraphs
    problems: list[Diagnostic] = []
    placed: list[Placed] = []
    for kind, items, what, code in ((AnnotationKind.EMENDATION, source.emendations, "original reading", Code.ORIGINAL_NOT_FOUND),
                                    (AnnotationKind.NOTE, source.notes, "quote", Code.QUOTE_NOT_FOUND),
                                    (AnnotationKind.COMPUTATION, source.computations, "quote", Code.QUOTE_NOT_FOUND),
                                    (AnnotationKind.VARIANT, source.variants, "quote", Code.QUOTE_NOT_FOUND)):
        for item in items:
            span, found = locate(item.anchor, paragraphs, what=what, code_not_found=code)
            problems += found
            if span:
                placed.append(Placed(kind, span, item))
    problems += _overlapping_emendations([p for p in placed if p.kind is AnnotationKind.EMENDATION])
    problems += unemended_bidi(paragraphs, [p.span for p in placed if p.kind is AnnotationKind.EMENDATION])
    order = {part: n for n, part in enumerate(dict.fromkeys(p.part for p in paragraphs))}  # parts in reading order
    placed.sort(key=lambda p: (order.get(p.span.part, 0), p.span.paragraph, p.span.end, p.span.start, p.kind.value,
                               p.source.id))
    terms = {}
    for paragraph in paragraphs:
        key = paragraph_key(paragraph)
        blocked = [(p.span.start, p.span.end) for p in placed
                   if p.kind is AnnotationKind.EMENDATION and (p.span.part, p.span.paragraph) == key]
        terms[key] = tuple(find_term_links(paragraph.text, terms_matcher, blocked))
    hits: dict[str, list[ParagraphKey]] = {}
    for paragraph in paragraphs:  # in reading order, part after part
        for match in terms[paragraph_key(paragraph)]:
            hits.setdefault(match.entry_id, []).append(paragraph_key(paragraph))
    numbers = {k: tuple(number for _, number in v) for k, v in hits.items()}
    parts = {k: tuple(part for part, _ in v) for k, v in hits.items()} if order.keys() != {""} else {}
    return EditionPlan(source, tuple(placed), terms, numbers, parts), problems


def paragraph_key(paragraph: Paragraph) -> ParagraphKey:
    return (paragraph.part, paragraph.number)


def _overlapping_emendations(placed: list[Placed]) -> list[Diagnostic]:
    problems = []
    spans = sorted(placed, key=lambda p: (p.span.part, p.span.paragraph, p.span.start))
    for a, b in zip(spans, spans[1:]):
        if (a.span.part, a.span.paragraph) == (b.span.part, b.span.paragraph) and b.span.start < a.span.end:
            problems.append(error(Code.EMENDATIONS_OVERLAP, f"Emendations '{a.source.id}' and '{b.source.id}' overlap in "
                                          f"{paragraph_name(a.span.paragraph, a.span.part)}.", b.source.location,
                                  "Merge them into one emendation, or quote words that do not overlap."))
    return problems
