"""Bring a transcription into an edition: normalise it once, on the way in, and list what looks suspicious.

A source.txt is kept exactly as received once the edition exists (its checksum is recorded), so anything
mechanical is done here, before the checksum is taken: the byte-order mark and carriage returns go,
trailing spaces go, runs of blank lines become one, a file with one paragraph per line gets blank lines
between its paragraphs, and a text without the title and 'Label: value' provenance block that
transcription.py expects gets one. Characters that would silently break quoting or review (no-break and
zero-width spaces, soft hyphens, bidirectional controls, straight quotes beside curly ones) are kept, since
they may be what the source says, and reported with their line and column so the editor can decide.
Control characters are never text: they are removed, and reported too.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..read.characters import BIDI_CHARS, CONTROL, char_name
from ..read.transcription import _PROVENANCE_LINE  # the one definition of a provenance line, shared with the reader
from ..read.transcription import blank_separated

BOM = "\ufeff"
MAX_SHOWN = 10  # positions listed per kind of character; the rest are counted

# Kinds of suspicious character, each with why it matters to an editor.
SPACE_LIKE = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
WHY = {
    "control": "removed: a control character is not text",
    "bidi": "kept: it can make a line read differently on the page; the build asks for an emendation (G182)",
    "space-like": "kept: it looks like a space, but a quote typed with a plain space will not match it",
    "zero-width": "kept: it is invisible, and a quote typed without it will not match",
    "soft hyphen": "kept: it is invisible, and a quote typed without it will not match",
    "line separator": "kept: some editors break the line there, others do not",
    "straight quote": "kept: the text also uses curly quotes; a quote must use the same kind as the text",
}


class SourceImportError(Exception):
    """The file cannot be brought in at all (not UTF-8, or empty): one sentence for the user."""


@dataclass(frozen=True, kw_only=True)
class Suspicious:
    """A character worth a look, at its line and column in source.txt as written (both from 1)."""

    line: int
    column: int
    char: str
    kind: str

    def describe(self) -> str:
        return f"{self.line}:{self.column}  {char_name(self.char)}"


@dataclass(frozen=True, kw_only=True)
class ImportedText:
    text: str                          # source.txt as it will be written
    changes: tuple[str, ...]           # what normalising did, one sentence each
    suspicious: tuple[Suspicious, ...]
    added_heading: bool                # a title block and provenance were added (the text had none)


@dataclass(frozen=True, kw_only=True)
class _Line:
    text: str
    removed: tuple[tuple[int, str], ...] = ()   # control characters taken out: (column in `text`, character)


def import_text(raw: bytes, *, title: str, author: str, source_label: str) -> ImportedText:
    """The normalised transcription. `title`, `author` and `source_label` make the title and provenance block
    when the text has none ('Source: <source_label>')."""
    changes: list[str] = []
    if raw.startswith(BOM.encode()):
        raw = raw[len(BOM.encode()):]
        changes.append("removed the byte-order mark")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise SourceImportError(f"the file is not UTF-8 (byte {exc.start + 1}, line {line}): save it as UTF-8 "
                                "and try again") from None
    crlf, cr = text.count("\r\n"), text.replace("\r\n", "").count("\r")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if crlf or cr:
        changes.append(f"made {crlf + cr} line ending(s) \\n")
    lines, trailing, removed = [], 0, 0
    for raw_line in text.split("\n"):
        kept, gone = _without_controls(raw_line)
        stripped = kept.rstrip()
        trailing += stripped != kept
        removed += len(gone)
        lines.append(_Line(text=stripped, removed=tuple((min(c, len(stripped) + 1), ch) for c, ch in gone)))
    if trailing:
        changes.append(f"removed trailing spaces from {trailing} line(s)")
    if removed:
        changes.append(f"removed {removed} control character(s)")
    blocks = _blocks(lines)
    if not any(line.text for line in lines):
        raise SourceImportError("the file holds no text")
    if _one_per_line(lines):
        blocks = _split_lines(blocks[0])
        changes.append(f"the file had no blank lines between paragraphs: made each line a paragraph "
                       f"({len(blocks)} blocks; consecutive 'Label: value' lines stay together)")
    added = not any(all(_PROVENANCE_LINE.match(line.text.strip()) for line in block) for block in blocks)
    if added:
        heading = [[_Line(text=author)], [_Line(text=title)], [_Line(text=f"Source: {source_label}")]]
        blocks = heading + blocks
        changes.append("the text had no 'Label: value' provenance block: added the author, the title and "
                       f"'Source: {source_label}' before it")
    written: list[_Line] = []
    for block in blocks:
        if written:
            written.append(_Line(text=""))
        written.extend(block)
    final = "\n".join(line.text for line in written) + "\n"
    return ImportedText(text=final, changes=tuple(changes), suspicious=tuple(_suspicious(written, final)),
                        added_heading=added)


def _without_controls(line: str) -> tuple[str, list[tuple[int, str]]]:
    """The line without control characters (tab kept), and each one removed with the column it stood at."""
    kept: list[str] = []
    gone: list[tuple[int, str]] = []
    for ch in line:
        if CONTROL.match(ch):
            gone.append((len(kept) + 1, ch))
        else:
            kept.append(ch)
    return "".join(kept), gone


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    return blank_separated(lines, lambda line: not line.text.strip())


def _one_per_line(lines: list[_Line]) -> bool:
    """A file of several lines with no blank line between any two: one paragraph per line, as text copied
    from a web page or a word processor usually is."""
    return len(_blocks(lines)) == 1 and sum(bool(line.text.strip()) for line in lines) > 1


def _split_lines(block: list[_Line]) -> list[list[_Line]]:
    """One paragraph per line, except that consecutive 'Label: value' lines stay together as one block, so a
    provenance block survives."""
    result: list[list[_Line]] = []
    for line in block:
        if result and _PROVENANCE_LINE.match(line.text.strip()) and \
                all(_PROVENANCE_LINE.match(previous.text.strip()) for previous in result[-1]):
            result[-1].append(line)
        else:
            result.append([line])
    return result


def _suspicious(lines: list[_Line], text: str) -> list[Suspicious]:
    found: list[Suspicious] = []
    curly_double = any(ch in text for ch in "“”")
    curly_single = any(ch in text for ch in "‘’")
    for number, line in enumerate(lines, start=1):
        found += [Suspicious(line=number, column=column, char=ch, kind="control") for column, ch in line.removed]
        for column, ch in enumerate(line.text, start=1):
            kind = _kind(ch, curly_double, curly_single)
            if kind:
                found.append(Suspicious(line=number, column=column, char=ch, kind=kind))
    return sorted(found, key=lambda s: (s.line, s.column))


def _kind(ch: str, curly_double: bool, curly_single: bool) -> str:
    if ch in BIDI_CHARS:
        return "bidi"
    if ch in SPACE_LIKE:
        return "space-like"
    if ch in ZERO_WIDTH:
        return "zero-width"
    if ch == "\u00ad":
        return "soft hyphen"
    if ch in "\u2028\u2029\u0085":
        return "line separator"
    if (ch == '"' and curly_double) or (ch == "'" and curly_single):
        return "straight quote"
    if unicodedata.category(ch) == "Cf":  # any other invisible formatting character
        return "zero-width"
    return ""


def report_lines(suspicious: tuple[Suspicious, ...], rel_path: str) -> list[str]:
    """The report printed after importing: per kind, why it matters and where (at most MAX_SHOWN places)."""
    if not suspicious:
        return [f"No suspicious characters in {rel_path}."]
    lines = [f"Suspicious characters in {rel_path} (line:column):"]
    for kind in WHY:
        of_kind = [s for s in suspicious if s.kind == kind]
        if not of_kind:
            continue
        lines.append(f"  {kind} ({len(of_kind)}), {WHY[kind]}:")
        lines += [f"    {s.describe()}" for s in of_kind[:MAX_SHOWN]]
        if len(of_kind) > MAX_SHOWN:
            lines.append(f"    … and {len(of_kind) - MAX_SHOWN} more")
    return lines
