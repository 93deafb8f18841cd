"""Split a transcription as received into its title block, provenance lines and body paragraphs.

The file is kept unaltered in the edition folder; this stage only finds its parts. Blocks are separated
by blank lines. The first block made wholly of "Label: value" lines is the provenance (as on the
Marxists' Internet Archive: "Written:", "Source:", "Translator:" …); everything before it is the title
block, and every block after it is a body paragraph, numbered from 1.
"""
from __future__ import annotations

import re

from .codes import Code
from .diagnostics import Diagnostic, SourceLocation, error
from .records import Paragraph, Transcription

_PROVENANCE_LINE = re.compile(r"^([A-Z][A-Za-z ]{1,40}):\s+(.+)$")


def parse_transcription(text: str, rel_path: str) -> tuple[Transcription | None, list[Diagnostic]]:
    blocks = _blocks(text)
    provenance_index = next(
        (i for i, (_, lines) in enumerate(blocks) if all(_PROVENANCE_LINE.match(line) for line in lines)), None)
    if provenance_index is None:
        return None, [error(Code.TRANSCRIPTION_SHAPE, "The transcription has no provenance block.", SourceLocation(rel_path, 1),
                            "After the title, add a block of 'Label: value' lines (e.g. 'Written: January 11, 1936.', "
                            "'Source: …'), then a blank line, then the body paragraphs.")]
    heading = tuple(line for _, lines in blocks[:provenance_index] for line in lines)
    provenance = tuple(
        (m.group(1), m.group(2)) for m in map(_PROVENANCE_LINE.match, blocks[provenance_index][1]) if m)
    paragraphs = tuple(
        Paragraph(number, " ".join(lines), SourceLocation(rel_path, line))
        for number, (line, lines) in enumerate(blocks[provenance_index + 1:], start=1))
    if not paragraphs:
        return None, [error(Code.TRANSCRIPTION_SHAPE, "The transcription has no body paragraphs after its provenance block.",
                            SourceLocation(rel_path, blocks[provenance_index][0]),
                            "Add the text's paragraphs, separated by blank lines.")]
    return Transcription(heading, provenance, paragraphs, SourceLocation(rel_path, 1)), []


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks, each with the line number it starts on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            if not current:
                start = number
            current.append(stripped)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks
