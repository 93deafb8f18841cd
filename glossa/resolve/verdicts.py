"""Judging the author's claims: holds, approximately holds or does not hold, and how results are shown.

Pure functions of a result and a claim. templates/assets/calculations/verdicts.js implements the same
rules (judge, displayFor, inputText) for recomputation in the browser; tests/cases/formulas.json holds
cases both must pass.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..numbers import format_number, round_half_away
from ..records import ClaimSource, Comparator, StatedNumber, Verdict

VERDICT_WORDS = {Verdict.HOLDS: ("holds", "✓"), Verdict.APPROX: ("approximately holds", "≈"),
                 Verdict.FAILS: ("does not hold", "✗")}
CONTEXT_WORDS = ("working", "")   # context gets no verdict: its callout shows the working only
VERDICT_PLURALS = {Verdict.HOLDS: "hold", Verdict.APPROX: "approximately hold", Verdict.FAILS: "do not hold"}
_COMPARATOR_WORDS = {Comparator.EQUALS: "", Comparator.ABOUT: "about ", Comparator.MORE_THAN: "more than ",
                     Comparator.AT_LEAST: "at least ", Comparator.LESS_THAN: "less than ",
                     Comparator.AT_MOST: "at most "}
COMPARE_DECIMALS = 9  # differences are compared after rounding away float noise (0.2 - 0.19 != 0.01)
INPUT_PRECISION = 0.0005  # a computed input is printed to within 0.05% of its value: 20.01%, not 20%
DISPLAY_PRECISION = 0.005  # a result whose claim fails is printed to within 0.5% of itself: 8.6%, not 9%


@dataclass(frozen=True)
class Display:
    """How a result is printed: as a percentage or a plain number, to so many decimals."""

    decimals: int
    percent: bool


def reference_of(claim: ClaimSource) -> StatedNumber:
    """The figure a claim is measured against: its value, or for 'between' its lower bound."""
    reference = claim.low if claim.comparator is Comparator.BETWEEN else claim.value
    assert reference is not None, "checked by check_claim before any claim is judged"
    return reference


def judge(result: float, claim: ClaimSource) -> Verdict:
    """Holds, approximately holds or does not hold; the same rules as verdicts.js judge()."""
    reference = reference_of(claim)
    tolerance = _tolerance(claim)
    if claim.comparator in (Comparator.EQUALS, Comparator.ABOUT):
        units = result * 100 if reference.percent else result
        if round_half_away(units, reference.decimals) == _units(reference):
            return Verdict.HOLDS
        return _within(abs(result - reference.value), tolerance)
    if claim.comparator is Comparator.BETWEEN:
        assert claim.low is not None and claim.high is not None
        if claim.low.value <= result <= claim.high.value:
            return Verdict.HOLDS
        return _within(max(claim.low.value - result, result - claim.high.value), tolerance)
    bound = reference.value
    holds = {Comparator.MORE_THAN: result > bound, Comparator.AT_LEAST: result >= bound,
             Comparator.LESS_THAN: result < bound, Comparator.AT_MOST: result <= bound}[claim.comparator]
    return Verdict.HOLDS if holds else _within(abs(result - bound), tolerance)


def _units(number: StatedNumber) -> float:
    return float(number.text.rstrip("%").replace(",", ""))


def _tolerance(claim: ClaimSource) -> float | None:
    """The tolerance as a plain number. On a plain-number claim a tolerance written with % is relative."""
    tol = claim.tolerance
    if tol is None:
        return None
    reference = reference_of(claim)
    if tol.percent and not reference.percent:
        return abs(reference.value) * tol.value
    return tol.value


def _within(distance: float, tolerance: float | None) -> Verdict:
    if tolerance is not None and round_half_away(distance, COMPARE_DECIMALS) <= round_half_away(tolerance, COMPARE_DECIMALS):
        return Verdict.APPROX
    return Verdict.FAILS


def display_for(result: float, claim: ClaimSource) -> Display:
    """Show the result to the claim's precision. 'equals' and 'about' are judged at the stated precision, so
    a result that holds is shown at it; one that does not gets decimals (up to three) while rounding would
    move the figure by more than 0.5% of itself, so no figure printed misstates the working (8.6%, not 9%,
    beside "approximately 10 percent"; but 36,291, not 36,290.7). For a bound (more than, at least,
    between …) add a decimal (up to three) when rounding would print the bound itself while the verdict
    turns on the difference. verdicts.js displayFor() follows the same rules."""
    reference = reference_of(claim)
    decimals = reference.decimals
    if claim.comparator in (Comparator.EQUALS, Comparator.ABOUT):
        if judge(result, claim) is not Verdict.HOLDS:
            for _ in range(3):
                if _shown_error(result, decimals, reference.percent) <= DISPLAY_PRECISION:
                    break
                decimals += 1
        return Display(decimals, reference.percent)
    bounds = [n for n in (claim.value, claim.low, claim.high) if n is not None]
    for _ in range(3):
        shown = format_number(result, decimals, reference.percent)
        if not any(shown == format_number(b.value, decimals, reference.percent) and result != b.value for b in bounds):
            break
        decimals += 1
    return Display(decimals, reference.percent)


def _shown_error(value: float, decimals: int, percent: bool) -> float:
    """How far the printed figure is from the value, as a share of the value."""
    shown = format_number(value, decimals, percent)
    back = float(shown.rstrip("%").replace(",", "").replace("−", "-")) / (100 if percent else 1)
    return 0.0 if value == 0 else abs(back - value) / abs(value)


def input_text(value: float, display: Display) -> str:
    """A computed result shown as another calculation's input: to the result's own precision, with up to
    three more decimals while rounding would be off by more than 0.05% (18% × 200,000 must not print
    beside 36,291: the share is 18.15%). verdicts.js inputText() follows the same rule."""
    decimals = display.decimals
    for _ in range(3):
        shown = format_number(value, decimals, display.percent)
        back = float(shown.rstrip("%").replace(",", "").replace("−", "-")) / (100 if display.percent else 1)
        if value == 0 or abs(back - value) <= abs(value) * INPUT_PRECISION:
            break
        decimals += 1
    return format_number(value, decimals, display.percent)


def claim_text(claim: ClaimSource) -> str:
    if claim.comparator is Comparator.BETWEEN:
        assert claim.low is not None and claim.high is not None
        return f"between {claim.low.text} and {claim.high.text}"
    assert claim.value is not None
    text = _COMPARATOR_WORDS[claim.comparator] + claim.value.text
    if claim.tolerance is not None:
        text += f" (± {claim.tolerance.text})"
    return text
