"""Where each annotation of an edition sits in the text, and where its glossary terms are linked."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Union

from .anchors import Span, locate
from ..read.characters import unemended_bidi
from ..codes import Code
from ..diagnostics import Diagnostic, error
from ..records import ComputationSource, EditionSource, EmendationSource, NoteSource, VariantSource
from .terms import TermMatch, TermMatcher, find_term_links


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
    terms: dict[int, tuple[TermMatch, ...]]   # paragraph number -> links in it
    term_paragraphs: dict[str, tuple[int, ...]]   # entry id -> the paragraphs that link to it

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
    placed.sort(key=lambda p: (p.span.paragraph, p.span.end, p.span.start, p.kind.value, p.source.id))
    terms = {}
    for paragraph in paragraphs:
        blocked = [(p.span.start, p.span.end) for p in placed
                   if p.kind is AnnotationKind.EMENDATION and p.span.paragraph == paragraph.number]
        terms[paragraph.number] = tuple(find_term_links(paragraph.text, terms_matcher, blocked))
    hits: dict[str, list[int]] = {}
    for number in sorted(terms):
        for match in terms[number]:
            hits.setdefault(match.entry_id, []).append(number)
    return EditionPlan(source, tuple(placed), terms, {k: tuple(v) for k, v in hits.items()}), problems


def _overlapping_emendations(placed: list[Placed]) -> list[Diagnostic]:
    problems = []
    spans = sorted(placed, key=lambda p: (p.span.paragraph, p.span.start))
    for a, b in zip(spans, spans[1:]):
        if a.span.paragraph == b.span.paragraph and b.span.start < a.span.end:
            problems.append(error(Code.EMENDATIONS_OVERLAP, f"Emendations '{a.source.id}' and '{b.source.id}' overlap in paragraph "
                                          f"{a.span.paragraph}.", b.source.location,
                                  "Merge them into one emendation, or quote words that do not overlap."))
    return problems
