"""The pages of a book-length edition: a contents page, and one reader page per part with links to the
previous and next parts. A part's page is the reader laid out for that part alone (its paragraphs, and
the emendations, variants and terms found in them), so everything the reader does works there too.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ... import urls
from ...model import Edition, Part, TermUse


@dataclass(frozen=True, kw_only=True)
class PartNav:
    """Where a part's page stands in the book: the part, its neighbours and the table of contents."""

    current: Part
    previous: Part | None
    next: Part | None
    contents: urls.Target
    count: int               # of parts in the book


def part_navs(edition: Edition) -> tuple[PartNav, ...]:
    parts = edition.parts
    contents = urls.Target(page=urls.contents_page(edition.meta.slug))
    return tuple(PartNav(current=part, previous=parts[n - 1] if n > 0 else None,
                         next=parts[n + 1] if n + 1 < len(parts) else None, contents=contents, count=len(parts))
                 for n, part in enumerate(parts))


def part_view(edition: Edition, part: Part) -> Edition:
    """The edition as one part's page shows it: that part's paragraphs, and what is marked in them."""
    page = part.page
    terms = []
    for use in edition.terms:
        here = tuple(link for link in use.paragraphs if link.target.page == page)
        if here:
            terms.append(TermUse(use.entry, here))
    return replace(edition,
                   paragraphs=tuple(p for p in edition.paragraphs if p.part == part.id),
                   emendations=tuple(e for e in edition.emendations if e.part == part.id),
                   variants=tuple(v for v in edition.variants if v.part == part.id),
                   terms=tuple(terms))

