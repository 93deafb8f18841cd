"""The base text as exported: source.txt itself, and where each annotation's words are in it.

The reader shows paragraphs (lines joined by single spaces); exports that other tools re-anchor
(W3C Web Annotation's TextPositionSelector) count characters of source.txt as it is. This record keeps
both, and the one mapping between them, so no output re-derives paragraphs from the file.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import Enum


class SpanKind(Enum):
    NOTE = "note"
    TERM = "term"              # a glossary term linked in the text
    COMPUTATION = "computation"


@dataclass(frozen=True, kw_only=True)
class AnchoredSpan:
    """Words of a paragraph that an annotation is attached to: [start, end) in the paragraph's text."""

    kind: SpanKind
    id: str                    # the note's, the computation's, or the glossary entry's id
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class BaseParagraph:
    number: int
    text: str                                   # as the reader shows it: lines stripped, joined by spaces
    line_starts: tuple[tuple[int, int], ...]    # (offset in `text`, offset in the file) of each source line


@dataclass(frozen=True, kw_only=True)
class BaseText:
    text: str   # source.txt as read (BOM dropped, CRLF read as LF; an invisible control shown as U+FFFD)
    paragraphs: tuple[BaseParagraph, ...]
    spans: tuple[AnchoredSpan, ...]             # in reading order

    def file_offset(self, paragraph: int, offset: int) -> int:
        """Where the character at `offset` of a paragraph's text is in the file. The space that joins two
        lines in the paragraph stands for the line break, so an offset on it lands on that break."""
        para = self.paragraphs[paragraph - 1]
        line = max(0, bisect.bisect_right([start for start, _ in para.line_starts], offset) - 1)
        start, at = para.line_starts[line]
        return at + offset - start
