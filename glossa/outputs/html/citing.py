"""What the reader and the about page print to cite an edition: a short citation of each paragraph (beside its
permalink), and on the about page the formatted references, the citation files and every version."""
from __future__ import annotations

from dataclasses import dataclass

from ... import urls
from ...citation import EditionCitation, version_target
from ...model import Edition
from ...records import ChangelogEntry
from ...references import Reference
from ..formats import Download
from ..versions import released_downloads


@dataclass(frozen=True, kw_only=True)
class ParagraphCitation:
    id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Version:
    """A changelog entry as the about page lists it, with its own address."""

    entry: ChangelogEntry
    html_id: str
    current: bool
    files: tuple[Download, ...] = ()   # the version's frozen files, once `build.py release` has frozen it


@dataclass(frozen=True, kw_only=True)
class AboutCitation:
    references: tuple[Reference, ...]
    versions: tuple[Version, ...]
    current: urls.Target | None     # this version's changelog entry (None without a changelog)
    section_id: str
    changelog_id: str

    @classmethod
    def of(cls, edition: Edition, references: tuple[Reference, ...]) -> "AboutCitation":
        meta = edition.meta
        current = version_target(meta.slug, meta.version) if meta.current_version is not None else None
        released = released_downloads(meta)
        return cls(references=references, current=current,
                   section_id=urls.CITE_SECTION_ID, changelog_id=urls.CHANGELOG_SECTION_ID,
                   versions=tuple(Version(entry=e, html_id=urls.version_id(e.version),
                                          current=e.version == meta.version, files=released.get(e.version, ()))
                                  for e in meta.changelog))


def paragraph_citations(edition: Edition, citation: EditionCitation | None, page_url: str
                        ) -> dict[int, ParagraphCitation]:
    """Paragraph N of the page at `page_url` -> "Leon Trotsky, “Title”, Glossa edition, version 1.0, ¶ N,
    URL#p-N". Not a formatted style (those are the CSL processor's, on the about page): the few facts a
    reader needs to point at a paragraph."""
    meta = edition.meta
    cited: dict[int, ParagraphCitation] = {}
    for p in edition.paragraphs:
        where = f"{page_url}#{p.html_id}"
        site = citation.publisher if citation is not None else "Glossa"
        cited[p.number] = ParagraphCitation(
            id=urls.paragraph_citation_id(p.number),
            text=f"{meta.author}, “{meta.title}”, {site} edition, version {meta.version}, ¶ {p.number}, {where}")
    return cited
