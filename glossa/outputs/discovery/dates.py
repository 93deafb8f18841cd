"""The dates the sitemap and feed give an edition: its current version's, from the changelog."""
from __future__ import annotations

from ...model import EditionListing


def edition_date(listing: EditionListing) -> str:
    """YYYY[-MM[-DD]] of the edition's current version; without a changelog, its first publication (the only
    date its content gives)."""
    current = listing.meta.current_version
    return current.date if current is not None else listing.meta.published


def full_date(iso: str) -> str:
    """A partial date made whole at its first day: '1936-02' -> '1936-02-01'."""
    parts = iso.split("-") + ["01", "01"]
    return "-".join(parts[:3])


def timestamp(iso: str) -> str:
    """An RFC 3339 date-time (Atom needs one) at midnight UTC of the day."""
    return f"{full_date(iso)}T00:00:00Z"
