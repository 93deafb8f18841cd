"""The typed records that pass between the stages: what was read, and what it resolved into."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .diagnostics import SourceLocation


class EntryKind(Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PUBLICATION = "publication"
    PLACE = "place"
    EVENT = "event"
    TERM = "term"

    @property
    def plural(self) -> str:
        return {"person": "People", "organisation": "Organisations", "publication": "Publications",
                "place": "Places", "event": "Events", "term": "Terms"}[self.value]

    @property
    def singular(self) -> str:
        return {"person": "Person", "organisation": "Organisation", "publication": "Publication",
                "place": "Place", "event": "Event", "term": "Term"}[self.value]


class Comparator(Enum):
    EQUALS = "equals"
    ABOUT = "about"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    LESS_THAN = "less-than"
    AT_MOST = "at-most"
    BETWEEN = "between"


class Verdict(Enum):
    HOLDS = "holds"
    APPROX = "approx"
    FAILS = "fails"


class StatementKind(Enum):
    """What a computation checks: a figure the author asserts (a claim, which gets a verdict), or something
    the editor works out from what the text implies or lists (context: the working, and no verdict)."""

    CLAIM = "claim"
    CONTEXT = "context"


class WitnessAccess(Enum):
    """How the editors know a witness's text: read it themselves, not at all, only through OCR of a scan,
    or only as another work reports it."""

    YES = "yes"
    NO = "no"
    OCR = "via-ocr"
    SECONDARY = "via-secondary"

    @property
    def caveat(self) -> str:
        """What a reader must be told beside any reading taken from this witness ('' when the editors saw it)."""
        return {"yes": "", "no": "not seen by the editors", "via-ocr": "read from OCR",
                "via-secondary": "known from a secondary source"}[self.value]


# --- read: what the content files say -------------------------------------------------------------

class SourceStatus(Enum):
    """Whether the editors read a source themselves, only as quoted in another work, or not at all."""

    SEEN = "seen"
    QUOTED = "quoted"
    NOT_SEEN = "not-seen"


@dataclass(frozen=True)
class Citation:
    title: str
    author: str = ""
    publisher: str = ""
    year: str = ""
    pages: str = ""
    url: str = ""
    # None only where the schema does not yet ask for it (a computation input's source).
    status: SourceStatus | None = None
    via: str = ""           # the work the source was seen quoted in (status QUOTED)

    @property
    def status_text(self) -> str:
        """What the reader is told about the editors' access to the source, e.g. "as quoted in Getty"."""
        if self.status is SourceStatus.QUOTED:
            return f"as quoted in {self.via}" if self.via else "as quoted"
        return {SourceStatus.SEEN: "seen", SourceStatus.NOT_SEEN: "not seen", None: ""}[self.status]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph of the transcription, exactly as received."""

    number: int
    text: str
    location: SourceLocation
    # Where each source line of the paragraph begins: (offset in `text`, location in the file), so that a
    # character found in `text` can be pointed at (the lines are stripped and joined with single spaces).
    line_starts: tuple[tuple[int, SourceLocation], ...] = ()
    # The part (chapter) of a book-length edition the paragraph belongs to; numbers restart in each part.
    # '' in an edition of one text.
    part: str = ""

    def where(self, offset: int) -> SourceLocation:
        """The file, line and column of the character at `offset` in `text`."""
        start, at = 0, self.location
        for line_offset, location in self.line_starts:
            if line_offset > offset:
                break
            start, at = line_offset, location
        return SourceLocation(at.path, at.line, (at.column or 1) + offset - start)


@dataclass(frozen=True, kw_only=True)
class PartSource:
    """One part (chapter) of a book-length edition, as edition.yaml lists it under `parts:`."""

    id: str
    title: str
    file: str                 # its file in the edition folder, e.g. parts/01-introduction.txt
    location: SourceLocation  # its entry in edition.yaml


@dataclass(frozen=True)
class Transcription:
    heading: tuple[str, ...]              # title block lines, as received
    provenance: tuple[tuple[str, str], ...]  # ("Written", "January 11, 1936."), ...
    paragraphs: tuple[Paragraph, ...]     # of every part, part after part
    location: SourceLocation
    parts: tuple[PartSource, ...] = ()    # () for an edition of one text (source.txt)
    # Each file as read (BOM dropped, CRLF read as LF), by its path as locations give it: source.txt, or
    # each part's file. Exported offsets count characters of these.
    texts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Anchor:
    """Words of one paragraph an annotation is attached to: never a character offset."""

    paragraph: int
    quote: str
    occurrence: int | None
    location: SourceLocation
    part: str | None = None   # the part's id, in a book-length edition (required there, refused elsewhere)


@dataclass(frozen=True)
class NoteSource:
    id: str
    anchor: Anchor
    body: str
    sources: tuple[Citation, ...]
    location: SourceLocation


@dataclass(frozen=True)
class EmendationSource:
    id: str
    anchor: Anchor          # anchor.quote is the transcription's reading
    corrected: str
    reason: str
    location: SourceLocation


@dataclass(frozen=True)
class GlossaryEntrySource:
    id: str
    term: str
    kind: EntryKind
    dates: str
    aliases: tuple[str, ...]
    match: bool
    definition: str
    sources: tuple[Citation, ...]
    location: SourceLocation


@dataclass(frozen=True)
class StatedNumber:
    """A number as written in content: its value and the precision the writing gives it."""

    text: str
    value: float
    decimals: int
    percent: bool


@dataclass(frozen=True)
class InputSource:
    name: str
    label: str
    value: StatedNumber | None
    paragraph: int | None
    quote: str | None
    occurrence: int | None
    source: Citation | None
    computation: str | None
    adjustable: bool
    location: SourceLocation
    part: str | None = None   # with paragraph, in a book-length edition


@dataclass(frozen=True)
class ClaimSource:
    says: str
    comparator: Comparator
    value: StatedNumber | None
    low: StatedNumber | None
    high: StatedNumber | None
    tolerance: StatedNumber | None
    location: SourceLocation


@dataclass(frozen=True)
class ComputationSource:
    id: str
    title: str
    anchor: Anchor
    inputs: tuple[InputSource, ...]
    formula: str
    formula_location: SourceLocation
    claim: ClaimSource | None          # None for context, which gets no verdict
    explanation: str
    location: SourceLocation
    kind: StatementKind = StatementKind.CLAIM
    rationale: str = ""                # why the verdict is judged as it is (required on every claim)
    # How a context result is printed (a claim is printed at the precision of the author's figure).
    display_decimals: int = 0
    display_percent: bool = False


@dataclass(frozen=True, kw_only=True)
class WitnessSource:
    """One text of the work an edition knows of: the base text (the transcription) or another."""

    id: str
    title: str
    label: str            # how a verdict names the text it judges: "as transcribed", "as printed in …"
    where: str            # where it can be seen
    url: str
    seen: WitnessAccess
    base: bool            # the text this edition transcribes and anchors to (exactly one witness)
    note: str
    location: SourceLocation


@dataclass(frozen=True, kw_only=True)
class ReadingSource:
    """What one witness reads at a variant, and the source the reading was taken from."""

    witness: str
    text: str                     # as the witness prints it
    value: StatedNumber | None    # the number it is read as, when a computation can use it
    source: Citation
    location: SourceLocation


@dataclass(frozen=True, kw_only=True)
class VariantSource:
    """A place where witnesses read differently (content/editions/SLUG/variants/ID.yaml)."""

    id: str
    anchor: Anchor                # words of the base text, as transcribed
    readings: tuple[ReadingSource, ...]
    note: str
    location: SourceLocation


@dataclass(frozen=True, kw_only=True)
class ChangelogEntry:
    """One version of an edition (edition.yaml `changelog:`): when it was published and what it changed."""

    version: str
    date: str              # YYYY-MM-DD, or YYYY-MM or YYYY
    notes: str = ""        # what changed in the notes
    verdicts: str = ""     # what changed in the computations and their verdicts
    emendations: str = ""  # what changed in the emendations
    location: SourceLocation

    @property
    def date_shown(self) -> str:
        return human_date(self.date)


@dataclass(frozen=True, kw_only=True)
class FrozenFile:
    """A file of a released version, as its manifest records it (the bytes are read when they are published)."""

    name: str              # e.g. annotations.jsonld: published at urls.version_file(slug, version, name)
    sha256: str            # hex, as `build.py release` wrote it
    location: SourceLocation   # the manifest's line that records it


@dataclass(frozen=True, kw_only=True)
class FrozenVersion:
    """A version of an edition frozen by `build.py release`: content/editions/SLUG/versions/VERSION/."""

    version: str
    files: tuple[FrozenFile, ...]
    location: SourceLocation   # its manifest


@dataclass(frozen=True, slots=True)   # slots: a thousand listings are unpickled, each with an instance dictionary
class EditionMeta:
    slug: str
    title: str
    author: str
    language: str
    written: str
    periodical: str
    published: str
    publication_note: str
    translator: str
    transcriber: str
    markup: str
    transcription_publisher: str
    transcription_year: str
    source_url: str
    license_name: str
    license_url: str
    editors: tuple[str, ...]
    version: str
    summary: str
    location: SourceLocation
    witnesses: tuple[WitnessSource, ...] = ()
    changelog: tuple[ChangelogEntry, ...] = ()     # newest first, as edition.yaml lists them
    volume: str = ""       # of the periodical that first published the text, when known
    issue: str = ""
    frozen: tuple[FrozenVersion, ...] = ()         # released versions (versions/ in the edition's folder)

    @property
    def current_version(self) -> ChangelogEntry | None:
        """The changelog's entry for `version`: the date this version of the edition was published."""
        return next((entry for entry in self.changelog if entry.version == self.version), None)

    @property
    def base_witness(self) -> WitnessSource | None:
        return next((w for w in self.witnesses if w.base), None)

    @property
    def year_written(self) -> str:
        return self.written[:4]

    @property
    def written_shown(self) -> str:
        return human_date(self.written)

    @property
    def published_shown(self) -> str:
        return human_date(self.published)

    @property
    def transcription_credit(self) -> str:
        """'David Walters for the Marxists’ Internet Archive, 2002' (markup named only when someone else did it)."""
        credit = f"{self.transcriber} for the {self.transcription_publisher}"
        if self.transcription_year:
            credit += f", {self.transcription_year}"
        if self.markup and self.markup != self.transcriber:
            credit += f"; markup by {self.markup}"
        return credit

    @property
    def source_url_shown(self) -> str:
        """The source's address as a reader would type it: no scheme, no trailing slash."""
        return self.source_url.split("://", 1)[-1].rstrip("/")


@dataclass(frozen=True)
class EditionSource:
    meta: EditionMeta
    transcription: Transcription
    notes: tuple[NoteSource, ...]
    emendations: tuple[EmendationSource, ...]
    computations: tuple[ComputationSource, ...]
    unreadable_computations: frozenset[str]   # ids of computation files that failed to read (reported there)
    variants: tuple[VariantSource, ...] = ()


@dataclass(frozen=True)
class SiteSource:
    title: str
    description: str
    editions: tuple[EditionSource, ...]
    glossary: tuple[GlossaryEntrySource, ...]
    complete: bool   # every edition folder was read; when not, cross-edition checks would mislead
    base_url: str = ""   # the site's public address (site.yaml), ending in '/'; '' when not given


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def human_date(iso: str) -> str:
    """'1936-01-11' -> '11 January 1936'; '1936-02' -> 'February 1936'; '1936' stays."""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso
