"""`build.py new edition SLUG --source FILE`: an edition folder with its source.txt and a commented edition.yaml.

What the text's own provenance block says (as on the Marxists' Internet Archive: 'Written:', 'Source:',
'Translator:', 'Transcribed:' …) fills the fields it can; every other field gets a placeholder that passes
the schema, so the new edition builds at once, and is listed as still to check. The checksum of source.txt
is computed here, after normalising, so the build's check (checksum.py) holds from the first build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..read.checksum import text_sha256
from .new_source import ImportedText, import_text
from ..records import MONTHS
from ..read.transcription import parse_transcription
from .yamltext import quoted

_MONTH = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NAMES = "|".join(MONTHS)
_DATES = (  # the forms a provenance line writes a date in, most precise first
    (re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b"), ("month", "day", "year")),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES}),?\s+(\d{{4}})\b"), ("day", "month", "year")),
    (re.compile(rf"\b({_MONTH_NAMES}),?\s+(\d{{4}})\b"), ("month", "year")),
    (re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b"), ("year",)),
)
PLACEHOLDER_URL = "https://example.org/"


@dataclass(frozen=True, kw_only=True)
class NewEdition:
    folder: Path
    imported: ImportedText
    paragraphs: int
    provenance: tuple[tuple[str, str], ...]
    to_check: tuple[str, ...]   # fields of edition.yaml holding placeholders or guesses


class NewEditionError(Exception):
    """The edition cannot be created as asked: one sentence for the user."""


def create_edition(editions: Path, slug: str, source: Path, *, title: str | None, author: str | None,
                   written: str | None, source_url: str | None, language: str) -> NewEdition:
    folder = editions / slug
    if folder.exists():
        raise NewEditionError(f"{folder.name}/ already exists under {editions}: choose another slug, or delete it "
                              "first")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise NewEditionError(f"cannot read {source}: {exc.strerror or exc}") from None
    imported = import_text(raw, title=title or _title_from(slug), author=author or "Unknown",
                           source_label=source_url or source.name)
    transcription, problems = parse_transcription(imported.text, f"{slug}/source.txt")
    if transcription is None:  # e.g. a bidi control in the title block: nothing an option can fix
        raise NewEditionError("the text cannot be read as a transcription: "
                              + "; ".join(p.message for p in problems))
    provenance = dict(transcription.provenance)
    said_author, said_title = _title_block(transcription.heading)
    fields, to_check = _fields(provenance, title=title or said_title or _title_from(slug),
                               author=author or said_author or "Unknown", written=written, source_url=source_url)
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text(imported.text, encoding="utf-8", newline="\n")
    fields["source_sha256"] = text_sha256(imported.text)
    fields["language"] = language
    (folder / "edition.yaml").write_text(edition_yaml(fields), encoding="utf-8", newline="\n")
    return NewEdition(folder=folder, imported=imported, paragraphs=len(transcription.paragraphs),
                      provenance=transcription.provenance, to_check=tuple(to_check))


def _title_block(heading: tuple[str, ...]) -> tuple[str, str]:
    """(author, title) as a title block gives them: the author's name, then the title over one or more lines,
    then perhaps a date in brackets, as on the Marxists' Internet Archive. ('', '') when there is none."""
    lines = [line for line in heading if not (line.startswith("(") and line.endswith(")"))]
    if len(lines) < 2:
        return "", " ".join(lines)
    return lines[0], " ".join(lines[1:])


def _title_from(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _fields(provenance: dict[str, str], *, title: str, author: str, written: str | None,
            source_url: str | None) -> tuple[dict[str, str], list[str]]:
    """Values for edition.yaml, from the options and the provenance block; and the fields still to check."""
    to_check: list[str] = []

    def known(field: str, *values: str | None, placeholder: str) -> str:
        for value in values:
            if value:
                return value.rstrip(".").strip()
        to_check.append(field)
        return placeholder

    said_written = provenance.get("Written") or provenance.get("Delivered")
    date = written or (parse_date(said_written) if said_written else None)
    source_line = provenance.get("Source") or provenance.get("First Published") or ""
    published = parse_date(source_line) if source_line else None
    fields = {
        "title": title, "author": author,
        "written": known("written", date, placeholder="1900"),
        "periodical": known("first_published.periodical", _before_date(source_line),
                            placeholder="Unknown (where the text first appeared)"),
        "published": known("first_published.date", published, placeholder=date or "1900"),
        "translator": known("translator", provenance.get("Translator"), placeholder="Unknown"),
        "transcriber": known("transcription.by", provenance.get("Transcribed"), provenance.get("Transcription"),
                             placeholder="Unknown"),
        "markup": provenance.get("HTML Markup", "").rstrip("."),
        "publisher": known("transcription.publisher", (provenance.get("Online Version") or "").split(",")[0],
                           placeholder="Unknown"),
        "source_url": known("source_url", source_url, placeholder=PLACEHOLDER_URL),
    }
    to_check += ["license", "editors"]
    return fields, to_check


def parse_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, YYYY-MM or YYYY ('January 11, 1936.' -> '1936-01-11')."""
    for pattern, parts in _DATES:
        found = pattern.search(text)
        if found:
            got = dict(zip(parts, found.groups()))
            date = got["year"]
            if "month" in got:
                date += f"-{_MONTH[got['month'].lower()]:02d}"
            if "day" in got:
                date += f"-{int(got['day']):02d}"
            return date
    return None


def _before_date(text: str) -> str:
    """'The New Militant February 15, 1936. From the …' -> 'The New Militant'."""
    first = re.split(r"(?<=[a-z])\.\s", text, maxsplit=1)[0]
    for pattern, _ in _DATES:
        first = pattern.split(first, maxsplit=1)[0]
    return first.strip(" ,.;")


def edition_yaml(f: dict[str, str]) -> str:
    """edition.yaml with every field, each commented; optional fields without a value are commented out."""
    markup = f"  markup: {quoted(f['markup'])}\n" if f.get("markup") else \
        "  # markup: \"Who marked it up\"        # optional: who marked the transcription up, if someone else\n"
    return f"""\
# yaml-language-server: $schema=../../../schemas/edition.schema.json
# The edition's metadata. Every field is described in schemas/edition.schema.json; the about page shows them.

# The text's title and author, as the reader and the about page print them.
title: {quoted(f['title'])}
author: {quoted(f['author'])}
# The language of the text, as a BCP 47 tag (en, fr, de, ru …).
language: {f['language']}
# When the text was written: YYYY-MM-DD, or YYYY-MM or YYYY when that is all that is known.
written: {quoted(f['written'])}
# Where and when the text first appeared in print.
first_published:
  periodical: {quoted(f['periodical'])}
  date: {quoted(f['published'])}
  # volume: "2"                       # optional
  # number: "7"                       # optional
  # note: "English translation; the original appeared in …"   # optional
# Who translated it ("None (written in English)" when the text is in its own language).
translator: {quoted(f['translator'])}
# Who transcribed the text you brought in, and who published the transcription.
transcription:
  by: {quoted(f['transcriber'])}
{markup}  publisher: {quoted(f['publisher'])}
  # year: 2002                        # optional: when the transcription was published
# Where the transcription can be read online (an http or https address).
source_url: {quoted(f['source_url'])}
# The SHA-256 of source.txt (`sha256sum source.txt`): the build refuses a source.txt that differs from it.
# Change it only together with a deliberate change of source.txt, so that the change shows in review.
source_sha256: {f['source_sha256']}
# The license of the transcription; the editors' notes are published under the same one.
license:
  name: "Unknown: check the transcription's license before publishing"
  url: {quoted(PLACEHOLDER_URL)}
# The editors of this edition, as they are to be cited.
editors:
  - "The Glossa editors"
# The edition's version: raise it when a published edition changes.
version: "0.1"
# One paragraph for the site's index, in Markdown (optional).
# summary: |
#   What the text is, and what this edition adds to it.
"""
