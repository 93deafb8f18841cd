"""Cut a paragraph into the inline pieces render lays out: text, term links, emended readings and marks."""
from __future__ import annotations

from collections.abc import Mapping

from ..model import (Callout, CalloutRef, Emendation, EmendedText, Inline, MarginItem, Note, NoteRef, TermLink, Text,
                     Variant, VariantRef)
from .placement import AnnotationKind, Placed
from .terms import TermMatch


def paragraph_pieces(text: str, placed: list[Placed], matches: tuple[TermMatch, ...], notes: Mapping[str, Note],
                     emendations: Mapping[str, Emendation], callouts: Mapping[str, Callout],
                     variants: Mapping[str, Variant] | None = None) -> tuple[tuple[Inline, ...], tuple[MarginItem, ...]]:
    """The paragraph as inline pieces, and its margin items in reading order. A mark goes where its quote
    ends, moved past an emended reading or term link that the quote ends inside, so a mark never splits
    a link."""
    wraps: list[tuple[int, int, Inline]] = []  # spans whose text is replaced by a piece
    for p in placed:
        if p.kind is AnnotationKind.EMENDATION:
            em = emendations[p.source.id]
            wraps.append((p.span.start, p.span.end, EmendedText(em.original, em.corrected, em.id, em.number)))
    wraps += [(m.start, m.end, TermLink(text[m.start:m.end], m.entry_id)) for m in matches]
    wraps.sort(key=lambda w: w[0])
    marks: list[tuple[int, Inline]] = []
    margin: list[MarginItem] = []
    for p in placed:
        if p.kind is AnnotationKind.EMENDATION:
            continue
        at = p.span.end
        for start, end, _ in wraps:
            if start < at < end:
                at = end
        if p.kind is AnnotationKind.VARIANT:  # a mark only: the readings are in the apparatus
            if variants and p.source.id in variants:
                marks.append((at, VariantRef(variants[p.source.id])))
            continue
        if p.kind is AnnotationKind.NOTE:
            note = notes[p.source.id]
            marks.append((at, NoteRef(note.id, note.number)))
            margin.append(note)
        else:
            callout = callouts[p.source.id]
            marks.append((at, CalloutRef(callout)))
            margin.append(callout)
    return _cut(text, wraps, marks), tuple(margin)


def _cut(text: str, wraps: list[tuple[int, int, Inline]], marks: list[tuple[int, Inline]]) -> tuple[Inline, ...]:
    # At the same offset a mark sorts before a wrap: a quote ending where a term link starts gets its mark
    # before the link.
    events = sorted([(start, 0, end, piece) for start, end, piece in wraps] +
                    [(at, 1, at, piece) for at, piece in marks], key=lambda e: (e[0], -e[1]))
    pieces: list[Inline] = []
    cursor = 0
    for position, _, end, piece in events:
        if position > cursor:
            pieces.append(Text(text[cursor:position]))
        pieces.append(piece)
        cursor = max(cursor, end)
    if cursor < len(text):
        pieces.append(Text(text[cursor:]))
    return tuple(pieces)
