"""Split a transcription as received into its title block, provenance lines and body paragraphs.

The file is kept unaltered in the edition folder; this stage only finds its parts. Blocks are separated
by blank lines. The first block made wholly of "Label: value" lines is the provenance (as on the
Marxists' Internet Archive: "Written:", "Source:", "Translator:" …); everything before it is the title
block, and every block after it is a body paragraph, numbered from 1.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from .characters import BIDI, CONTROL, char_name, line_and_column
from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from ..records import Paragraph, Transcription

T = TypeVar("T")

_PROVENANCE_LINE = re.compile(r"^([A-Z][A-Za-z ]{1,40}):\s+(.+)$")


MAX_REPORTED = 10  # of one kind of character, per file: enough to show the pattern without a flood


def parse_transcription(text: str, rel_path: str) -> tuple[Transcription | None, list[Diagnostic]]:
    problems = control_characters(text, rel_path)
    if problems:  # written raw into the reader they would corrupt it
        return None, problems
    blocks = _blocks(text)
    provenance_index = next(
        (i for i, lines in enumerate(blocks) if all(_PROVENANCE_LINE.match(line) for _, _, line in lines)), None)
    if provenance_index is None:
        return None, [error(Code.TRANSCRIPTION_SHAPE, "The transcription has no provenance block.", SourceLocation(rel_path, 1),
                            "After the title, add a block of 'Label: value' lines (e.g. 'Written: January 11, 1936.', "
                            "'Source: …'), then a blank line, then the body paragraphs.")]
    heading = tuple(line for lines in blocks[:provenance_index] for _, _, line in lines)
    provenance = tuple(
        (m.group(1), m.group(2)) for m in (_PROVENANCE_LINE.match(line) for _, _, line in blocks[provenance_index])
        if m)
    paragraphs = tuple(_paragraph(number, lines, rel_path)
                       for number, lines in enumerate(blocks[provenance_index + 1:], start=1))
    if not paragraphs:
        return None, [error(Code.TRANSCRIPTION_SHAPE, "The transcription has no body paragraphs after its provenance block.",
                            SourceLocation(rel_path, blocks[provenance_index][0][0]),
                            "Add the text's paragraphs, separated by blank lines.")]
    problems = _bidi_outside_body(blocks[:provenance_index + 1], rel_path)
    if problems:
        return None, problems
    return Transcription(heading, provenance, paragraphs, SourceLocation(rel_path, 1),
                         texts=((rel_path, text),)), []


def parse_body(text: str, rel_path: str, part: str) -> tuple[tuple[Paragraph, ...] | None, list[Diagnostic]]:
    """A later part of a book-length edition: body paragraphs only (the title block and provenance are in
    the first part's file), numbered from 1 in this part."""
    problems = control_characters(text, rel_path)
    if problems:
        return None, problems
    blocks = _blocks(text)
    if not blocks:
        return None, [error(Code.TRANSCRIPTION_SHAPE, "This part's file has no paragraphs.", SourceLocation(rel_path, 1),
                            "Add the part's paragraphs, separated by blank lines, or remove the part from edition.yaml.")]
    return tuple(_paragraph(number, lines, rel_path, part) for number, lines in enumerate(blocks, start=1)), []


def control_characters(text: str, rel_path: str) -> list[Diagnostic]:
    """G181 for each control character (C0 but tab, newline and carriage return; DEL; C1), at its line and column."""
    problems = []
    for found in itertools.islice(CONTROL.finditer(text), MAX_REPORTED):
        line, column = line_and_column(text, found.start())
        problems.append(error(
            Code.SOURCE_CONTROL_CHARACTER, f"The transcription contains a control character, {char_name(found.group())}.",
            SourceLocation(rel_path, line, column),
            "Control characters are not text and would corrupt the page: delete it from source.txt (it was not in "
            "what the author wrote), then record the text's new checksum as source_sha256 in edition.yaml."))
    return problems


def _bidi_outside_body(blocks: list[list[tuple[int, int, str]]], rel_path: str) -> list[Diagnostic]:
    """G182 for a bidirectional control in the title or provenance block, which no emendation can correct."""
    problems = []
    for number, column, line in (entry for lines in blocks for entry in lines):
        for found in BIDI.finditer(line):
            problems.append(error(
                Code.SOURCE_BIDI_CONTROL, f"The title or provenance of the transcription contains an invisible "
                        f"{char_name(found.group())}, which can make the line read differently on the page.",
                SourceLocation(rel_path, number, column + found.start()),
                "Emendations correct body paragraphs only: delete the character from source.txt and record the "
                "text's new checksum as source_sha256 in edition.yaml."))
    return problems[:MAX_REPORTED]


def _paragraph(number: int, lines: list[tuple[int, int, str]], rel_path: str, part: str = "") -> Paragraph:
    starts, offset = [], 0
    for line_number, column, line in lines:
        starts.append((offset, SourceLocation(rel_path, line_number, column)))
        offset += len(line) + 1  # the lines are joined with one space
    return Paragraph(number, " ".join(line for _, _, line in lines), SourceLocation(rel_path, lines[0][0]),
                     tuple(starts), part)


def _blocks(text: str) -> list[list[tuple[int, int, str]]]:
    """Blank-line separated blocks: each line stripped, with its line number and the column it starts at."""
    lines = [(number, len(line) - len(line.lstrip()) + 1, line.strip())
             for number, line in enumerate(text.split("\n"), start=1)]
    return blank_separated(lines, lambda line: not line[2])


def blank_separated(lines: Iterable[T], blank: Callable[[T], bool]) -> list[list[T]]:
    """The runs of lines between blank ones (what makes a paragraph here and in `build.py new edition`)."""
    blocks: list[list[T]] = []
    current: list[T] = []
    for line in lines:
        if not blank(line):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks
