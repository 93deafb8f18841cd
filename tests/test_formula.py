"""The formula language: grammar, arithmetic, errors and bounds (glossa/resolve/formula.py)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossa.resolve.formula import MAX_DEPTH, MAX_LENGTH, FormulaError, evaluate, names_in, parse, render
from glossa.numbers import format_number, round_half_away

CASES = json.loads((Path(__file__).parent / "cases" / "formulas.json").read_text(encoding="utf-8"))


def compute(formula: str, env: dict | None = None) -> float:
    return evaluate(parse(formula), env or {})


@pytest.mark.parametrize("case", CASES["values"], ids=lambda c: c["formula"])
def test_shared_value_cases(case):
    result = compute(case["formula"], case["inputs"])
    assert result == case["result"]
    assert format_number(result, case["decimals"], case["percent"]) == case["shown"]


@pytest.mark.parametrize("case", CASES["errors"], ids=lambda c: c["formula"])
def test_shared_error_cases(case):
    with pytest.raises(FormulaError) as caught:
        compute(case["formula"], case["inputs"])
    assert caught.value.code == case["code"]
    if "position" in case:
        assert caught.value.position == case["position"]


def test_precedence_and_associativity():
    assert compute("2 + 3 * 4 - 6 / 2") == 11
    assert compute("2 * 3 % * 100") == pytest.approx(6)
    assert compute("8 / 4 / 2") == 1          # left-associative, not 8 / (4 / 2)
    assert compute("--2") == 2


def test_percent_binds_tighter_than_multiplication():
    assert compute("50% * 50%") == 0.25
    assert compute("(10 + 10)%") == 0.2


def test_error_positions_point_into_the_formula():
    with pytest.raises(FormulaError) as caught:
        parse("a + * b")
    assert caught.value.position == 4
    with pytest.raises(FormulaError) as caught:
        parse("a + b $ c")
    assert caught.value.position == 6


def test_names_in_lists_the_inputs_used():
    assert names_in(parse("mean(a, b) / c% + round(d, 1)")) == {"a", "b", "c", "d"}


def test_render_puts_brackets_only_where_needed():
    show = lambda name: name  # noqa: E731
    lit = lambda num: num.text  # noqa: E731
    assert render(parse("a - (b + c)"), show, lit) == "a − (b + c)"
    assert render(parse("(a * b) + c"), show, lit) == "a × b + c"
    assert render(parse("a / (b / c)"), show, lit) == "a ÷ (b ÷ c)"
    assert render(parse("-(a + b)"), show, lit) == "−(a + b)"


def test_length_is_bounded():
    with pytest.raises(FormulaError) as caught:
        parse("1 + " * (MAX_LENGTH // 4) + "1")
    assert caught.value.code == "G145"


def test_nesting_is_bounded_without_recursion_error():
    deep = "(" * (MAX_DEPTH + 5) + "1" + ")" * (MAX_DEPTH + 5)
    with pytest.raises(FormulaError) as caught:
        parse(deep)
    assert caught.value.code == "G145"
    minus = "-" * (MAX_DEPTH + 5) + "1"
    with pytest.raises(FormulaError):
        parse(minus)


def test_magnitude_is_bounded_for_inputs_too():
    with pytest.raises(FormulaError) as caught:
        compute("x + 1", {"x": 1e300})
    assert caught.value.code == "G144"


def test_round_is_half_away_from_zero_unlike_python():
    assert round_half_away(2.5, 0) == 3
    assert round_half_away(-2.5, 0) == -3
    assert math.copysign(1, round_half_away(-0.4, 0)) == 1  # no negative zero


# --- properties -------------------------------------------------------------------------------------

small = st.integers(min_value=-10_000, max_value=10_000)


@st.composite
def expressions(draw, depth=0):
    """Random well-formed formulas over integers, with their value computed independently."""
    if depth > 3 or draw(st.booleans()):
        n = draw(small)
        return (str(n) if n >= 0 else f"({n})"), n
    op = draw(st.sampled_from(["+", "-", "*"]))
    left, lv = draw(expressions(depth + 1))
    right, rv = draw(expressions(depth + 1))
    value = {"+": lv + rv, "-": lv - rv, "*": lv * rv}[op]
    return f"({left} {op} {right})", value


@settings(max_examples=300, deadline=None)
@given(expressions())
def test_integer_arithmetic_matches_exact_arithmetic(case):
    formula, expected = case
    if abs(expected) > 1e15:
        return
    try:
        assert compute(formula) == expected
    except FormulaError as exc:  # only the magnitude bound may refuse a well-formed integer formula
        assert exc.code == "G144"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789+-*/%(),. abxyz_round", max_size=60))
def test_arbitrary_text_parses_or_fails_cleanly(text):
    """No input makes the parser or evaluator raise anything but FormulaError."""
    try:
        evaluate(parse(text), {"a": 1.0, "b": 2.0, "x": 3.0})
    except FormulaError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_rounding_is_within_half_a_unit(x, decimals):
    r = round_half_away(x, decimals)
    assert abs(r - x) <= 0.5 * 10 ** -decimals + 1e-9
