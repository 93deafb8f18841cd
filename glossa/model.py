"""The resolved edition: what resolve produces and render lays out. Everything here is decided."""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Union

from markupsafe import Markup

from .records import Citation, EditionMeta, EntryKind, Verdict


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class TermLink:
    kind: ClassVar[str] = "term"
    text: str
    entry_id: str


@dataclass(frozen=True)
class EmendedText:
    kind: ClassVar[str] = "emendation"
    original: str
    corrected: str
    emendation_id: str
    number: int


@dataclass(frozen=True)
class NoteRef:
    kind: ClassVar[str] = "noteref"
    note_id: str
    number: int


@dataclass(frozen=True)
class CalloutRef:
    kind: ClassVar[str] = "calloutref"
    callout: "Callout"


Inline = Union[Text, TermLink, EmendedText, NoteRef, CalloutRef]


@dataclass(frozen=True)
class Note:
    kind: ClassVar[str] = "note"
    id: str
    number: int
    paragraph: int
    quote: str
    body: Markup
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Emendation:
    id: str
    number: int
    paragraph: int
    original: str
    corrected: str
    corrected_shown: str     # the corrected reading, or "(nothing)" for a deletion
    reason: Markup


class InputOrigin(Enum):
    """Where a calculation's input comes from."""

    TEXT = "text"                # stated in a paragraph of the text
    SOURCE = "source"            # an outside source
    COMPUTATION = "computation"  # another calculation's result


@dataclass(frozen=True)
class CalloutInput:
    name: str
    label: str
    value: float
    value_text: str          # unformatted, for data attributes
    shown: str               # as the page prints it
    decimals: int
    percent: bool
    origin: InputOrigin
    paragraph: int | None
    quote: str | None
    source: Citation | None
    computation: str | None
    computation_number: int      # for origin COMPUTATION: that callout's number, else 0
    computation_title: str
    adjustable: bool


@dataclass(frozen=True)
class Callout:
    kind: ClassVar[str] = "callout"
    id: str
    number: int
    title: str
    paragraph: int
    quote: str
    inputs: tuple[CalloutInput, ...]
    formula: str
    formula_names: str       # the formula with input names, pretty-printed
    formula_numbers: str     # the same with the numbers in place
    passed_on: CalloutInput | None   # when the formula is just another calculation's result
    result: float
    result_text: str         # unformatted
    result_shown: str
    claim_quoted: str        # the author's words for the figure (or, without them, the claim itself)
    claim_checked_as: str    # "at least 1,600", when the author's words are quoted
    verdict: Verdict
    verdict_label: str       # "holds", "approximately holds", "does not hold"
    verdict_symbol: str
    explanation: Markup
    spec: dict               # what glossa.js needs to recompute this callout

    @property
    def spec_json(self) -> str:
        return json.dumps(self.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


MarginItem = Union[Note, Callout]


@dataclass(frozen=True)
class ReadingParagraph:
    number: int
    inlines: tuple[Inline, ...]
    margin: tuple[MarginItem, ...]


@dataclass(frozen=True)
class TermUse:
    """A glossary entry as used by one edition: where its links are."""

    entry: "GlossaryEntry"
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Edition:
    meta: EditionMeta
    heading: tuple[str, ...]
    provenance: tuple[tuple[str, str], ...]
    paragraphs: tuple[ReadingParagraph, ...]
    notes: tuple[Note, ...]
    emendations: tuple[Emendation, ...]
    callouts: tuple[Callout, ...]
    terms: tuple[TermUse, ...]
    summary: Markup
    citation: str
    verdict_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Occurrence:
    edition_slug: str
    edition_title: str
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    kind: EntryKind
    dates: str
    aliases: tuple[str, ...]
    definition: Markup
    sources: tuple[Citation, ...]
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True)
class GlossaryGroup:
    kind: EntryKind
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class Site:
    title: str
    description: str
    editions: tuple[Edition, ...]
    glossary: tuple[GlossaryGroup, ...]
