"""The shared table of claims (tests/cases/formulas.json, "claims") against glossa/resolve/verdicts.py.

tests/test_formula_node.py (Node) and tests/browser/test_formula_cases.py (Chromium) run the browser's
judge/displayFor/formatNumber/inputText on the same table, so the build and the browser agree on every verdict, every displayed figure and every computed input.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossa.diagnostics import SourceLocation
from glossa.numbers import format_number, parse_stated
from glossa.records import ClaimSource, Comparator, Verdict
from glossa.resolve.verdicts import Display, display_for, input_text, judge

CASES = json.loads((Path(__file__).parent / "cases" / "formulas.json").read_text(encoding="utf-8"))["claims"]


def stated(number: dict | None):
    """The StatedNumber that content would give for this text; the table's value/decimals/percent must match it,
    since the browser receives them as the build serialises them."""
    if number is None:
        return None
    parsed = parse_stated(number["text"])
    assert parsed is not None, number["text"]
    assert (parsed.value, parsed.decimals, parsed.percent) == (number["value"], number["decimals"], number["percent"]), \
        f"the table's {number} is not what {number['text']!r} parses to"
    return parsed


def claim_of(case: dict) -> ClaimSource:
    c = case["claim"]
    return ClaimSource("", Comparator(c["comparator"]), stated(c["value"]), stated(c["low"]), stated(c["high"]),
                       stated(c["tolerance"]), SourceLocation("formulas.json", 1))


def label(case: dict) -> str:
    c = case["claim"]
    parts = [c[k]["text"] for k in ("value", "low", "high") if c[k]]
    tol = f"±{c['tolerance']['text']}" if c["tolerance"] else ""
    return f"{case['result']}-{c['comparator']}-{'-'.join(parts)}{tol}"


def test_the_table_covers_every_comparator_and_verdict():
    assert {c["claim"]["comparator"] for c in CASES} == {c.value for c in Comparator}
    assert {c["verdict"] for c in CASES} == {v.value for v in Verdict}


@pytest.mark.parametrize("case", CASES, ids=label)
def test_shared_claim_cases(case):
    claim = claim_of(case)
    result = case["result"]
    assert judge(result, claim).value == case["verdict"]
    display = display_for(result, claim)
    assert display == Display(case["display"]["decimals"], case["display"]["percent"])
    assert format_number(result, display.decimals, display.percent) == case["shown"]
    wanted = case["input_text"]
    assert input_text(result, Display(wanted["display"]["decimals"], wanted["display"]["percent"])) == wanted["text"]
