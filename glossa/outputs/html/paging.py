"""Lists shown a page at a time (the site's editions, their verdicts, a glossary entry's places): one rule for
which items fall on which page and how each page links its neighbours, so that no page grows with the collection."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ... import urls

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Paged(Generic[T]):
    """One page of a list: its share of the items and the links to its neighbours."""

    number: int        # from 1
    count: int
    items: tuple[T, ...]
    previous: str      # URL of the previous page, relative to this one; "" on the first
    next: str          # "" on the last


def paged(items: Sequence[T], per_page: int, page_of: Callable[[int], str]) -> list[tuple[str, Paged[T]]]:
    """Each page's path (`page_of(number)`) and its share of `items`: at least one page, even for no items."""
    count = urls.page_count(len(items), per_page)
    pages = []
    for number in range(1, count + 1):
        path = page_of(number)
        pages.append((path, Paged(number=number, count=count,
                                  items=tuple(items[(number - 1) * per_page:number * per_page]),
                                  previous=urls.page_url(path, page_of(number - 1)) if number > 1 else "",
                                  next=urls.page_url(path, page_of(number + 1)) if number < count else "")))
    return pages
