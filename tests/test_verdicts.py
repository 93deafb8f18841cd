"""Verdicts on the author's claims: every comparator, the precision rules and their boundaries."""
from __future__ import annotations

import pytest

from glossa.resolve.verdicts import Display, claim_text, display_for, input_text, judge
from glossa.diagnostics import SourceLocation
from glossa.numbers import format_number, parse_stated
from glossa.records import ClaimSource, Comparator, Verdict

HOLDS, APPROX, FAILS = Verdict.HOLDS, Verdict.APPROX, Verdict.FAILS


def claim(comparator: str, value: str | None = None, tolerance: str | None = None,
          low: str | None = None, high: str | None = None) -> ClaimSource:
    n = lambda text: parse_stated(text) if text is not None else None  # noqa: E731
    return ClaimSource("", Comparator(comparator), n(value), n(low), n(high), n(tolerance), SourceLocation("x", 1))


@pytest.mark.parametrize("result, stated, verdict", [
    (0.128, "12.8%", HOLDS),
    (0.12849, "12.8%", HOLDS),       # rounds to 12.8 at the stated precision
    (0.1285, "12.8%", FAILS),        # rounds (half away) to 12.9
    (0.0794, "8%", HOLDS),
    (0.0849, "8%", HOLDS),
    (0.085, "8%", FAILS),            # 8.5 rounds to 9
    (1800, "1,800", HOLDS),
    (1799.5, "1,800", HOLDS),
    (1799.4, "1,800", FAILS),
    (846, "1,600", FAILS),
])
def test_equals_compares_at_the_stated_precision(result, stated, verdict):
    assert judge(result, claim("equals", stated)) is verdict


def test_about_uses_the_tolerance_for_approximately_holds():
    assert judge(0.20, claim("about", "20%", "2.5%")) is HOLDS
    assert judge(0.1815, claim("about", "20%", "2.5%")) is APPROX
    assert judge(0.175, claim("about", "20%", "2.5%")) is APPROX   # exactly on the tolerance
    assert judge(0.1749, claim("about", "20%", "2.5%")) is FAILS


def test_a_percent_tolerance_on_a_plain_number_is_relative():
    assert judge(36_291, claim("about", "40,000", "10%")) is APPROX   # within 4,000
    assert judge(35_999, claim("about", "40,000", "10%")) is FAILS


@pytest.mark.parametrize("comparator, result, verdict", [
    ("more-than", 10_187, HOLDS), ("more-than", 10_000, FAILS), ("more-than", 9_999, FAILS),
    ("at-least", 10_000, HOLDS), ("at-least", 9_999.99, FAILS),
    ("less-than", 9_999, HOLDS), ("less-than", 10_000, FAILS),
    ("at-most", 10_000, HOLDS), ("at-most", 10_000.01, FAILS),
])
def test_inequalities_compare_the_unrounded_result(comparator, result, verdict):
    assert judge(result, claim(comparator, "10,000")) is verdict


def test_inequality_with_tolerance_approximately_holds_near_the_bound():
    assert judge(918.5, claim("at-least", "1,000", "100")) is APPROX
    assert judge(899, claim("at-least", "1,000", "100")) is FAILS


@pytest.mark.parametrize("result, verdict", [(10_000, HOLDS), (20_000, HOLDS), (15_000, HOLDS),
                                             (25_000, FAILS), (9_999, FAILS)])
def test_between_includes_its_bounds(result, verdict):
    assert judge(result, claim("between", low="10,000", high="20,000")) is verdict


def test_between_with_tolerance():
    assert judge(20_500, claim("between", low="10,000", high="20,000", tolerance="1,000")) is APPROX


def test_display_adds_decimals_when_rounding_would_print_the_bound():
    # 120 / 2,356 = 5.09%: at whole percent it would print "5%" beside "more than 5%".
    assert display_for(0.0509, claim("more-than", "5%")) == Display(1, True)
    assert display_for(0.062, claim("more-than", "5%")) == Display(0, True)


def test_computed_inputs_are_shown_precisely_enough():
    assert input_text(0.18145, Display(0, True)) == "18.15%"
    assert input_text(918.5, Display(0, False)) == "918.5"  # "919" would be 0.054% off


def test_claim_text_reads_like_the_author():
    assert claim_text(claim("at-least", "1,600")) == "at least 1,600"
    assert claim_text(claim("about", "20%", "2.5%")) == "about 20% (± 2.5%)"
    assert claim_text(claim("between", low="500", high="1,000")) == "between 500 and 1,000"


@pytest.mark.parametrize("text, value, decimals, percent", [
    ("2,646", 2646, 0, False), ("12.8%", 0.128, 1, True), ("0.50", 0.5, 2, False), ("-3", -3, 0, False),
])
def test_stated_numbers_keep_their_precision(text, value, decimals, percent):
    n = parse_stated(text)
    assert (n.value, n.decimals, n.percent) == (pytest.approx(value), decimals, percent)


@pytest.mark.parametrize("text", ["1:20", "012x", "1,00", "ten", "1e5", "", "1.2.3", "--1"])
def test_unreadable_numbers_are_refused(text):
    assert parse_stated(text) is None


def test_format_number_groups_thousands_and_uses_a_real_minus():
    assert format_number(-1234567.891, 2, False) == "−1,234,567.89"
    assert format_number(0.05, 0, True) == "5%"

