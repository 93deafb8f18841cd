"""What a citation of an edition says, decided once: every output that cites (the CSL-JSON, BibTeX and RIS
files, the formatted references, the page's citation_* meta tags and JSON-LD) takes its values from here,
so they cannot disagree.

The work cited is the article as first published (title, author, periodical, date, volume, issue), read in
this edition (its editors, version, the date of that version, the site, the URL of its text).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import urls
from .records import EditionMeta

NO_NAME = {"unknown", "unknown.", "anonymous", "none", "n/a", ""}   # a translator not named: none is cited


@dataclass(frozen=True, kw_only=True)
class Name:
    """A person or body as CSL writes it: family and given parts, or a literal name ('The Glossa editors')."""

    given: str = ""
    family: str = ""
    literal: str = ""

    @classmethod
    def parse(cls, name: str) -> "Name":
        # Bodies ("The Glossa editors") and single names are not split; a person is split at the last space,
        # which is right for the names content gives ("Leon Trotsky") and says nothing wrong when unsure.
        words = name.split()
        if (len(words) < 2 or words[0].lower() in ("the", "a", "an") or not words[-1][:1].isupper()
                or any(ch in name for ch in "()[],;0123456789")):
            return cls(literal=name)
        return cls(given=" ".join(words[:-1]), family=words[-1])

    @property
    def shown(self) -> str:
        return self.literal or f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        """'Trotsky, Leon' (BibTeX, RIS); a literal name stays as it is (BibTeX gets it braced)."""
        return self.literal or f"{self.family}, {self.given}"

    def csl(self) -> dict[str, str]:
        return {"literal": self.literal} if self.literal else {"family": self.family, "given": self.given}


@dataclass(frozen=True, kw_only=True)
class EditionCitation:
    key: str                  # the slug: CSL id, BibTeX key
    title: str
    author: Name
    translator: Name | None   # None when unknown
    periodical: str
    volume: str
    issue: str
    published: str            # YYYY[-MM[-DD]]: the first publication
    language: str
    editors: tuple[Name, ...]
    version: str
    version_date: str         # YYYY[-MM[-DD]] of this version ('' when the edition keeps no changelog)
    publisher: str            # the site that publishes the edition
    url: str                  # the reader, absolute
    version_url: str          # this version's changelog entry, absolute
    license_url: str

    def date_parts(self, iso: str) -> list[int]:
        return [int(part) for part in iso.split("-")] if iso else []

    def csl(self) -> dict[str, Any]:
        """The CSL-JSON item (CSL 1.0.2 schema): a newspaper article, with this edition's editors, version and
        URL. The date is the article's (what Zotero's citation_publication_date says too)."""
        item: dict[str, Any] = {
            "id": self.key, "type": "article-newspaper", "title": self.title, "author": [self.author.csl()],
            "container-title": self.periodical, "issued": {"date-parts": [self.date_parts(self.published)]},
            "editor": [e.csl() for e in self.editors], "version": self.version, "publisher": self.publisher,
            "URL": self.url, "language": self.language,
        }
        if self.translator is not None:
            item["translator"] = [self.translator.csl()]
        if self.volume:
            item["volume"] = self.volume
        if self.issue:
            item["issue"] = self.issue
        if self.version_date:
            # CSL has no field for the date of a version of an online edition: "available-date" is
            # "date the item was made available" (here, this version), which is what it means.
            item["available-date"] = {"date-parts": [self.date_parts(self.version_date)]}
        return item


def edition_citation(meta: EditionMeta, site_title: str, base_url: str) -> EditionCitation:
    version = meta.current_version
    first = (meta.translator.split() or [""])[0].lower()
    translator = None if first in NO_NAME else Name.parse(meta.translator)
    return EditionCitation(
        key=meta.slug, title=meta.title, author=Name.parse(meta.author), translator=translator,
        periodical=meta.periodical, volume=meta.volume, issue=meta.issue, published=meta.published,
        language=meta.language, editors=tuple(Name.parse(e) for e in meta.editors), version=meta.version,
        version_date=version.date if version is not None else "", publisher=site_title,
        url=urls.absolute(base_url, urls.Target(page=urls.reader_page(meta.slug))),
        version_url=urls.absolute(base_url, version_target(meta.slug, meta.version)),
        license_url=meta.license_url)


def version_target(slug: str, version: str) -> urls.Target:
    return urls.Target(page=urls.about_page(slug), fragment=urls.version_id(version))
