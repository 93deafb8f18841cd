"""Cross-references in annotation Markdown, and the one list of the content's Markdown fields.

A text links with [text](glossary:ID), (note:ID), (computation:ID), (paragraph:N) or (edition:SLUG);
in a book-length edition a paragraph is named with its part, (paragraph:PART/N).
Each becomes a Target (a page and an element on it, from urls.py); render turns it into a URL relative
to whichever page shows the text, so a link works the same from the index, the glossary or a reader.

`markdown_fields` is the only place that knows which fields of the content are Markdown: every text is
parsed there, once, and the checks, the glossary's "is it linked" test and the pages all use that parse.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from .. import urls
from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, did_you_mean, error
from ..markdown import ParsedMarkdown, parse
from ..records import EditionSource, GlossaryEntrySource, SiteSource


class Field(Enum):
    """The Markdown fields of the content, by the file they are in."""

    DEFINITION = "definition"       # glossary/ID.yaml
    SUMMARY = "summary"             # editions/SLUG/edition.yaml
    NOTE_BODY = "body"              # editions/SLUG/notes/ID.yaml
    EMENDATION_REASON = "reason"    # editions/SLUG/emendations/ID.yaml (one line: shown inline)
    EXPLANATION = "explanation"     # editions/SLUG/computations/ID.yaml


@dataclass(frozen=True, kw_only=True)
class MarkdownField:
    """One Markdown text of the content, parsed, with where it was written."""

    field: Field
    edition: str | None     # the edition whose annotations it belongs to; None for a glossary entry
    owner: str              # the entry, note, emendation or computation id; the slug for a summary
    markdown: ParsedMarkdown
    location: SourceLocation


@dataclass(frozen=True, kw_only=True)
class SiteMarkdown:
    """Every Markdown text of the site, parsed once."""

    fields: tuple[MarkdownField, ...]
    index: Mapping[tuple[Field, str | None, str], ParsedMarkdown]   # (field, edition, owner) -> text

    def get(self, field: Field, owner: str, edition: str | None = None) -> ParsedMarkdown:
        return self.index[(field, edition, owner)]

    def of_edition(self, slug: str | None) -> Iterator[MarkdownField]:
        return (item for item in self.fields if item.edition == slug)


def markdown_fields(source: SiteSource) -> SiteMarkdown:
    """Parse every Markdown field of the content: glossary definitions, and each edition's summary, notes,
    emendation reasons and computation explanations."""
    fields = list(glossary_markdown(source.glossary))
    for edition in source.editions:
        fields += edition_markdown(edition)
    return collect(fields)


def collect(fields: Iterable[MarkdownField]) -> SiteMarkdown:
    items = tuple(fields)
    return SiteMarkdown(fields=items, index={(f.field, f.edition, f.owner): f.markdown for f in items})


def glossary_markdown(glossary: tuple[GlossaryEntrySource, ...]) -> tuple[MarkdownField, ...]:
    """The glossary's definitions, parsed (once per build: every edition shares them)."""
    return tuple(MarkdownField(field=Field.DEFINITION, edition=None, owner=e.id, markdown=parse(e.definition),
                               location=e.location) for e in glossary)


def edition_markdown(edition: EditionSource) -> list[MarkdownField]:
    """One edition's Markdown texts, parsed: its summary, notes, emendation reasons and explanations."""
    slug = edition.meta.slug
    fields: list[MarkdownField] = []

    def add(field: Field, owner: str, text: str, location: SourceLocation, inline: bool = False) -> None:
        fields.append(MarkdownField(field=field, edition=slug, owner=owner, markdown=parse(text, inline),
                                    location=location))

    add(Field.SUMMARY, slug, edition.meta.summary, edition.meta.location)
    for note in edition.notes:
        add(Field.NOTE_BODY, note.id, note.body, note.location)
    for emendation in edition.emendations:
        add(Field.EMENDATION_REASON, emendation.id, emendation.reason, emendation.location, inline=True)
    for computation in edition.computations:
        add(Field.EXPLANATION, computation.id, computation.explanation, computation.location)
    return fields


def site_targets(glossary: tuple[GlossaryEntrySource, ...], slugs: set[str]) -> dict[str, urls.Target]:
    """Targets every text may link to: glossary entries and editions."""
    targets = {f"glossary:{e.id}": urls.Target(page=urls.entry_page(e.id))
               for e in glossary}
    targets.update({f"edition:{s}": urls.Target(page=urls.reader_page(s)) for s in sorted(slugs)})
    return targets


def edition_targets(source: EditionSource, common: Mapping[str, urls.Target]) -> dict[str, urls.Target]:
    """Targets an edition's own texts may link to, besides the common ones."""
    slug = source.meta.slug
    targets = dict(common)
    # In a book-length edition each part has its page, and a paragraph is named with its part: paragraph:PART/N.
    targets.update({f"note:{n.id}": urls.Target(page=urls.text_page(slug, n.anchor.part or ""),
                                                fragment=urls.note_id(n.id)) for n in source.notes})
    targets.update({f"computation:{c.id}": urls.Target(page=urls.text_page(slug, c.anchor.part or ""),
                                                       fragment=urls.callout_id(c.id))
                    for c in source.computations})
    targets.update({f"paragraph:{paragraph_reference(p.part, p.number)}":
                    urls.Target(page=urls.text_page(slug, p.part), fragment=urls.paragraph_id(p.number))
                    for p in source.transcription.paragraphs})
    return targets


def paragraph_reference(part: str, number: int) -> str:
    """How a cross-reference names a paragraph after 'paragraph:': N, or PART/N in a book-length edition."""
    return f"{part}/{number}" if part else str(number)


def resolved_targets(parsed: ParsedMarkdown, targets: Mapping[str, urls.Target]
                     ) -> tuple[tuple[str, urls.Target], ...]:
    """The targets of the cross-references one text makes (those that exist; the others are G121)."""
    return tuple((ref, targets[ref]) for ref in dict.fromkeys(parsed.cross_references) if ref in targets)


def check_links(item: MarkdownField, targets: Mapping[str, urls.Target]) -> list[Diagnostic]:
    """A G121 for every cross-reference in a text that points at nothing."""
    problems = []
    for ref in item.markdown.cross_references:
        if ref not in targets:
            scheme, _, name = ref.partition(":")
            known = [k.partition(":")[2] for k in targets if k.startswith(scheme + ":")]
            problems.append(error(Code.BROKEN_REFERENCE, f"The link to '{ref}' points at nothing: there is no such {scheme}.",
                                  item.location, "Correct the id." + did_you_mean(name, known)))
    return problems


def glossary_references(fields: Iterable[MarkdownField]) -> set[str]:
    """Glossary ids that some text links to explicitly."""
    return {ref.partition(":")[2] for item in fields for ref in item.markdown.cross_references
            if ref.startswith("glossary:")}
