"""The browser's calculation modules (templates/assets/calculations/) run under Node against the shared
cases, so the JavaScript twin of glossa/resolve/formula.py and glossa/resolve/verdicts.py is checked without a browser.
tests/browser/test_formula_cases.py runs the same cases in Chromium, through the page."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tests" / "js" / "formula_cases.mjs"
CASES = json.loads((ROOT / "tests" / "cases" / "formulas.json").read_text(encoding="utf-8"))


def run_in_node(node: str, cases: dict) -> dict:
    run = subprocess.run([node, str(RUNNER)], input=json.dumps(cases), capture_output=True, text=True, timeout=60,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def table(node: str) -> dict:
    return run_in_node(node, CASES)


def test_values_are_computed_and_printed_as_the_table_says(table):
    assert len(table["values"]) == len(CASES["values"]) > 0
    wrong = [(case["formula"], got) for case, got in zip(CASES["values"], table["values"])
             if (got["result"], got["shown"]) != (case["result"], case["shown"])]
    assert not wrong, wrong


def test_bad_formulas_fail_with_the_tables_code_and_position(table):
    assert len(table["errors"]) == len(CASES["errors"]) > 0
    wrong = [(case["formula"], got) for case, got in zip(CASES["errors"], table["errors"])
             if got["code"] != case["code"] or ("position" in case and got["position"] != case["position"])]
    assert not wrong, wrong


def test_claims_are_judged_and_shown_as_the_table_says(table):
    assert len(table["claims"]) == len(CASES["claims"]) > 0
    wrong = []
    for case, got in zip(CASES["claims"], table["claims"]):
        want = {"verdict": case["verdict"], "display": case["display"], "shown": case["shown"],
                "inputText": case["input_text"]["text"]}
        if got != want:
            wrong.append((case["note"], case["result"], got, want))
    assert not wrong, wrong


def test_every_built_callout_is_recomputed_judged_and_written_as_the_build_did(built_site, node):
    data = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(built_site.glob("*/computations.json"))]
    items = [item for edition in data for item in edition["computations"]]
    assert items, "no computations.json in the built site"
    got = run_in_node(node, {"callouts": items})["callouts"]
    wrong = [(item["id"], g) for item, g in zip(items, got)
             if (g["result"], g["verdict"], g["line"]) != (item["result"], item["verdict"], item["formula_with_values"])]
    assert len(got) == len(items) and not wrong, wrong


def test_the_runner_reports_a_wrong_answer(node):
    """The comparison above could fail: a case with a wrong expected value is caught."""
    case = dict(CASES["values"][0], result=CASES["values"][0]["result"] + 1)
    got = run_in_node(node, {"values": [case]})["values"][0]
    assert got["result"] != case["result"]
