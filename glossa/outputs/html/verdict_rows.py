"""The rows of a verdicts page: every claim of an edition, with the author's figure, the computed one and
the verdict, each linked to its place in the text. Context has no verdict, so it has no row."""
from __future__ import annotations

from dataclasses import dataclass

from ... import urls
from ...model import Callout, CalloutLink, Edition, EditionCounts, EditionListing, WitnessResult


@dataclass(frozen=True, kw_only=True)
class VerdictRow:
    row_id: str
    number: int
    title: str
    paragraph: int
    quote: str
    author_figure: str       # the author's words for it
    checked_as: str          # "at least 1,600", when the words are quoted
    computed: str            # the result as the callout shows it
    state: str               # holds, approx, fails
    verdict_label: str
    verdict_symbol: str
    judged_as: str
    inherited_from: CalloutLink | None
    readings: tuple[WitnessResult, ...]
    place: urls.Target       # the callout in the text
    inherited_place: urls.Target | None


def verdict_rows(edition: Edition) -> tuple[VerdictRow, ...]:
    reader = urls.reader_page(edition.meta.slug)
    return tuple(_row(edition.meta.slug, reader, c) for c in edition.callouts if c.is_claim)


def _row(slug: str, reader: str, c: Callout) -> VerdictRow:
    inherited = c.inherited_from
    return VerdictRow(
        row_id=urls.verdict_row_id(slug, c.id), number=c.number, title=c.title, paragraph=c.paragraph, quote=c.quote,
        author_figure=c.claim_quoted, checked_as=c.claim_checked_as, computed=c.result_shown, state=c.state,
        verdict_label=c.verdict_label, verdict_symbol=c.verdict_symbol, judged_as=c.judged_as, inherited_from=inherited,
        readings=c.readings, place=urls.Target(page=c.page or reader, fragment=c.html_id),
        inherited_place=urls.Target(page=inherited.page or reader, fragment=inherited.link_id) if inherited else None)


def edition_listing(edition: Edition) -> EditionListing:
    """What the site-wide pages (the index, the verdicts of every edition) show of an edition."""
    return EditionListing(meta=edition.meta, summary=edition.summary, tally=edition.tally,
                          verdicts=verdict_rows(edition), counts=EditionCounts(
                              paragraphs=len(edition.paragraphs), notes=len(edition.notes),
                              callouts=len(edition.callouts), emendations=len(edition.emendations),
                              terms=len(edition.terms)),
                          part_pages=tuple(part.page for part in edition.parts))
