"""The base text of an edition as the exports count it: the transcription's files, each paragraph's place in
its file, and the words each note, computation and glossary link is attached to (from the plan, never
searched for again)."""
from __future__ import annotations

import itertools
import posixpath

from ..basetext import AnchoredSpan, BaseFile, BaseParagraph, BaseText, SpanKind
from ..read.characters import HIDDEN
from ..records import Paragraph
from .placement import AnnotationKind, EditionPlan

_KINDS = {AnnotationKind.NOTE: SpanKind.NOTE, AnnotationKind.COMPUTATION: SpanKind.COMPUTATION}


def base_text(plan: EditionPlan, computations: set[str]) -> BaseText:
    """`computations`: the ids of the computations that resolved (only those are published)."""
    transcription = plan.source.transcription
    paths = [path for path, _ in transcription.texts]
    # An invisible control (a bidi override corrected by an emendation) is never published raw: it becomes
    # U+FFFD, one character for one, so every offset still counts characters of the file as received.
    names = [part.file for part in transcription.parts] or [posixpath.basename(path) for path in paths]
    files = tuple(BaseFile(name=name, text=HIDDEN.sub("\ufffd", text))
                  for name, (_, text) in zip(names, transcription.texts, strict=True))
    line_offsets = [[0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]
                    for _, text in transcription.texts]
    spans = [AnchoredSpan(kind=_KINDS[p.kind], id=p.source.id, part=p.span.part, paragraph=p.span.paragraph,
                          start=p.span.start, end=p.span.end)
             for p in plan.placed if p.kind in _KINDS
             and (p.kind is not AnnotationKind.COMPUTATION or p.source.id in computations)]
    spans += [AnchoredSpan(kind=SpanKind.TERM, id=m.entry_id, part=part, paragraph=number, start=m.start, end=m.end)
              for (part, number), matches in plan.terms.items() for m in matches]
    order = {p.id: n for n, p in enumerate(transcription.parts)}
    spans.sort(key=lambda s: (order.get(s.part, 0), s.paragraph, s.start, s.end, s.kind.value, s.id))
    return BaseText(files=files, spans=tuple(spans),
                    paragraphs=tuple(_paragraph(p, paths, line_offsets) for p in transcription.paragraphs))


def _paragraph(paragraph: Paragraph, paths: list[str], line_offsets: list[list[int]]) -> BaseParagraph:
    file = paths.index(paragraph.location.path)
    starts = tuple((offset, line_offsets[file][where.line - 1] + (where.column or 1) - 1)
                   for offset, where in paragraph.line_starts)
    return BaseParagraph(part=paragraph.part, number=paragraph.number, file=file, text=paragraph.text,
                         line_starts=starts)
