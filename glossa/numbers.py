"""Numbers as content writes them ("2,646", "12.8%") and as the reader sees them.

Arithmetic is IEEE-754 double precision, the one number type Python and JavaScript share, so the
browser recomputes exactly what the build computed. Rounding is defined here (half away from zero)
rather than borrowed from either language, whose built-ins disagree (Python's round(2.5) is 2,
JavaScript's Math.round(2.5) is 3). templates/assets/calculations/numbers.js implements the same
definitions; tests/cases/ holds the cases both are run against.
"""
from __future__ import annotations

import math
import re

from .records import StatedNumber

NUMBER_TEXT = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?%?|-?[0-9]+(\.[0-9]+)?%?")
MAX_DECIMALS = 10


def parse_stated(text: str) -> StatedNumber | None:
    """'12.8%' -> 0.128 with 1 decimal, shown as a percentage; None when the text is not a number."""
    text = text.strip()
    if not NUMBER_TEXT.fullmatch(text):
        return None
    percent = text.endswith("%")
    digits = text.rstrip("%").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    if decimals > MAX_DECIMALS or len(digits) > 20:
        return None
    value = float(digits)
    if percent:
        value = value / 100
    return StatedNumber(text, value, decimals, percent)


def round_half_away(x: float, decimals: int) -> float:
    """Round to `decimals` places, halves away from zero; the same steps as numbers.js roundHalfAway."""
    scale = 10.0 ** decimals
    result = math.floor(abs(x) * scale + 0.5) / scale
    return normalise(-result if x < 0 else result)


def normalise(x: float) -> float:
    """Turn -0 into 0, so that no page prints '-0'."""
    return x + 0.0


def format_number(x: float, decimals: int, percent: bool) -> str:
    """The way the text writes numbers: thousands separators, a fixed number of decimals, '%' for shares."""
    shown = x * 100 if percent else x
    rounded = round_half_away(shown, decimals)
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, frac = text.partition(".")
    whole = _group_thousands(whole)
    sign = "−" if rounded < 0 else ""
    return sign + whole + ("." + frac if frac else "") + ("%" if percent else "")


def _group_thousands(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ",".join(groups)


def plain_number(x: float) -> str:
    """The unformatted number for JSON and plain-text exports: shortest round-trip repr."""
    x = normalise(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)
