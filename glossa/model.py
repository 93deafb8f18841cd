"""The resolved edition: what resolve produces and render lays out. Everything here is decided.

Ids of linkable elements and the places links lead to come from urls.py (as properties here), so the
templates write them without spelling any pattern of their own.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, NoReturn, Union

from . import urls
from .basetext import BaseText
from .markdown import ParsedMarkdown
from .records import Citation, EditionMeta, EntryKind, StatementKind, Verdict, WitnessSource
from .resolve.tally import Tally


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: its path under site/ and its bytes, or the file that holds them (a page kept in the
    build cache is copied from there, so a build never holds the whole site in memory)."""

    path: str
    content: bytes
    # The file's name as a string, and slots: the writer is given a Page per file of the site, and at twelve
    # thousand files a Path and an instance dictionary each were the largest part of a build's last peak.
    source: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Prose:
    """An annotation's Markdown, parsed once, with its cross-references resolved to places in the site.
    It becomes HTML only for a given page (render's `markdown` filter), so its links are relative to
    the page that shows it."""

    markdown: ParsedMarkdown
    targets: tuple[tuple[str, urls.Target], ...]   # cross-reference as written -> where it leads

    def __bool__(self) -> bool:
        return bool(self.markdown)

    def __html__(self) -> NoReturn:
        # Printed as it is, it would have no page to be relative to: fail the build instead.
        raise TypeError("Markdown must be rendered for its page: write {{ text|markdown }} in the template.")


@dataclass(frozen=True, kw_only=True)
class ParagraphLink:
    """A link to a paragraph of an edition: its number, shown, and where it leads."""

    number: int
    target: urls.Target


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class TermLink:
    kind: ClassVar[str] = "term"
    text: str
    entry_id: str

    @property
    def target(self) -> urls.Target:
        return urls.Target(page=urls.entry_page(self.entry_id))

    @property
    def definition_id(self) -> str:
        """The definition the reader page prints in its list of terms (the popover shows it)."""
        return urls.term_definition_id(self.entry_id)


@dataclass(frozen=True)
class EmendedText:
    kind: ClassVar[str] = "emendation"
    original: str
    corrected: str
    emendation_id: str
    number: int

    @property
    def target_id(self) -> str:
        return urls.emendation_id(self.emendation_id)

    @property
    def ref_id(self) -> str:
        return urls.emendation_ref_id(self.emendation_id)


@dataclass(frozen=True)
class NoteRef:
    kind: ClassVar[str] = "noteref"
    note_id: str
    number: int

    @property
    def target_id(self) -> str:
        return urls.note_id(self.note_id)

    @property
    def ref_id(self) -> str:
        return urls.note_ref_id(self.note_id)


@dataclass(frozen=True)
class CalloutRef:
    kind: ClassVar[str] = "calloutref"
    callout: "Callout"


Inline = Union[Text, TermLink, EmendedText, NoteRef, CalloutRef, "VariantRef"]


@dataclass(frozen=True)
class Note:
    kind: ClassVar[str] = "note"
    id: str
    number: int
    body: Prose
    sources: tuple[Citation, ...]

    @property
    def html_id(self) -> str:
        return urls.note_id(self.id)

    @property
    def ref_id(self) -> str:
        return urls.note_ref_id(self.id)


@dataclass(frozen=True)
class Emendation:
    id: str
    number: int
    paragraph: int
    original: str
    corrected: str
    corrected_shown: str     # the corrected reading, or "(nothing)" for a deletion
    reason: Prose
    part: str = ""           # the part of a book-length edition the paragraph is in ('' in one of one text)

    @property
    def html_id(self) -> str:
        return urls.emendation_id(self.id)

    @property
    def ref_id(self) -> str:
        return urls.emendation_ref_id(self.id)


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
    part: str = ""      # origin TEXT in a book-length edition: the part of `paragraph`
    page: str = ""      # the page that shows the input's origin (the paragraph, or the calculation)

    @property
    def place(self) -> urls.Target:
        """Where the input's origin is, possibly on another part's page."""
        return urls.Target(page=self.page, fragment=self.link_id)

    @property
    def link_id(self) -> str:
        """The element the input's origin links to on the reader: the paragraph that states it, or the
        calculation whose result it takes ('' for an outside source, which is cited instead)."""
        if self.origin is InputOrigin.TEXT and self.paragraph is not None:
            return urls.paragraph_id(self.paragraph)
        if self.origin is InputOrigin.COMPUTATION and self.computation is not None:
            return urls.callout_id(self.computation)
        return ""


@dataclass(frozen=True, kw_only=True)
class CalloutLink:
    """Another calculation, as a callout names it: "follows from calculation 7", "inherited from #7"."""

    id: str
    number: int
    title: str
    page: str = ""      # the page the calculation is on

    @property
    def link_id(self) -> str:
        return urls.callout_id(self.id)

    @property
    def place(self) -> urls.Target:
        return urls.Target(page=self.page, fragment=self.link_id)


@dataclass(frozen=True, kw_only=True)
class WitnessResult:
    """A calculation evaluated on one witness's reading of its inputs."""

    label: str          # "as transcribed", "as printed in The New Militant"
    condition: str      # "if 3,618; read from OCR" ('' for the base text)
    result: float
    shown: str
    verdict: Verdict | None     # None for context
    verdict_label: str
    verdict_symbol: str
    base: bool

    @property
    def state(self) -> str:
        return self.verdict.value if self.verdict is not None else "context"


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
    result_shown: str
    claim_quoted: str        # the author's words for the figure (or, without them, the claim itself)
    claim_checked_as: str    # "at least 1,600", when the author's words are quoted
    verdict: Verdict | None  # None for context, which gets no verdict
    verdict_label: str       # "holds", "approximately holds", "does not hold"; "working" for context
    verdict_symbol: str      # '' for context
    explanation: Prose
    spec: dict[str, Any]     # what the browser script needs to recompute this callout
    statement: StatementKind = StatementKind.CLAIM
    rationale: str = ""
    judged_as: str = ""      # which text the verdict judges: "as transcribed"
    inherited_from: CalloutLink | None = None   # a failure that only passes on an input calculation's failure
    readings: tuple[WitnessResult, ...] = ()    # one result per witness, when an input has variant readings
    part: str = ""           # the part of a book-length edition its paragraph is in ('' in one of one text)
    page: str = ""           # the page that shows it

    @property
    def is_claim(self) -> bool:
        return self.statement is StatementKind.CLAIM

    @property
    def state(self) -> str:
        """holds, approx, fails or context: the data-verdict the page and its script share."""
        return self.verdict.value if self.verdict is not None else "context"

    @property
    def follows_from(self) -> tuple[CalloutInput, ...]:
        """The inputs that take another calculation's result."""
        return tuple(i for i in self.inputs if i.origin is InputOrigin.COMPUTATION)

    @property
    def html_id(self) -> str:
        return urls.callout_id(self.id)

    @property
    def title_id(self) -> str:
        return urls.callout_title_id(self.id)

    @property
    def ref_id(self) -> str:
        """The chip in the text, which the script updates along with the callout."""
        return urls.callout_ref_id(self.id)


MarginItem = Union[Note, Callout]


@dataclass(frozen=True)
class ReadingParagraph:
    number: int
    inlines: tuple[Inline, ...]
    margin: tuple[MarginItem, ...]
    part: str = ""      # the part of a book-length edition it is in ('' in an edition of one text)

    @property
    def html_id(self) -> str:
        return urls.paragraph_id(self.number)

@dataclass(frozen=True)
class TermUse:
    """A glossary entry as used by one edition: where its links are."""

    entry: "GlossaryEntry"
    paragraphs: tuple[ParagraphLink, ...]

    @property
    def definition_id(self) -> str:
        return urls.term_definition_id(self.entry.id)


@dataclass(frozen=True, kw_only=True)
class Part:
    """A part (chapter) of a book-length edition, as its table of contents lists it."""

    id: str
    number: int              # its place in reading order, from 1
    title: str
    first_words: str         # the opening words of its first paragraph, ending in "…" when cut
    paragraphs: int
    page: str                # its reader page

    @property
    def target(self) -> urls.Target:
        return urls.Target(page=self.page)

    @property
    def toc_id(self) -> str:
        return urls.contents_item_id(self.id)


class EditionPages:
    """The pages every edition has, for any record that carries the edition's metadata (the edition itself
    and its listing on the index), so both link them the same way."""

    __slots__ = ()   # so that a listing, which has slots, has no instance dictionary either
    meta: EditionMeta

    @property
    def reader(self) -> urls.Target:
        return urls.Target(page=urls.reader_page(self.meta.slug))

    @property
    def about(self) -> urls.Target:
        return urls.Target(page=urls.about_page(self.meta.slug))

    @property
    def verdicts_page(self) -> urls.Target:
        return urls.Target(page=urls.verdicts_page(self.meta.slug))


@dataclass(frozen=True)
class Edition(EditionPages):
    meta: EditionMeta
    provenance: tuple[tuple[str, str], ...]
    paragraphs: tuple[ReadingParagraph, ...]
    notes: tuple[Note, ...]
    emendations: tuple[Emendation, ...]
    callouts: tuple[Callout, ...]
    terms: tuple[TermUse, ...]
    summary: Prose
    citation: str
    verdict_counts: tuple[tuple[str, int], ...]   # claims only, by verdict
    tally: Tally
    witnesses: tuple[WitnessSource, ...] = ()
    variants: tuple["Variant", ...] = ()
    base_text: BaseText | None = None    # source.txt and where annotations sit in it (for the exports)
    parts: tuple[Part, ...] = ()      # a book-length edition's parts, in reading order; () for one text

    @property
    def apparatus(self) -> urls.Target:
        return self._listed(urls.VARIANTS_SECTION_ID, [v.part for v in self.variants])

    @property
    def data(self) -> urls.Target:
        """Every calculation as JSON."""
        return urls.Target(page=urls.computations_data(self.meta.slug))

    @property
    def emendations_list(self) -> urls.Target:
        return self._listed(urls.EMENDATIONS_SECTION_ID, [e.part for e in self.emendations])

    def _listed(self, section: str, parts: list[str]) -> urls.Target:
        """A list the reader prints after the text: in a book-length edition each part's page lists its own,
        so this leads to the first part that has any (or to the contents, when none has)."""
        if not self.parts:
            return urls.Target(page=urls.reader_page(self.meta.slug), fragment=section)
        if not parts:
            return urls.Target(page=urls.contents_page(self.meta.slug))
        return urls.Target(page=urls.part_page(self.meta.slug, parts[0]), fragment=section)


@dataclass(frozen=True, kw_only=True)
class VariantReading:
    witness: WitnessSource
    text: str
    source: Citation


@dataclass(frozen=True, kw_only=True)
class Variant:
    """A place where the witnesses read differently, as the apparatus lists it; the text stays as transcribed."""

    id: str
    number: int
    paragraph: int
    quote: str
    readings: tuple[VariantReading, ...]
    note: str
    part: str = ""

    @property
    def html_id(self) -> str:
        return urls.variant_id(self.id)

    @property
    def ref_id(self) -> str:
        return urls.variant_ref_id(self.id)


@dataclass(frozen=True)
class VariantRef:
    kind: ClassVar[str] = "variantref"
    variant: Variant


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where an edition links a glossary entry: the paragraphs of one page. Kept as numbers, the links made only
    while an entry's page is drawn: a thousand editions' occurrences, as links, were the site build's largest record."""

    edition_title: str
    page: str                    # the page that shows these paragraphs (urls.text_page)
    numbers: tuple[int, ...]

    @property
    def paragraphs(self) -> tuple[ParagraphLink, ...]:
        return tuple(ParagraphLink(number=n, target=urls.Target(page=self.page, fragment=urls.paragraph_id(n)))
                     for n in self.numbers)


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    kind: EntryKind
    dates: str
    aliases: tuple[str, ...]
    definition: Prose
    sources: tuple[Citation, ...]
    occurrences: tuple[Occurrence, ...]

    @property
    def html_id(self) -> str:
        return urls.entry_id(self.id)

    @property
    def heading_id(self) -> str:
        return urls.entry_heading_id(self.id)

    @property
    def target(self) -> urls.Target:
        """The entry's own page, where every occurrence is listed."""
        return urls.Target(page=urls.entry_page(self.id))

    @property
    def in_glossary(self) -> urls.Target:
        """The entry on the glossary's index page."""
        return urls.Target(page=urls.GLOSSARY_PAGE, fragment=urls.entry_id(self.id))


@dataclass(frozen=True)
class GlossaryGroup:
    kind: EntryKind
    entries: tuple[GlossaryEntry, ...]

    @property
    def html_id(self) -> str:
        return urls.glossary_kind_id(self.kind.value)


@dataclass(frozen=True)
class Site:
    title: str
    description: str
    editions: tuple[Edition, ...]
    glossary: tuple[GlossaryGroup, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class EditionCounts:
    paragraphs: int
    notes: int
    callouts: int
    emendations: int
    terms: int


@dataclass(frozen=True, kw_only=True, slots=True)
class EditionListing(EditionPages):
    """What the site's index shows of an edition: small, so a thousand of them cost little to keep. It and the
    records in it have slots: each comes from a worker or the cache, and unpickled it had an instance dictionary
    (a tenth of a thousand-edition build's records)."""

    meta: EditionMeta
    summary: Prose
    counts: EditionCounts
    tally: Any                   # tally.Tally: the verdicts counted
    verdicts: tuple[Any, ...]    # verdict_rows.VerdictRow: one per claim, for the pages of verdicts
    part_pages: tuple[str, ...] = ()   # a book's reader page of each part, in reading order; () for one text



@dataclass(frozen=True, kw_only=True)
class SiteOverview:
    """The site-wide pages' model: the editions as listings, and the glossary with its occurrences."""

    title: str
    description: str
    editions: tuple[EditionListing, ...]
    glossary: tuple[GlossaryGroup, ...]
    base_url: str = ""    # site.yaml's, ending in '/': for the sitemap, the feed and canonical links
