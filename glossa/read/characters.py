"""Characters that are invisible on the page or in review, and what Glossa does about them.

Control characters (C0 except tab, newline and carriage return; DEL; C1) have no business in text:
written raw into HTML they corrupt it, and in a terminal they are commands. Bidirectional controls
reorder what a reader sees without changing what the bytes say, so a pull request can show one
thing in review and another on the page (the "Trojan Source" trick). Both are refused in annotation
files. In the base text a bidi control is kept as received but must be corrected by an emendation,
whose `original` may then spell it as a YAML escape ("\u202E") and whose display shows it as ⟨U+202E⟩.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from ..records import Paragraph

if TYPE_CHECKING:  # anchors names characters in its hints; only the type is needed here
    from ..resolve.anchors import Span

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # a character class: C0 but \t \n \r, DEL, C1
BIDI_CHARS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROL = re.compile(f"[{_CONTROLS}]")
BIDI = re.compile(f"[{BIDI_CHARS}]")
HIDDEN = re.compile(f"[{_CONTROLS}{BIDI_CHARS}]")  # either kind

# Fields that quote the base text verbatim, per kind of file: there an escaped bidi control may stand
# for the one in source.txt that the emendation corrects. Nowhere else may a value hold one.
VERBATIM_FIELDS: dict[str, frozenset[tuple[str, ...]]] = {
    "emendation.schema.json": frozenset({("original",)}),
}


def char_name(ch: str) -> str:
    """'U+00A0 NO-BREAK SPACE'; control characters, which have no Unicode name, by their code alone."""
    if ch == " ":
        return "a space"
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X} (a control character)"


def shown_visibly(text: str) -> str:
    """`text` with each control and bidi control written as ⟨U+202E⟩, so a reader sees that it is there."""
    return HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of `offset` in `text`, both from 1; only newlines end a line, as in an editor."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def annotation_problems(text: str, data: Any, where: Any, rel_path: str, schema: str) -> list[Diagnostic]:
    """G183 for a bidi or control character in an annotation file: written raw anywhere (comments included),
    at its line and column; or written as a YAML escape ("\\u202e") in a value, at the value's line.

    `where(path)` gives the location of the value at a path into `data` (YamlDocument.where)."""
    raw = HIDDEN.search(text)
    if raw:
        line, column = line_and_column(text, raw.start())
        return [error(Code.ANNOTATION_INVISIBLE_CHARACTER, f"The file contains an invisible {char_name(raw.group())}.",
                      SourceLocation(rel_path, line, column), _HINT)]
    allowed = VERBATIM_FIELDS.get(schema, frozenset())
    for path, value in _strings(data, ()):
        found = HIDDEN.search(value)
        if found and not (path in allowed and BIDI.fullmatch(found.group())):
            return [error(Code.ANNOTATION_INVISIBLE_CHARACTER, f"The value holds an invisible {char_name(found.group())} (written as an escape).",
                          where(path), _HINT)]
    return []


_HINT = ("Delete it (retype the text if you pasted it): annotations may not hold control or bidirectional "
         "characters, which can make a text read differently on the page than in review. If source.txt has one, "
         "correct it with an emendation whose original writes it as an escape in double quotes, e.g. \"\\u202e\".")


def _strings(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def unemended_bidi(paragraphs: Iterable[Paragraph], emended: Iterable[Span]) -> list[Diagnostic]:
    """G182 for each bidirectional control in a body paragraph that no emendation corrects.

    The transcription is kept as received, so such a character cannot simply be deleted; an emendation
    records it (its `original` shown as ⟨U+202E⟩) and prints the corrected reading instead."""
    spans: dict[tuple[str, int], list[Span]] = {}
    for span in emended:
        spans.setdefault((span.part, span.paragraph), []).append(span)
    problems = []
    for paragraph in paragraphs:
        for found in BIDI.finditer(paragraph.text):
            at = found.start()
            if not any(s.start <= at < s.end for s in spans.get((paragraph.part, paragraph.number), [])):
                problems.append(error(
                    Code.SOURCE_BIDI_CONTROL, f"Paragraph {paragraph.number} contains an invisible {char_name(found.group())}, which "
                            "can make the text read differently on the page than in the file.", paragraph.where(at),
                    f"Record an emendation for it: paragraph: {paragraph.number}, original: the words around it "
                    f"in double quotes with the character written as \"\\u{ord(found.group()):04x}\", corrected: "
                    "the same words without it. The reader then shows the character as "
                    f"⟨U+{ord(found.group()):04X}⟩ in the emendation."))
    return problems
