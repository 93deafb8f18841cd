"""Stage 1, read: the files under content/ into source records, every value carrying its file and line.

Nothing is interpreted here beyond its own file: anchors, references and formulas are checked by
resolve. Every file is validated against its JSON Schema first, so the builders below may trust types.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from .characters import annotation_problems
from .checksum import check_source_checksum
from ..codes import Code
from .listing import ContentListing, Kind
from ..diagnostics import Diagnostic, SourceLocation, error
from ..numbers import parse_stated
from ..records import (Anchor, ChangelogEntry, Citation, ClaimSource, Comparator, ComputationSource, EditionMeta, EditionSource,
                      EmendationSource, EntryKind, GlossaryEntrySource, InputSource, NoteSource, ReadingSource,
                      SiteSource, SourceStatus, StatedNumber, StatementKind, VariantSource, WitnessAccess,
                      WitnessSource)
from .parts import PARTS_FOLDER, has_parts, read_parts
from .schema import SchemaSet
from .symlinks import is_plain
from .transcription import parse_transcription
from .versions import VERSIONS_FOLDER, read_versions
from .yamlfile import YamlDocument, parse_yaml, read_text_file



T = TypeVar("T")
# What a builder gives: the record (None when the file's content is refused) and the problems found.
Built = tuple[T | None, list[Diagnostic]]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Bounds on what content may hold, so a hostile pull request cannot exhaust the build. Each is a
    setting of site.yaml (`limits:`), named in the message that reports it, with defaults no real
    collection reaches: a million files, 64 KiB per annotation file, 16 MiB per text (a long book)."""

    files: int = 1_000_000
    annotation_bytes: int = 64 * 1024
    text_bytes: int = 16 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Mapping[str, int]) -> "Limits":
        return cls(**{name: settings[name] for name in ("files", "annotation_bytes", "text_bytes")
                      if name in settings})


def _limit_hint(setting: str) -> str:
    return f" (or raise the limit: `limits: {setting}: N` in content/site.yaml)"

ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
IGNORED_NAMES = {"README.md"}


# Reads the glossary, or gives the one read before when none of its files changed (see sitebuild.BuildMemo).
GlossaryMemo = Callable[["Reader", Path, ContentListing], tuple[tuple[GlossaryEntrySource, ...], list[Diagnostic]]]


@dataclass(frozen=True, kw_only=True)
class SharedSource:
    """site.yaml, the glossary and the edition folders: what a build reads before any edition."""

    title: str | None            # None when site.yaml could not be read
    description: str
    glossary: tuple[GlossaryEntrySource, ...]
    folders: tuple[Path, ...]
    limits: Limits = Limits()
    listing: ContentListing | None = None    # what was found under content/, for the caller to keep
    base_url: str = ""                       # site.yaml's base_url, ending in '/' ('' when missing: G173)


@dataclass(frozen=True)
class Reader:
    """Reads one project's content; `root` is the project folder that paths in messages are relative to."""

    root: Path
    schemas: SchemaSet
    limits: Limits = Limits()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def plain(self, path: Path) -> bool:
        """Not a link, nor inside a linked folder: links are never followed (check_inventory reports them)."""
        return is_plain(path, self.root)

    def read_site(self, content: Path) -> tuple[SiteSource | None, list[Diagnostic]]:
        shared, problems = self.read_shared(content)
        reader = replace(self, limits=shared.limits)
        editions: list[EditionSource] = []
        for folder in shared.folders:
            edition, found = reader.read_edition(folder)
            problems += found
            if edition:
                editions.append(edition)
        if shared.title is None:
            return None, problems
        site = SiteSource(shared.title, shared.description, tuple(editions), shared.glossary,
                          complete=len(editions) == len(shared.folders), base_url=shared.base_url)
        return site, problems

    def read_shared(self, content: Path, listing: ContentListing | None = None,
                    glossary: GlossaryMemo | None = None) -> tuple[SharedSource, list[Diagnostic]]:
        """What every edition shares: site.yaml and the glossary, and where the edition folders are (each is
        read on its own, so that editions can be read apart: in parallel, or not at all when cached).
        A caller that keeps a listing of content/ (serve) passes it, and may pass the glossary it read last
        time, which is used again when no glossary file changed."""
        if self.schemas.problems:  # nothing can be checked against a broken schema
            return SharedSource(title=None, description="", glossary=(), folders=()), list(self.schemas.problems)
        site_doc, problems = self.load(content / "site.yaml", "site.schema.json")
        limits = Limits.from_settings(site_doc.data.get("limits", {})) if site_doc is not None else self.limits
        reader = replace(self, limits=limits)  # the settings of site.yaml bound every file read after it
        if listing is None or listing.most != limits.files:
            listing = ContentListing(content, limits.files, _expected)
        problems += reader.check_inventory(content, listing)
        return reader._read_shared_rest(content, site_doc, problems, listing, glossary)

    def read_glossary(self, content: Path) -> tuple[tuple[GlossaryEntrySource, ...], list[Diagnostic]]:
        glossary: list[GlossaryEntrySource] = []
        problems: list[Diagnostic] = []
        for path in self.yaml_files(content / "glossary"):
            entry, found = self.read_one(path, "glossary-entry.schema.json", _glossary_entry)
            problems += found
            if entry:
                glossary.append(entry)
        return tuple(glossary), problems

    def _read_shared_rest(self, content: Path, site_doc: YamlDocument | None, problems: list[Diagnostic],
                          listing: ContentListing, memo: GlossaryMemo | None) -> tuple[SharedSource, list[Diagnostic]]:
        if memo is not None:
            glossary, found = memo(self, content, listing)
        else:
            glossary, found = self.read_glossary(content)
        problems += found
        editions_dir = content / "editions"
        folders = listing.folders_in(editions_dir) if self.plain(editions_dir) else ()
        if not folders:
            problems.append(error(Code.MISSING_FILE, "There is no edition: content/editions/ has no edition folder.",
                                  SourceLocation(self.rel(content) + "/editions", 1),
                                  "Add a folder content/editions/SLUG/ with edition.yaml and source.txt."))
        title = None if site_doc is None else site_doc.data["title"]
        description = "" if site_doc is None else site_doc.data.get("description", "")
        base_url = "" if site_doc is None else _base_url(site_doc, problems)
        return SharedSource(title=title, description=description, glossary=tuple(glossary),
                            folders=tuple(folders), limits=self.limits, listing=listing, base_url=base_url), problems

    def read_edition(self, folder: Path) -> tuple[EditionSource | None, list[Diagnostic]]:
        problems: list[Diagnostic] = []
        slug_loc = SourceLocation(self.rel(folder), 1)
        if not ID.fullmatch(folder.name):
            problems.append(error(Code.BAD_NAME, f"The edition folder name '{folder.name}' is not a valid slug.", slug_loc,
                                  "Use lowercase letters, digits and hyphens."))
        meta_doc, found = self.load(folder / "edition.yaml", "edition.schema.json")
        problems += found
        source_path = folder / "source.txt"
        transcription = None
        if meta_doc is not None and has_parts(meta_doc):  # a book: its text is in the files of its parts
            transcription, found = read_parts(folder, self.rel(folder), meta_doc, self._read_part_text)
            problems += found
        elif meta_doc is None and (folder / PARTS_FOLDER).is_dir():
            pass  # a book whose edition.yaml could not be read: which parts it has is unknown, and reported there
        elif not source_path.is_file():
            problems.append(error(Code.MISSING_FILE, "The edition has no source.txt (the transcription as received).", slug_loc,
                                  "Add the transcription, unaltered, as source.txt in the edition folder."))
        elif self.plain(source_path):
            text, found = read_text_file(source_path, self.rel(source_path), self.limits.text_bytes,
                                           _limit_hint("text_bytes"))
            problems += found
            if text is not None:
                transcription, found = parse_transcription(text, self.rel(source_path))
                problems += found
                if meta_doc is not None:
                    problems += check_source_checksum(text, meta_doc, self.rel(source_path))
        kinds: dict[str, list[Any]] = {}
        unreadable: set[str] = set()
        for kind, (schema, builder) in ANNOTATION_FOLDERS.items():
            kinds[kind] = []
            for path in self.yaml_files(folder / kind):
                record, found = self.read_one(path, schema, builder)
                problems += found
                if record:
                    kinds[kind].append(record)
                elif kind == "computations":
                    unreadable.add(path.stem)
        if meta_doc is None or transcription is None:
            return None, problems
        meta = _meta(folder.name, meta_doc, problems)
        frozen, found = read_versions(folder, self.rel, self.plain)
        problems += found
        meta = replace(meta, frozen=frozen)
        return EditionSource(meta, transcription, tuple(kinds["notes"]),
                             tuple(kinds["emendations"]), tuple(kinds["computations"]),
                             frozenset(unreadable), tuple(kinds["variants"])), problems

    def _read_part_text(self, path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
        if not self.plain(path):  # a link: check_inventory reports it
            return None, []
        return read_text_file(path, rel, self.limits.text_bytes, _limit_hint("text_bytes"))

    def yaml_files(self, folder: Path) -> list[Path]:
        if not folder.is_dir() or not self.plain(folder):
            return []
        return sorted(p for p in folder.iterdir() if p.suffix == ".yaml" and p.is_file() and not p.is_symlink())

    def load(self, path: Path, schema: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
        rel = self.rel(path)
        text, problems = self._text(path, rel)
        if text is None:
            return None, problems
        doc, found = _checked(rel, text, schema, self.schemas)
        return doc, list(found)

    def read_one(self, path: Path, schema: str, builder: Callable[[str, YamlDocument], Built[T]]
                 ) -> tuple[T | None, list[Diagnostic]]:
        rel = self.rel(path)
        if not ID.fullmatch(path.stem):
            return None, [error(Code.BAD_NAME, f"The file name '{path.name}' is not a valid id.", SourceLocation(rel, 1),
                                "Rename it with lowercase letters, digits and hyphens only, e.g. 'louis-fischer.yaml'.")]
        text, problems = self._text(path, rel)
        if text is None:
            return None, problems
        record, found = _built(builder, path.stem, rel, text, schema, self.schemas)
        return record, list(found)

    def _text(self, path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
        if not self.plain(path):
            return None, []
        if not path.is_file():
            return None, [error(Code.MISSING_FILE, f"{path.name} is missing.", SourceLocation(rel, 1),
                                f"Create {rel}; CONTRIBUTING.md shows its fields.")]
        return read_text_file(path, rel, self.limits.annotation_bytes, _limit_hint("annotation_bytes"))

    def check_inventory(self, content: Path, listing: ContentListing) -> list[Diagnostic]:
        """Stray files, symlinks and too many files: things the build would otherwise silently ignore."""
        problems: list[Diagnostic] = []
        most = self.limits.files
        if listing.truncated:
            problems.append(error(Code.TOO_MANY_FILES, f"content/ holds more than {most:,} files and folders, the "
                                  "limit set by `limits: files:` in site.yaml.", SourceLocation(self.rel(content), 1),
                                  "Remove files that are not part of an edition" + _limit_hint("files") + "."))
        # The listing keeps the links and misplaced files as paths come and go, so a rebuild in serve does not look
        # at every path again; past the limit, the first `most` paths are looked at as they were walked.
        found: Iterable[tuple[Path, Kind]] = listing.unexpected.items() if not listing.truncated else \
            ((path, kind) for path, kind in itertools.islice(listing.kinds.items(), most)
             if kind is Kind.LINK or (kind is not Kind.FOLDER and not _expected(listing.relative_parts(path))))
        for path, kind in found:  # diagnostics are sorted later
            if kind is Kind.LINK:
                problems.append(error(Code.SYMLINK, "Symbolic links are not allowed in content/.",
                                      SourceLocation(self.rel(path), 1), "Replace the link with the file itself."))
            else:
                problems.append(error(Code.STRAY_FILE, "The build does not know what to do with this file.",
                                      SourceLocation(self.rel(path), 1),
                                      "Annotations go in content/editions/EDITION/{notes,emendations,computations,variants}/ "
                                      "and content/glossary/ as .yaml files; move or delete this one."))
        return problems


def _expected(parts: tuple[str, ...]) -> bool:
    if parts[-1] in IGNORED_NAMES:
        return True
    if parts == ("site.yaml",):
        return True
    if len(parts) == 2 and parts[0] == "glossary":
        return parts[1].endswith(".yaml")
    if len(parts) == 3 and parts[0] == "editions":
        return parts[2] in ("edition.yaml", "source.txt")
    if len(parts) == 4 and parts[0] == "editions":
        if parts[2] == PARTS_FOLDER:  # a book's part files (edition.yaml says which are read)
            return parts[3].endswith(".txt")
        return parts[2] in ANNOTATION_FOLDERS and parts[3].endswith(".yaml")
    if len(parts) == 5 and parts[0] == "editions" and parts[2] == VERSIONS_FOLDER:
        return True  # a released version's files: read/versions.py checks them against its manifest
    return False


# --- builders: validated YAML -> records (types already checked against the schema) ----------------

def _anchor(doc: YamlDocument, quote_field: str = "quote") -> Anchor:
    data = doc.data
    return Anchor(data["paragraph"], data[quote_field], data.get("occurrence"), doc.where((quote_field,)),
                  data.get("part"))


def _citations(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(_citation(item) for item in items)


def _citation(item: dict[str, Any]) -> Citation:
    status = item.get("status")
    return Citation(title=item["title"], author=item.get("author", ""), publisher=item.get("publisher", ""),
                    year=str(item.get("year", "")), pages=item.get("pages", ""), url=item.get("url", ""),
                    status=SourceStatus(status) if status is not None else None, via=item.get("via", ""))


def _note(id: str, doc: YamlDocument) -> Built[NoteSource]:
    d = doc.data
    return NoteSource(id, _anchor(doc), d["body"], _citations(d["sources"]), doc.file), []


def _emendation(id: str, doc: YamlDocument) -> Built[EmendationSource]:
    d = doc.data
    if d["corrected"] == d["original"]:
        return None, [error(Code.EMENDATION_CHANGES_NOTHING, "The corrected reading is the same as the original: this emendation changes "
                                    "nothing.", doc.where(("corrected",)),
                            "Write the reading this edition should print, or delete the file.")]
    return EmendationSource(id, _anchor(doc, "original"), d["corrected"], d["reason"], doc.file), []


def _glossary_entry(id: str, doc: YamlDocument) -> Built[GlossaryEntrySource]:
    d = doc.data
    return GlossaryEntrySource(id, d["term"], EntryKind(d["kind"]), d.get("dates", ""), tuple(d.get("aliases", [])),
                               d.get("match", True), d["definition"], _citations(d["sources"]), doc.file), []


def _computation(id: str, doc: YamlDocument) -> tuple[ComputationSource | None, list[Diagnostic]]:
    d = doc.data
    problems: list[Diagnostic] = []
    inputs = []
    for name, spec in d["inputs"].items():
        loc = doc.where(("inputs", name))
        value = _number(spec.get("value"), doc, ("inputs", name, "value"), problems)
        inputs.append(InputSource(
            name=name, label=spec.get("label", name.replace("_", " ")), value=value,
            paragraph=spec.get("paragraph"), quote=spec.get("quote"), occurrence=spec.get("occurrence"),
            source=_citation(spec["source"]) if "source" in spec else None,
            computation=spec.get("computation"), adjustable=spec.get("adjustable", False), location=loc,
            part=spec.get("part")))
    kind = StatementKind(d["kind"])
    if kind is StatementKind.CONTEXT:
        # Context is the editor's working: a verdict on it would judge a figure nobody asserted.
        problems += [error(Code.CONTEXT_WITH_VERDICT, f"This computation is context, which gets no verdict, but it "
                           f"gives '{field}'.", doc.where((field,)), Code.CONTEXT_WITH_VERDICT.fix)
                     for field in ("claim", "rationale") if field in d]
    elif "display" in d:
        problems.append(error(Code.DISPLAY_ON_CLAIM, "A claim's result is printed at the precision of the author's "
                              "figure, so it takes no 'display'.", doc.where(("display",)), Code.DISPLAY_ON_CLAIM.fix))
    claim = _claim(d["claim"], doc, problems) if kind is StatementKind.CLAIM else None
    display = d.get("display", {})
    record = ComputationSource(id, d["title"], _anchor(doc), tuple(inputs), d["formula"], doc.where(("formula",)),
                               claim, d.get("explanation", ""), doc.file, kind=kind,
                               rationale=d.get("rationale", ""), display_decimals=display.get("decimals", 0),
                               display_percent=display.get("percent", False))
    return (None if problems else record), problems


def _claim(c: dict[str, Any], doc: YamlDocument, problems: list[Diagnostic]) -> ClaimSource:
    return ClaimSource(
        says=c.get("says", ""), comparator=Comparator(c["comparator"]),
        value=_number(c.get("value"), doc, ("claim", "value"), problems),
        low=_number(c.get("low"), doc, ("claim", "low"), problems),
        high=_number(c.get("high"), doc, ("claim", "high"), problems),
        tolerance=_number(c.get("tolerance"), doc, ("claim", "tolerance"), problems),
        location=doc.where(("claim",)))


def _variant(id: str, doc: YamlDocument) -> tuple[VariantSource | None, list[Diagnostic]]:
    d = doc.data
    problems: list[Diagnostic] = []
    readings = tuple(ReadingSource(witness=r["witness"], text=r["reads"],
                                   value=_number(r.get("value"), doc, ("readings", n, "value"), problems),
                                   source=_citation(r["source"]), location=doc.where(("readings", n)))
                     for n, r in enumerate(d["readings"]))
    record = VariantSource(id=id, anchor=_anchor(doc), readings=readings, note=d.get("note", ""), location=doc.file)
    return (None if problems else record), problems


def _number(text: str | None, doc: YamlDocument, path: tuple[str | int, ...], problems: list[Diagnostic]
            ) -> StatedNumber | None:
    if text is None:
        return None
    number = parse_stated(text)
    if number is None:
        problems.append(error(Code.BAD_FORM, f"'{text}' is not a number Glossa can read.", doc.where(path),
                              'Write it as a quoted decimal, e.g. "2,646", "0.5" or "12.8%".'))
    return number


def _meta(slug: str, doc: YamlDocument, problems: list[Diagnostic]) -> EditionMeta:
    d = doc.data
    pub, tr, lic = d["first_published"], d["transcription"], d["license"]
    return EditionMeta(
        slug=slug, title=d["title"], author=d["author"], language=d.get("language", "en"), written=d["written"],
        periodical=pub["periodical"], published=pub["date"], publication_note=pub.get("note", ""),
        translator=d["translator"], transcriber=tr["by"], markup=tr.get("markup", ""),
        transcription_publisher=tr["publisher"], transcription_year=str(tr.get("year", "")),
        source_url=d["source_url"], license_name=lic["name"], license_url=lic["url"], editors=tuple(d["editors"]),
        version=d["version"], summary=d.get("summary", ""), location=doc.file,
        witnesses=tuple(_witness(w, doc.where(("witnesses", n))) for n, w in enumerate(d.get("witnesses", []))),
        changelog=_changelog(doc, d["version"], problems), volume=str(pub.get("volume", "")),
        issue=str(pub.get("number", "")))


def _base_url(doc: YamlDocument, problems: list[Diagnostic]) -> str:
    """site.yaml's base_url, always ending in '/'; G173 when it is missing (absolute URLs are never guessed)."""
    url = str(doc.data.get("base_url", ""))
    if not url:
        problems.append(error(Code.NO_BASE_URL, "site.yaml gives no base_url, so the build cannot write the "
                              "absolute URLs that canonical links, citations, the sitemap and the feed need.",
                              doc.file, Code.NO_BASE_URL.fix))
        return ""
    return url if url.endswith("/") else url + "/"


def _changelog(doc: YamlDocument, version: str, problems: list[Diagnostic]) -> tuple[ChangelogEntry, ...]:
    items = doc.data.get("changelog", [])
    entries = tuple(ChangelogEntry(version=item["version"], date=item["date"], notes=item.get("notes", ""),
                                   verdicts=item.get("verdicts", ""), emendations=item.get("emendations", ""),
                                   location=doc.where(("changelog", n))) for n, item in enumerate(items))
    versions = [entry.version for entry in entries]
    if entries and versions.count(version) != 1:
        problems.append(error(Code.VERSION_NOT_IN_CHANGELOG, f"The changelog has {versions.count(version)} entries "
                              f"for version '{version}', the edition's version; it needs exactly one.",
                              doc.where(("version",)), Code.VERSION_NOT_IN_CHANGELOG.fix))
    return entries


def _witness(w: dict[str, Any], location: SourceLocation) -> WitnessSource:
    return WitnessSource(id=w["id"], title=w["title"], label=w["label"], where=w["where"], url=w.get("url", ""),
                         seen=WitnessAccess(w["seen"]), base=w.get("base", False), note=w.get("note", ""),
                         location=location)


# Each annotation folder of an edition: the schema its files follow and the builder of their records.
ANNOTATION_FOLDERS: dict[str, tuple[str, Callable[[str, YamlDocument], Any]]] = {
    "notes": ("note.schema.json", _note),
    "emendations": ("emendation.schema.json", _emendation),
    "computations": ("computation.schema.json", _computation),
    "variants": ("variant.schema.json", _variant),
}


# What a process has checked before, by file, text and schemas. Parsing a YAML file, checking it against its
# schema and making its record is most of reading it (about a millisecond a file), and the same text against the
# same schemas gives the same record: serve rebuilds after every save, and a test run builds hundreds of projects
# in one process, each reading mostly files read before. Records are frozen, so one may serve every build.
# Bounded, so a one-shot build of a large collection, which reads each file once, holds no more than these.
READ_MEMO = 1024


def _check(rel: str, text: str, schema: str, schemas: SchemaSet) -> tuple[YamlDocument | None, tuple[Diagnostic, ...]]:
    """The document in `text` if it is well-formed and fits `schema`, else why not."""
    doc, problems = parse_yaml(text, rel)
    if doc is None:
        return None, tuple(problems)
    if not isinstance(doc.data, dict):
        return None, (error(Code.WRONG_TYPE, "The file should hold fields ('name: value' lines), not a single value or "
                                     "a list.", doc.file, "See CONTRIBUTING.md for a complete example."),)
    problems = annotation_problems(text, doc.data, doc.where, rel, schema)
    if problems:
        return None, tuple(problems)
    problems = schemas.validate(doc, schema)
    return (None if problems else doc), tuple(problems)


# Documents for `load` (site.yaml and edition.yaml, whose values are read where they are used); annotation files
# keep only their record (`_built`), not the document it was made from.
_checked = functools.lru_cache(maxsize=READ_MEMO // 4)(_check)


@functools.lru_cache(maxsize=READ_MEMO)
def _built(builder: Callable[[str, YamlDocument], Built[T]], stem: str, rel: str, text: str, schema: str,
           schemas: SchemaSet) -> tuple[T | None, tuple[Diagnostic, ...]]:
    doc, problems = _check(rel, text, schema, schemas)
    if doc is None:
        return None, problems
    record, found = builder(stem, doc)
    return record, tuple(found)
