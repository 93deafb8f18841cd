"""What a change does to the editions, for review: the annotations added, changed or removed between two
copies of a project, and every verdict that changed, from what to what.

Both sides are read and resolved by the same code (the working tree's), each against its own schemas, so
the comparison is of content, never of code. Records are compared field by field without their file
locations, so an edit that only moves lines is no change. Kinds are found on the edition records by name
(notes, emendations, computations, and variants once editions have them), so a new kind needs one entry in
KINDS and nothing else. A book-length edition's parts are compared too (kind "part"): added, removed,
retitled, moved to another file, or with their text changed (compared by checksum, so the summary says that
the text changed, not how: the file's own diff shows that).
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..diagnostics import Severity, SourceLocation, visible
from .new_annotation import DRAFT
from ..build.pipeline import Project
from ..read.reader import Reader
from ..resolve.resolver import resolve_site
from ..read.schema import SchemaSet
from ..records import Transcription

# Attribute of an edition's source record -> the name of one item of that kind, as the summary says it.
KINDS = {"notes": "note", "emendations": "emendation", "computations": "computation", "variants": "variant"}
GLOSSARY = ""  # the "edition" of glossary entries, which belong to the whole site
PART = "part"  # the kind of a book-length edition's parts among the items
Status = Literal["added", "changed", "removed"]


@dataclass(frozen=True, kw_only=True)
class Item:
    kind: str
    edition: str
    id: str
    where: str                     # "paragraph 7, “…”", or an entry's term
    fields: Mapping[str, Any]      # every field but file locations, as plain comparable values

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.edition, self.kind, self.id)

    @property
    def draft(self) -> bool:
        """Still holds a placeholder of `build.py new`, which builds but must not be published."""
        return DRAFT in repr(self.fields)


@dataclass(frozen=True, kw_only=True)
class VerdictState:
    title: str
    verdict: str                   # "holds", "approximately holds", "does not hold"
    symbol: str
    result: str                    # the result as the reader shows it

    def shown(self) -> str:
        return f"{self.symbol} {self.verdict} ({self.result})"


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """One side of the comparison: its items, its verdicts (when it builds), its edition titles."""

    items: Mapping[tuple[str, str, str], Item]
    verdicts: Mapping[tuple[str, str], VerdictState]
    titles: Mapping[str, str]
    builds: bool
    errors: int


@dataclass(frozen=True, kw_only=True)
class Change:
    status: Status
    item: Item
    fields: tuple[str, ...] = ()   # for "changed": which fields differ


@dataclass(frozen=True, kw_only=True)
class VerdictChange:
    edition: str
    id: str
    before: VerdictState | None
    after: VerdictState | None


@dataclass(frozen=True, kw_only=True)
class ModelDiff:
    base_label: str
    changes: tuple[Change, ...]
    verdicts: tuple[VerdictChange, ...]
    titles: Mapping[str, str]
    base_builds: bool
    head_builds: bool

    @property
    def empty(self) -> bool:
        return not self.changes and not self.verdicts


def snapshot(project: Project) -> Snapshot:
    reader = Reader(project.root, SchemaSet.load(project.schemas))
    source, problems = reader.read_site(project.content)
    if source is None:
        return Snapshot(items={}, verdicts={}, titles={}, builds=False, errors=max(1, len(problems)))
    items: dict[tuple[str, str, str], Item] = {}
    titles = {}
    for edition in source.editions:
        titles[edition.meta.slug] = edition.meta.title
        for attribute, kind in KINDS.items():
            for record in getattr(edition, attribute, ()):
                item = Item(kind=kind, edition=edition.meta.slug, id=record.id, where=_where(record),
                            fields=_fields(record))
                items[item.key] = item
        for item in _parts(edition.meta.slug, edition.transcription):
            items[item.key] = item
    for entry in source.glossary:
        item = Item(kind="glossary entry", edition=GLOSSARY, id=entry.id, where=f"“{entry.term}”",
                    fields=_fields(entry))
        items[item.key] = item
    site, found = resolve_site(source)
    problems += found
    verdicts = {}
    if site is not None:
        for resolved in site.editions:
            for callout in resolved.callouts:
                verdicts[(resolved.meta.slug, callout.id)] = VerdictState(
                    title=callout.title, verdict=callout.verdict_label, symbol=callout.verdict_symbol,
                    result=callout.result_shown)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return Snapshot(items=items, verdicts=verdicts, titles=titles, builds=errors == 0, errors=errors)


def compare(base: Snapshot, head: Snapshot, base_label: str) -> ModelDiff:
    changes: list[Change] = []
    for key in sorted(base.items.keys() | head.items.keys()):
        before, after = base.items.get(key), head.items.get(key)
        if before is None and after is not None:
            changes.append(Change(status="added", item=after))
        elif after is None and before is not None:
            changes.append(Change(status="removed", item=before))
        elif before is not None and after is not None and before.fields != after.fields:
            differing = tuple(name for name in after.fields if before.fields.get(name) != after.fields[name])
            changes.append(Change(status="changed", item=after, fields=differing))
    verdicts = []
    for computation in sorted(base.verdicts.keys() | head.verdicts.keys()):
        was, now = base.verdicts.get(computation), head.verdicts.get(computation)
        if was is None or now is None or (was.verdict, was.result) != (now.verdict, now.result):
            verdicts.append(VerdictChange(edition=computation[0], id=computation[1], before=was, after=now))
    return ModelDiff(base_label=base_label, changes=tuple(changes), verdicts=tuple(verdicts),
                     titles={**base.titles, **head.titles}, base_builds=base.builds, head_builds=head.builds)


def _parts(slug: str, transcription: Transcription) -> list[Item]:
    """A book-length edition's parts as items: title, file, number of paragraphs and the text's checksum."""
    items = []
    for part in transcription.parts:
        text = next((text for path, text in transcription.texts if path.endswith(f"/{part.file}")), "")
        fields = {"title": part.title, "file": part.file,
                  "paragraphs": sum(p.part == part.id for p in transcription.paragraphs),
                  "text": hashlib.sha256(text.encode("utf-8")).hexdigest()}
        items.append(Item(kind=PART, edition=slug, id=part.id, where=f"“{part.title}”", fields=fields))
    return items


def _where(record: Any) -> str:
    anchor = getattr(record, "anchor", None)
    if anchor is None:
        return ""
    quote = anchor.quote if len(anchor.quote) <= 60 else anchor.quote[:59] + "…"
    part = f"part {anchor.part}, " if getattr(anchor, "part", None) else ""
    return f"{part}paragraph {anchor.paragraph}, “{quote}”"


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)
            if f.name != "id" and not isinstance(getattr(record, f.name), SourceLocation)}


def _plain(value: Any) -> Any:
    """A value with file locations left out, as nested tuples: equal exactly when the content is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((f.name, _plain(getattr(value, f.name))) for f in dataclasses.fields(value)
                     if not isinstance(getattr(value, f.name), SourceLocation))
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(_plain(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((k, _plain(v)) for k, v in value.items()))
    return value


# --- output -------------------------------------------------------------------------------------------------

def _sections(diff: ModelDiff) -> list[tuple[str, list[Change], list[VerdictChange]]]:
    """One section per edition that changed (in slug order), then the glossary."""
    editions = sorted(({c.item.edition for c in diff.changes} | {v.edition for v in diff.verdicts}) - {GLOSSARY})
    sections = [(slug, [c for c in diff.changes if c.item.edition == slug],
                 [v for v in diff.verdicts if v.edition == slug]) for slug in editions]
    glossary = [c for c in diff.changes if c.item.edition == GLOSSARY]
    if glossary:
        sections.append((GLOSSARY, glossary, []))
    return sections


def _caveats(diff: ModelDiff) -> list[str]:
    notes = []
    if not diff.base_builds:
        notes.append(f"{diff.base_label} does not build: its verdicts are unknown, so every verdict counts as new.")
    if not diff.head_builds:
        notes.append("This change does not build (see the check's errors): its verdicts are unknown.")
    return notes


NOTHING = "No note, glossary entry, computation, emendation or variant was added, changed or removed, and no verdict changed."


def as_text(diff: ModelDiff) -> str:
    lines = [f"Changes to the editions since {diff.base_label}:"]
    lines += [f"  {note}" for note in _caveats(diff)]
    lines.append("  " + (NOTHING if diff.empty else _summary(diff)))
    for slug, changes, verdicts in _sections(diff):
        lines.append("")
        lines.append("Glossary" if slug == GLOSSARY else f"{visible(diff.titles.get(slug, slug))} ({slug})")
        width = max((len(c.item.id) for c in changes), default=0)
        for c in changes:
            detail = (f" ({', '.join(c.fields)})" if c.fields else "") + (" STILL A DRAFT" if _drafted(c) else "")
            lines.append(f"  {c.status:<8} {c.item.kind:<14} {c.item.id:<{width}}  {visible(c.item.where)}{detail}"
                         .rstrip())
        if verdicts:
            lines.append("  verdicts:")
            for v in verdicts:
                lines.append(f"    {v.id}: {_state(v.before)} -> {_state(v.after)}")
    return "\n".join(lines) + "\n"


def _drafted(change: Change) -> bool:
    return change.status != "removed" and change.item.draft


def _state(state: VerdictState | None) -> str:
    return state.shown() if state else "none"


def as_markdown(diff: ModelDiff) -> str:
    lines = [f"## Changes to the editions since `{_md(diff.base_label)}`", ""]
    lines += [f"> {_md(note)}\n" for note in _caveats(diff)]
    lines.append(NOTHING if diff.empty else _summary(diff))
    for slug, changes, verdicts in _sections(diff):
        lines += ["", "### Glossary" if slug == GLOSSARY else f"### {_md(diff.titles.get(slug, slug))} (`{slug}`)", ""]
        if changes:
            lines += ["| change | kind | id | where | fields changed |", "|---|---|---|---|---|"]
            lines += [f"| {c.status} | {c.item.kind} | `{c.item.id}` | {_md(c.item.where)} | {', '.join(c.fields)}"
                      f"{' **still a draft**' if _drafted(c) else ''} |" for c in changes]
        if verdicts:
            lines += ["", "| computation | before | after |", "|---|---|---|"]
            for v in verdicts:
                state = v.after or v.before
                title = state.title if state else ""
                lines.append(f"| `{v.id}` {_md(title)} | {_md(_state(v.before))} | {_md(_state(v.after))} |")
    return "\n".join(lines) + "\n"


def _summary(diff: ModelDiff) -> str:
    parts = sum(c.item.kind == PART for c in diff.changes)
    annotations = len(diff.changes) - parts
    return ((f"{_count(parts, 'part')} of a book and " if parts else "") + f"{_count(annotations, 'annotation')} "
            f"added, changed or removed; {_count(len(diff.verdicts), 'verdict')} changed.")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _md(text: str) -> str:
    """Text from content made inert in Markdown and in a table cell: no HTML, no emphasis, links or pipes."""
    text = html.escape(visible(text).replace("\\n", " "), quote=False)
    return "".join("\\" + ch if ch in "\\`*_[]|#!" else ch for ch in text)
