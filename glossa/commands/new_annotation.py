"""Skeletons of annotation files, for `build.py new note|entry|computation|emendation` and the dev server.

Each skeleton is a complete, valid file with a comment on every field, so it builds as soon as it is
written and the editor replaces drafts rather than looking up fields. An anchor given with it is checked
against the edition's text at once (anchors.locate, the build's own check), so a mistyped quote is found
before any file is written. An emendation is the exception to "valid at once": no correction can be
guessed, so without `corrected` its skeleton prints the original unchanged, which the build refuses
(G136) until the editor writes the reading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..resolve.anchors import locate
from ..diagnostics import Diagnostic, SourceLocation
from ..numbers import parse_stated
from ..read.reader import ID
from ..records import Anchor, EntryKind, GlossaryEntrySource, Paragraph
from ..resolve.terms import build_matcher, find_term_links
from ..read.parts import has_parts, read_parts
from ..read.transcription import parse_transcription
from ..read.yamlfile import parse_yaml, read_text_file
from .yamltext import quoted


class Kind(Enum):
    NOTE = "note"
    ENTRY = "entry"
    COMPUTATION = "computation"
    EMENDATION = "emendation"

    @property
    def folder(self) -> str:
        """The folder of an edition (or, for glossary entries, of content/) that holds this kind."""
        return {"note": "notes", "entry": "glossary", "computation": "computations",
                "emendation": "emendations"}[self.value]

    @property
    def schema(self) -> str:
        return {"entry": "glossary-entry"}.get(self.value, self.value) + ".schema.json"


# Kinds that `variant` will join when witnesses arrive; named here so the refusal can say so.
NOT_YET = {"variant": "variants arrive with the work on witnesses; write one by hand until then"}
DRAFT = "Draft:"  # begins every placeholder text, so a reviewer (and `build.py diff`) can spot one


@dataclass(frozen=True, kw_only=True)
class AnchorRequest:
    paragraph: int
    quote: str
    occurrence: int | None = None
    part: str | None = None   # the part's id in a book-length edition (its paragraph numbers restart)


class AnnotationError(Exception):
    """The file cannot be created as asked: one sentence for the user."""


def valid_id(text: str) -> bool:
    return ID.fullmatch(text) is not None


TEXT_LIMIT = 2 * 1024 * 1024  # bytes of one text file read here (the build's own limit is configurable)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def edition_paragraphs(edition: Path, root: Path) -> tuple[tuple[Paragraph, ...], list[Diagnostic]]:
    """The body paragraphs of an edition as the build numbers them: its source.txt, or in a book-length
    edition the files of the parts edition.yaml lists (each paragraph then carries its part's id)."""
    book = _book_paragraphs(edition, root)
    if book is not None:
        return book
    path = edition / "source.txt"
    rel = _rel(path, root)
    if not path.is_file():
        raise AnnotationError(f"{rel} does not exist: is '{edition.name}' an edition?")
    text, problems = read_text_file(path, rel, TEXT_LIMIT)
    if text is None:
        return (), problems
    transcription, problems = parse_transcription(text, rel)
    return (transcription.paragraphs if transcription else ()), problems


def _book_paragraphs(edition: Path, root: Path) -> tuple[tuple[Paragraph, ...], list[Diagnostic]] | None:
    """A book-length edition's paragraphs, read by the build's own reader of parts; None for one text."""
    meta_path = edition / "edition.yaml"
    if not meta_path.is_file():
        return None
    text, problems = read_text_file(meta_path, _rel(meta_path, root), TEXT_LIMIT)
    meta, found = parse_yaml(text, _rel(meta_path, root)) if text is not None else (None, [])
    if meta is None or not isinstance(meta.data, dict) or not has_parts(meta):
        return None
    try:
        transcription, found = read_parts(edition, _rel(edition, root), meta,
                                          lambda path, rel: read_text_file(path, rel, TEXT_LIMIT))
    except (KeyError, TypeError):   # a parts list the schema would refuse: the build says where
        raise AnnotationError(f"the parts list in {_rel(meta_path, root)} cannot be read: run "
                              "`python build.py check` to see why") from None
    return (transcription.paragraphs if transcription else ()), problems + found


def part_ids(paragraphs: tuple[Paragraph, ...]) -> tuple[str, ...]:
    """The parts of a book-length edition in order; () for an edition of one text."""
    return tuple(dict.fromkeys(p.part for p in paragraphs if p.part))


def quote_line(anchor: AnchorRequest) -> int:
    """The line of `quote:` (or `original:`) in the skeleton of `anchor`, for diagnostics."""
    return QUOTE_LINE + (1 if anchor.part else 0)


def check_anchor(anchor: AnchorRequest, paragraphs: tuple[Paragraph, ...], where: SourceLocation) -> list[Diagnostic]:
    """The build's diagnostics for this anchor (G130 not found, G131 ambiguous, …), or none."""
    _, problems = locate(Anchor(anchor.paragraph, anchor.quote, anchor.occurrence, where, anchor.part), paragraphs)
    return problems


def default_anchor(paragraphs: tuple[Paragraph, ...], part: str | None = None) -> AnchorRequest:
    """The first few words of paragraph 1 (of `part`, or of the first part in a book), enough of them to
    occur once: a valid anchor to move."""
    book = part_ids(paragraphs)
    part = (part or book[0]) if book else None
    first = next((p for p in paragraphs if p.part == (part or "")), paragraphs[0])
    words = first.text.split(" ")
    for count in range(3, len(words) + 1):
        quote = " ".join(words[:count])
        if first.text.count(quote) == 1:
            return AnchorRequest(paragraph=first.number, quote=quote, part=part)
    return AnchorRequest(paragraph=first.number, quote=first.text, part=part)


def term_paragraphs(term: str, paragraphs: tuple[Paragraph, ...]) -> list[str]:
    """The paragraphs where the build would link `term` (exact case, whole words: the linking rule), as
    their numbers, or as PART/N in a book-length edition (the form a cross-reference takes)."""
    entry = GlossaryEntrySource("new", term, EntryKind.TERM, "", (), True, "", (), SourceLocation("new", 1))
    matcher = build_matcher([entry])
    return [f"{p.part}/{p.number}" if p.part else str(p.number)
            for p in paragraphs if find_term_links(p.text, matcher, ())]


def create_file(path: Path, text: str) -> None:
    """Write a new file; never replace one ('x' mode fails if it exists, even if it appeared a moment ago)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise AnnotationError(f"{path.name} already exists: choose another id (nothing was changed)") from None


QUOTE_LINE = 4  # the line of `quote:` (or `original:`) in the anchored skeletons below; 5 with a part


def skeleton(kind: Kind, anchor: AnchorRequest | None, *, term: str = "", corrected: str | None = None) -> str:
    """The text of a new file of `kind`; `anchor` is required for all kinds but entries."""
    if kind is Kind.ENTRY:
        return _entry(term)
    assert anchor is not None
    return {Kind.NOTE: _note, Kind.COMPUTATION: _computation}.get(kind, lambda a: _emendation(a, corrected))(anchor)


def _schema_line(kind: Kind) -> str:
    up = "../../" if kind is Kind.ENTRY else "../../../../"
    return f"# yaml-language-server: $schema={up}schemas/{kind.schema}\n"


def _anchor_lines(anchor: AnchorRequest, quote_field: str = "quote") -> str:
    occurrence = (f"occurrence: {anchor.occurrence}\n" if anchor.occurrence else
                  "# occurrence: 2   # which occurrence of the words, when they occur more than once in the paragraph\n")
    part = f"part: {anchor.part}\n" if anchor.part else ""
    return f"{part}paragraph: {anchor.paragraph}\n{quote_field}: {quoted(anchor.quote)}\n{occurrence}"


_SOURCES = f"""\
# sources: at least one. status: seen (you read it), quoted (you read it quoted in another work: name that
# work in via:), or not-seen (cited on another's authority). Give a url where one exists.
sources:
  - title: "{DRAFT} the title of the book, article or page that supports this"
    # author: "…"
    # publisher: "…"
    # year: 1936
    # url: "https://…"
    status: not-seen
"""


def _note(anchor: AnchorRequest) -> str:
    # paragraph and quote must stay on lines 3 and 4, or 4 and 5 after a part (QUOTE_LINE, quote_line).
    return (_schema_line(Kind.NOTE)
            + "# An editor's note (CONTRIBUTING.md, \"Adding a note\"): the words it explains, by paragraph and exact quote.\n"
            + _anchor_lines(anchor)
            + "# body: the note, in Markdown (no HTML); the note mark goes after the quoted words.\n"
            + f"body: |\n  {DRAFT} what a reader of today needs to know about these words.\n"
            + _SOURCES)


def _emendation(anchor: AnchorRequest, corrected: str | None) -> str:
    fix = quoted(corrected if corrected is not None else anchor.quote)
    todo = "" if corrected is not None else \
        "# Write the corrected reading: until it differs from the original, the build refuses this file (G136).\n"
    return (_schema_line(Kind.EMENDATION)
            + "# A correction of the transcription (CONTRIBUTING.md, \"Adding an emendation\"): original is the reading as it stands.\n"
            + _anchor_lines(anchor, "original")
            + todo
            + f"# corrected: the reading this edition prints instead (\"\" deletes the words).\ncorrected: {fix}\n"
            + "# reason: why, in Markdown: what is wrong and how the correction was established.\n"
            + f"reason: >-\n  {DRAFT} why the transcription is wrong here, and how the correction was established.\n")


def first_number(text: str) -> str:
    """The first number in `text` as a computation writes it ("2,646", "8%" for '8 percent'), or ''."""
    for found in re.finditer(r"-?\d[\d,]*(?:\.\d+)?", text):
        number = found.group().rstrip(",")
        after = text[found.start() + len(number):]
        if re.match(r"\s?(%|per ?cent\b)", after):
            number += "%"
        if parse_stated(number) is not None:
            return number
    return ""


def _computation(anchor: AnchorRequest) -> str:
    number = first_number(anchor.quote)
    value = number or "1"
    found = ("the first number of the quote" if number else
             "a placeholder: the quote states no number")
    occurrence = f"    occurrence: {anchor.occurrence}\n" if anchor.occurrence else ""
    return (_schema_line(Kind.COMPUTATION)
            + "# A calculation the author makes or relies on, recomputed by the build (CONTRIBUTING.md, \"Adding a computation\").\n"
            + _anchor_lines(anchor)
            + "# title: what is being checked, in a few words.\n"
            + f"title: \"{DRAFT} what the author computes here\"\n"
            + "# kind: claim (the author asserts a figure; it gets a verdict) or context (the editor works out\n"
            + "# what the text implies or lists; no verdict, and then no claim: or rationale:).\n"
            + "kind: claim\n"
            + "# inputs: each named value, stated in the text (paragraph and quote), from a source, or another\n"
            + "# computation's result (computation: ID). Numbers are quoted strings, as the text writes them.\n"
            + "inputs:\n"
            + "  figure:\n"
            + f"    value: {quoted(value)}   # {found}\n"
            + "    label: the figure as the text states it\n"
            + (f"    part: {anchor.part}\n" if anchor.part else "")
            + f"    paragraph: {anchor.paragraph}\n"
            + f"    quote: {quoted(anchor.quote)}\n"
            + occurrence
            + "    # adjustable: true   # lets the reader change the value in the page\n"
            + "# formula: arithmetic over the inputs: + - * / ( ), 11%, round(x, n), min, max, sum, mean.\n"
            + "formula: \"figure\"\n"
            + "# claim: what the author says the result is. comparator: equals, about (needs tolerance), more-than,\n"
            + "# at-least, less-than, at-most, between (low and high).\n"
            + "claim:\n"
            + f"  says: {quoted(anchor.quote)}\n"
            + "  comparator: equals\n"
            + f"  value: {quoted(value)}\n"
            + "  # tolerance: \"2.5%\"\n"
            + "# rationale: why the claim is judged at this precision, on which premises (CONTRIBUTING.md,\n"
            + "# \"Principles of judgement\").\n"
            + f"rationale: \"{DRAFT} judged at the precision the author states.\"\n"
            + "# explanation: how the verdict was reached, in Markdown.\n"
            + f"explanation: |\n  {DRAFT} what the author computes, and why the verdict follows.\n")


def input_snippet(anchor: AnchorRequest) -> str:
    """One input of a computation, to paste under `inputs:` (indented as it will stand there)."""
    number = first_number(anchor.quote)
    occurrence = f"    occurrence: {anchor.occurrence}\n" if anchor.occurrence else ""
    return ("  figure:   # rename: lowercase letters, digits and _; the formula uses this name\n"
            + f"    value: {quoted(number or '1')}   # {'as the quote states it' if number else 'the quote states no number: write it'}\n"
            + "    label: what the number is, in a few words\n"
            + (f"    part: {anchor.part}\n" if anchor.part else "")
            + f"    paragraph: {anchor.paragraph}\n"
            + f"    quote: {quoted(anchor.quote)}\n"
            + occurrence
            + "    # adjustable: true   # lets the reader change the value in the page\n")


def _entry(term: str) -> str:
    return (_schema_line(Kind.ENTRY)
            + "# A glossary entry, shared by every edition (CONTRIBUTING.md, \"Adding a glossary entry\").\n"
            + "# term: the headword; it and each alias are linked where a text uses them (exact case, whole words).\n"
            + f"term: {quoted(term)}\n"
            + "# kind: person, organisation, publication, place, event or term.\n"
            + "kind: term\n"
            + "# dates: \"1879–1940\"   # optional: dates that matter to the reader\n"
            + "# aliases:              # optional: other forms the texts use (plurals, misspellings …)\n"
            + "#   - \"…\"\n"
            + "# definition: a short definition in Markdown, written for this text's reader.\n"
            + f"definition: |\n  {DRAFT} who or what this is, for a reader of this text.\n"
            + _SOURCES)
