"""The base text as exported: the transcription's files themselves, and where each annotation's words are.

The reader shows paragraphs (lines joined by single spaces); exports that other tools re-anchor
(W3C Web Annotation's TextPositionSelector) count characters of the file as it is: source.txt, or each part's
file in a book-length edition. This record keeps both, and the one mapping between them, so no output
re-derives paragraphs from the files.
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
    part: str                  # '' in an edition of one text
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class BaseFile:
    name: str      # its path in the edition folder: "source.txt", or a part's, e.g. "parts/01-introduction.txt"
    text: str      # as read (BOM dropped, CRLF read as LF; an invisible control shown as U+FFFD, one for one)


@dataclass(frozen=True, kw_only=True)
class BaseParagraph:
    part: str
    number: int
    file: int                                   # index in BaseText.files
    text: str                                   # as the reader shows it: lines stripped, joined by spaces
    line_starts: tuple[tuple[int, int], ...]    # (offset in `text`, offset in the file) of each source line


@dataclass(frozen=True, kw_only=True)
class BaseText:
    files: tuple[BaseFile, ...]
    paragraphs: tuple[BaseParagraph, ...]       # in reading order, part after part
    spans: tuple[AnchoredSpan, ...]             # in reading order

    def paragraph(self, part: str, number: int) -> BaseParagraph:
        return next(p for p in self.paragraphs if p.part == part and p.number == number)

    def locate(self, span: AnchoredSpan) -> tuple[BaseFile, int, int]:
        """The file a span's words are in, and their [start, end) offsets in it."""
        para = self.paragraph(span.part, span.paragraph)
        return self.files[para.file], _file_offset(para, span.start), _file_offset(para, span.end)


def _file_offset(para: BaseParagraph, offset: int) -> int:
    """Where the character at `offset` of a paragraph's text is in its file. The space that joins two lines in
    the paragraph stands for the line break, so an offset on it lands on that break."""
    line = max(0, bisect.bisect_right([start for start, _ in para.line_starts], offset) - 1)
    start, at = para.line_starts[line]
    return at + offset - start
