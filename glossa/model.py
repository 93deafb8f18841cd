"""The resolved edition: what resolve produces and render lays out. Everything here is decided."""
from __future__ import annotations

from dataclasses import dataclass
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
    reason: Markup


@dataclass(frozen=True)
class CalloutInput:
    name: str
    label: str
    value: float
    value_text: str          # unformatted, for data attributes
    shown: str               # as the page prints it
    decimals: int
    percent: bool
    origin: str              # "text", "source" or "computation": where the value comes from
    paragraph: int | None
    quote: str | None
    source: Citation | None
    computation: str | None
    adjustable: bool
    computation_label: str = ""   # "calculation 7: West Siberia …", filled in once callouts are numbered


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
    passes_on: str           # when the formula is one computed input: that input's name, else ""
    result: float
    result_text: str         # unformatted
    result_shown: str
    claim_says: str
    claim_shown: str         # "not less than 1,600"
    verdict: Verdict
    verdict_label: str       # "holds", "approximately holds", "does not hold"
    verdict_symbol: str
    explanation: Markup
    spec_json: str           # what glossa.js needs to recompute this callout


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
