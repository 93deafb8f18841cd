"""The base text of an edition as the exports count it: source.txt, its paragraphs' places in the file, and
the words each note, computation and glossary link is attached to (from the plan, never re-searched)."""
from __future__ import annotations

import itertools

from ..basetext import AnchoredSpan, BaseParagraph, BaseText, SpanKind
from ..read.characters import HIDDEN
from ..records import Paragraph
from .placement import AnnotationKind, EditionPlan

_KINDS = {AnnotationKind.NOTE: SpanKind.NOTE, AnnotationKind.COMPUTATION: SpanKind.COMPUTATION}


def base_text(plan: EditionPlan, computations: set[str]) -> BaseText:
    """`computations`: the ids of the computations that resolved (only those are published)."""
    transcription = plan.source.transcription
    line_offsets = [0, *itertools.accumulate(len(line) + 1 for line in transcription.text.split("\n"))]
    spans = [AnchoredSpan(kind=_KINDS[p.kind], id=p.source.id, paragraph=p.span.paragraph, start=p.span.start,
                          end=p.span.end)
             for p in plan.placed if p.kind in _KINDS
             and (p.kind is not AnnotationKind.COMPUTATION or p.source.id in computations)]
    spans += [AnchoredSpan(kind=SpanKind.TERM, id=m.entry_id, paragraph=number, start=m.start, end=m.end)
              for number, matches in plan.terms.items() for m in matches]
    spans.sort(key=lambda s: (s.paragraph, s.start, s.end, s.kind.value, s.id))
    # An invisible control (a bidi override corrected by an emendation) is never published raw: it becomes
    # U+FFFD, one character for one, so every offset still counts characters of source.txt as received.
    return BaseText(text=HIDDEN.sub("\ufffd", transcription.text), spans=tuple(spans),
                    paragraphs=tuple(_paragraph(p, line_offsets) for p in transcription.paragraphs))


def _paragraph(paragraph: Paragraph, line_offsets: list[int]) -> BaseParagraph:
    starts = tuple((offset, line_offsets[where.line - 1] + (where.column or 1) - 1)
                   for offset, where in paragraph.line_starts)
    return BaseParagraph(number=paragraph.number, text=paragraph.text, line_starts=starts)
