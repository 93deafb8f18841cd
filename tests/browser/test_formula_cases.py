"""The browser's evaluator (glossa.js) against the same table of cases as the Python one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).parents[1] / "cases" / "formulas.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.browser

RUN_CASES = """(cases) => cases.values.map(c => {
  const result = window.Glossa.compute(c.formula, c.inputs);
  return {result, shown: window.Glossa.formatNumber(result, c.decimals, c.percent)};
}).concat(cases.errors.map(c => {
  try { window.Glossa.compute(c.formula, c.inputs); return {code: null}; }
  catch (e) { return {code: e.code}; }
}))"""


def test_glossa_js_agrees_with_the_shared_table(page, site_url):
    page.goto(f"{site_url}/20000-oppositionists-expelled/")
    results = page.evaluate(RUN_CASES, CASES)
    values, errors = results[:len(CASES["values"])], results[len(CASES["values"]):]
    for case, got in zip(CASES["values"], values):
        assert got["result"] == case["result"], case["formula"]
        assert got["shown"] == case["shown"], case["formula"]
    for case, got in zip(CASES["errors"], errors):
        assert got["code"] == case["code"], case["formula"]


def test_glossa_js_recomputes_every_callout_exactly_as_built(page, site_url, built_site):
    data = json.loads((built_site / "20000-oppositionists-expelled" / "computations.json").read_text())
    page.goto(f"{site_url}/20000-oppositionists-expelled/")
    for item in data["computations"]:
        env = {i["name"]: i["value"] for i in item["inputs"]}
        got = page.evaluate("([f, env, claim]) => { const r = window.Glossa.compute(f, env);"
                            " return [r, window.Glossa.judge(r, claim)]; }",
                            [item["formula"], env, item["claim"]])
        assert got == [item["result"], item["verdict"]], item["id"]


def test_formula_lines_render_as_the_build_renders_them(page, site_url, built_site):
    """The JS renderer reproduces each built formula line from the same inputs (so a recomputed line is right)."""
    data = json.loads((built_site / "20000-oppositionists-expelled" / "computations.json").read_text())
    page.goto(f"{site_url}/20000-oppositionists-expelled/")
    for item in data["computations"]:
        shown = {i["name"]: i["shown"] for i in item["inputs"]}
        got = page.evaluate("([f, shown]) => window.Glossa.renderFormula(f, shown)", [item["formula"], shown])
        assert got == item["formula_with_values"], item["id"]
