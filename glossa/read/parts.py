"""A book-length edition's text: the part files edition.yaml lists under `parts:`, read into one Transcription.

The first part's file is a transcription as received (title block, provenance, then its paragraphs);
every later part's file holds body paragraphs only. Paragraph numbers restart in each part, so adding a
chapter never renumbers another chapter's paragraphs: an anchor is a part and a paragraph of it.
Each file is checked against the `sha256` recorded beside it, as source.txt is against source_sha256.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from ..records import Paragraph, PartSource, Transcription
from .checksum import text_sha256
from .transcription import parse_body, parse_transcription
from .yamlfile import YamlDocument

PARTS_FIELD = "parts"
PARTS_FOLDER = "parts"

# Reads one text file under the edition folder: its text (None when refused) and the problems found.
ReadText = Callable[[Path, str], tuple[str | None, list[Diagnostic]]]


def has_parts(meta: YamlDocument) -> bool:
    return PARTS_FIELD in meta.data


def read_parts(folder: Path, rel_folder: str, meta: YamlDocument, read_text: ReadText
               ) -> tuple[Transcription | None, list[Diagnostic]]:
    """Every part of the edition in `folder`, in the order edition.yaml lists them."""
    listed = meta.data[PARTS_FIELD]
    parts = tuple(PartSource(id=item["id"], title=item["title"], file=item["file"],
                             location=meta.where((PARTS_FIELD, n))) for n, item in enumerate(listed))
    problems = _duplicates(parts, meta)
    if (folder / "source.txt").exists():
        problems.append(error(Code.PARTS_LIST, "This edition lists parts in edition.yaml and also has a source.txt.",
                              SourceLocation(f"{rel_folder}/source.txt", 1), Code.PARTS_LIST.fix))
    heading: tuple[str, ...] = ()
    provenance: tuple[tuple[str, str], ...] = ()
    paragraphs: list[Paragraph] = []
    texts: list[tuple[str, str]] = []     # each part's file as read, for the exports that count offsets in it
    complete = not problems
    for n, part in enumerate(parts):
        rel = f"{rel_folder}/{part.file}"
        path = folder / part.file
        if not path.is_file():
            problems.append(error(Code.MISSING_FILE, f"The part '{part.id}' names the file {part.file}, which is "
                                  "missing.", meta.where((PARTS_FIELD, n, "file")),
                                  f"Add the part's transcription as {rel}, or correct `file:`."))
            complete = False
            continue
        text, found = read_text(path, rel)
        problems += found
        if text is None:
            complete = False
            continue
        problems += _checksum(text, rel, meta, n, listed[n]["sha256"])
        texts.append((rel, text))
        if n == 0:
            transcription, found = parse_transcription(text, rel)
            problems += found
            if transcription is None:
                complete = False
                continue
            heading, provenance = transcription.heading, transcription.provenance
            paragraphs += [replace(p, part=part.id) for p in transcription.paragraphs]
        else:
            body, found = parse_body(text, rel, part.id)
            problems += found
            if body is None:
                complete = False
                continue
            paragraphs += body
    if not complete:
        return None, problems
    first = f"{rel_folder}/{parts[0].file}"
    return Transcription(heading, provenance, tuple(paragraphs), SourceLocation(first, 1), parts,
                         texts=tuple(texts)), problems


def _duplicates(parts: tuple[PartSource, ...], meta: YamlDocument) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    for n, part in enumerate(parts):
        if part.id in seen_ids:
            problems.append(error(Code.PARTS_LIST, f"Two parts have the id '{part.id}'.",
                                  meta.where((PARTS_FIELD, n, "id")), Code.PARTS_LIST.fix))
        if part.file in seen_files:
            problems.append(error(Code.PARTS_LIST, f"Two parts have the file {part.file}.",
                                  meta.where((PARTS_FIELD, n, "file")), Code.PARTS_LIST.fix))
        seen_ids.add(part.id)
        seen_files.add(part.file)
    return problems


def _checksum(text: str, rel: str, meta: YamlDocument, n: int, recorded: str) -> list[Diagnostic]:
    """G180 when a part's file no longer matches the sha256 recorded beside it."""
    actual = text_sha256(text)
    if actual == recorded:
        return []
    return [error(Code.SOURCE_CHECKSUM, f"{rel} does not match the sha256 recorded for it in edition.yaml: the "
                  f"file's checksum is {actual}, the recorded one is {recorded}.",
                  meta.where((PARTS_FIELD, n, "sha256")),
                  f"If you changed {rel} on purpose, set its sha256: {actual} so the change shows in review; "
                  f"otherwise restore it as received (e.g. git checkout -- {rel}).")]
