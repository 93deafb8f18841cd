"""Measuring the reader as laid out by the browser: gaps in the text column, where each note sits against
its reference, overlaps, horizontal scroll. Used by the geometry tests and by scripts/measure_reader.py."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

WIDTHS = (360, 768, 1024, 1440, 1920)
MAX_BLANK = 0.10        # blank space in the text column, as a share of the text's own height
MAX_DISTANCE = 200      # px between a note's top and its reference line, unless a collision pushed it
PUSHED_SLACK = 24       # px: an item starting this close below another in its column was pushed by it

MEASURE = """() => {
    const text = document.querySelector('section.text');
    const top = el => el.getBoundingClientRect().top + scrollY;
    const rect = el => { const r = el.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY}; };
    const bodies = Array.from(text.querySelectorAll('p.body'), rect);
    let blank = 0, height = 0;
    bodies.forEach((b, i) => { height += b.bottom - b.top; if (i) blank += Math.max(0, b.top - bodies[i - 1].bottom); });
    blank += Math.max(0, rect(text).bottom - bodies[bodies.length - 1].bottom);  // notes overrunning the text
    const items = Array.from(text.querySelectorAll('.note, .callout')).filter(el => el.checkVisibility()
        && getComputedStyle(el).contentVisibility !== 'hidden').map(el => {
        const ref = text.querySelector('p.body a[data-ed][href="#' + el.id + '"]');
        const refLine = ref ? ref.getClientRects()[0] : null;
        return {id: el.id, ...rect(el), ref: refLine ? refLine.top + scrollY : null};
    });
    return {blank, height, bodies, items, scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth};
}"""


@dataclass(frozen=True, kw_only=True)
class Layout:
    blank: float
    height: float
    bodies: list[dict[str, float]]
    items: list[dict[str, Any]]
    scroll_width: int
    client_width: int

    @property
    def blank_ratio(self) -> float:
        return self.blank / self.height

    def pushed(self, item: dict[str, Any]) -> bool:
        """Another item of the same column ends just above this one: it was nudged down by a collision."""
        return any(o is not item and _same_column(o, item) and 0 <= item["top"] - o["bottom"] <= PUSHED_SLACK
                   for o in self.items)

    def distances(self) -> dict[str, float]:
        """Each item's top against its reference line, in px (positive: the item is lower)."""
        return {i["id"]: i["top"] - i["ref"] for i in self.items if i["ref"] is not None}

    def far_from_reference(self) -> list[str]:
        return [f"{i['id']} is {i['top'] - i['ref']:.0f} px from its reference" for i in self.items
                if i["ref"] is not None and abs(i["top"] - i["ref"]) > MAX_DISTANCE and not self.pushed(i)]

    def overlaps(self) -> list[str]:
        found = []
        for k, a in enumerate(self.items):
            found += [f"{a['id']} overlaps {b['id']}" for b in self.items[k + 1:] if _hit(a, b)]
            found += [f"{a['id']} overlaps the text of paragraph {n}" for n, b in enumerate(self.bodies, 1)
                      if _hit(a, b) and not _inside(a, b)]
        return found


def measure(page: Page) -> Layout:
    data = page.evaluate(MEASURE)
    return Layout(blank=data["blank"], height=data["height"], bodies=data["bodies"], items=data["items"],
                  scroll_width=data["scrollWidth"], client_width=data["clientWidth"])


def _hit(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and a["top"] < b["bottom"] - 0.5 \
        and b["top"] < a["bottom"] - 0.5)


def _inside(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A note opened inline sits inside its paragraph's box, by design (narrow screens)."""
    return bool(a["left"] >= b["left"] - 0.5 and a["right"] <= b["right"] + 0.5 and a["top"] >= b["top"] - 0.5
                and a["bottom"] <= b["bottom"] + 0.5)


def _same_column(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["left"] < b["right"] and b["left"] < a["right"])
