"""The browser's evaluator (templates/assets/calculations/, through the reader page) against the same table of
cases as the Python one; tests/test_formula_node.py runs the same modules under Node."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from editions import DATA_FILE
from calcmodules import import_calculations, input_row
from siteinfo import READER

CASES = json.loads((Path(__file__).parents[1] / "cases" / "formulas.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.browser

RUN_CASES = """(cases) => cases.values.map(c => {
  const result = window.Glossa.compute(c.formula, c.inputs);
  return {result, shown: window.Glossa.formatNumber(result, c.decimals, c.percent)};
}).concat(cases.errors.map(c => {
  try { window.Glossa.compute(c.formula, c.inputs); return {code: null}; }
  catch (e) { return {code: e.code, position: e.position}; }
}))"""

RUN_CLAIMS = """(cases) => cases.map(c => {
  const display = window.Glossa.displayFor(c.result, c.claim);
  return {verdict: window.Glossa.judge(c.result, c.claim), display,
          shown: window.Glossa.formatNumber(c.result, display.decimals, display.percent),
          inputText: window.Glossa.inputText(c.result, c.input_text.display)};
})"""


def test_glossa_js_agrees_with_the_shared_table(page, site_url):
    page.goto(site_url + READER)
    import_calculations(page)
    results = page.evaluate(RUN_CASES, CASES)
    values, errors = results[:len(CASES["values"])], results[len(CASES["values"]):]
    for case, got in zip(CASES["values"], values):
        assert got["result"] == case["result"], case["formula"]
        assert got["shown"] == case["shown"], case["formula"]
    for case, got in zip(CASES["errors"], errors):
        assert got["code"] == case["code"], case["formula"]
        if "position" in case:
            assert got["position"] == case["position"], case["formula"]


def test_glossa_js_judges_the_shared_claims_as_the_table_says(page, site_url):
    """The same claims table as tests/test_claims_table.py: verdict, display, shown figure, computed input."""
    page.goto(site_url + READER)
    import_calculations(page)
    results = page.evaluate(RUN_CLAIMS, CASES["claims"])
    assert len(results) == len(CASES["claims"]) > 0
    wrong = []
    for case, got in zip(CASES["claims"], results):
        want = {"verdict": case["verdict"], "display": case["display"], "shown": case["shown"],
                "inputText": case["input_text"]["text"]}
        if got != want:
            wrong.append((case["note"], case["result"], got, want))
    assert not wrong, wrong


def test_glossa_js_recomputes_every_callout_exactly_as_built(page, site_url, built_site):
    data = json.loads((built_site / DATA_FILE).read_text())
    page.goto(site_url + READER)
    import_calculations(page)
    for item in data["computations"]:
        env = {i["name"]: i["value"] for i in item["inputs"]}
        got = page.evaluate("([f, env, claim]) => { const r = window.Glossa.compute(f, env);"
                            " return [r, claim ? window.Glossa.judge(r, claim) : null]; }",  # context: no verdict
                            [item["formula"], env, item["claim"]])
        assert got == [item["result"], item["verdict"]], item["id"]


def test_formula_lines_render_as_the_build_renders_them(page, site_url, built_site):
    """The JS renderer reproduces each built formula line from the same inputs (so a recomputed line is right)."""
    data = json.loads((built_site / DATA_FILE).read_text())
    page.goto(site_url + READER)
    import_calculations(page)
    for item in data["computations"]:
        shown = {i["name"]: i["shown"] for i in item["inputs"]}
        got = page.evaluate("([f, shown]) => window.Glossa.renderFormula(f, shown)", [item["formula"], shown])
        assert got == item["formula_with_values"], item["id"]


# --- the page's recalculation: failure state, unparseable callouts, dependency graphs -----------------

def test_a_failed_recomputation_shows_a_neutral_state_and_reset_restores(page, site_url):
    page.goto(site_url + READER)
    share = page.locator("#calc-west-siberia-trotskyist-share")
    national = page.locator("#calc-all-union-west-siberia")
    chip = page.locator('p.body a.calcref[href="#calc-west-siberia-trotskyist-share"]')
    built = {"verdict": share.get_attribute("data-verdict"),
             "result": share.locator("output").text_content(), "chip": chip.inner_html(),
             "label": share.locator(".verdict-label").text_content(),
             "national": national.locator("output").text_content(),
             "national_cell": input_row(national, "share").locator("td").first.text_content()}
    share.locator("summary").click()
    field = input_row(share, "trotskyists").locator('input[type="number"]')
    field.fill("1e20")  # beyond the 10^15 bound: the formula cannot be evaluated

    for box in (share, national):
        assert box.get_attribute("data-verdict") == "none"
        assert box.locator("output").text_content() == "cannot be computed"
        assert box.locator(".verdict-symbol").text_content() == "?"
        assert box.locator(".verdict-label").text_content() == "Cannot be computed with these inputs"
    assert chip.get_attribute("data-verdict") == "none"
    assert chip.locator(".calc-symbol").text_content() == "?"
    assert chip.locator(".calcref-value").text_content() == "cannot be computed"
    assert input_row(national, "share").locator("td").first.text_content() == "cannot be computed"

    share.locator("button.calc-reset").click()
    assert share.get_attribute("data-verdict") == built["verdict"]
    assert share.locator("output").text_content() == built["result"]
    assert share.locator(".verdict-label").text_content() == built["label"]
    assert chip.inner_html() == built["chip"]  # symbol, value and the hidden verdict words, as built
    assert national.locator("output").text_content() == built["national"]
    assert input_row(national, "share").locator("td").first.text_content() == built["national_cell"]


def test_the_chip_says_the_new_verdict_to_screen_readers(page, site_url):
    page.goto(site_url + READER)
    share = page.locator("#calc-west-siberia-trotskyist-share")
    share.locator("summary").click()
    input_row(share, "trotskyists").locator('input[type="number"]').fill("1103")
    chip = page.locator('p.body a.calcref[href="#calc-west-siberia-trotskyist-share"]')
    assert chip.get_attribute("data-verdict") == "holds"
    words = chip.locator(".visually-hidden").last.text_content()
    assert words.endswith(" holds") and "approximately" not in words, words
    shown = chip.locator(".calcref-value").text_content()
    expect(chip).to_have_accessible_name(re.compile(rf"^Calculation \d+: {re.escape(shown)}, the author’s figure holds$"))


def callout(cid: str, formula: str, inputs: list[dict], claim_value: float) -> tuple[str, dict]:
    """A minimal callout as _callout.html builds it, enough for the script to enhance (no chip in the text), and
    its entry in the calculations data the script fetches."""
    spec = {"id": cid, "anchor": f"calc-{cid}", "formula": formula, "inputs": inputs,
            "claim": {"comparator": "equals", "value": {"text": str(claim_value), "value": claim_value,
                                                        "decimals": 0, "percent": False},
                      "low": None, "high": None, "tolerance": None},
            "display": {"decimals": 0, "percent": False}}
    rows = "".join(f'<tr><th>{i["name"]} <code>{i["name"]}</code></th><td>{i["value"]}</td></tr>'
                   for i in inputs)
    return (f"<aside class=\"callout\" id=\"calc-{cid}\" data-verdict=\"holds\" "
            f"><span class=\"calc-formula\">built</span> = "
            f"<output class=\"calc-result\">built</output><span class=\"verdict-symbol\">✓</span>"
            f"<span class=\"verdict-label\">Holds</span><details class=\"calc-details\"><summary>Inputs and working"
            f"</summary><table><tbody>{rows}</tbody></table></details></aside>", spec)


def stated(name: str, value: float, adjustable: bool = False) -> dict:
    return {"name": name, "value": value, "computation": None, "adjustable": adjustable, "decimals": 0, "percent": False}


def taken(name: str, computation: str, value: float) -> dict:
    return {"name": name, "value": value, "computation": computation, "adjustable": False, "decimals": 0,
            "percent": False}


def synthetic_page(page, site_url, callouts: list[tuple[str, dict]]) -> list[str]:
    """A page of these callouts and their calculations data, which the script fetches as it would an edition's
    computations.json. The page keeps the site's policy (connect-src 'self'), so the data is answered at a
    same-origin address that no edition uses."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    data = json.dumps({"computations": [spec for _, spec in callouts]})
    page.route(f"{site_url}/synthetic/computations.json",
               lambda route: route.fulfill(status=200, content_type="application/json", body=data))
    page.goto(f"{site_url}/")
    page.set_content("<!doctype html><html><body>" + "".join(html for html, _ in callouts)
                     + '<a data-computations href="/synthetic/computations.json">data</a>'
                     + '<script type="module" src="/assets/main.js"></script></body></html>')
    page.wait_for_function("() => window.Glossa !== undefined")
    page.locator("details.calc-details summary").first.click()  # opening a working loads the calculations
    page.wait_for_selector('.callout input[type="number"]')
    return problems


def test_a_callout_that_cannot_be_parsed_leaves_the_others_interactive(page, site_url):
    problems = synthetic_page(page, site_url, [
        callout("a", "x * 2", [stated("x", 1, adjustable=True)], 2),
        callout("broken", "p +\u00a01", [taken("p", "a", 2), stated("q", 5, adjustable=True)], 3),
        callout("c", "p + 1", [taken("p", "a", 2)], 3),
    ])
    page.locator('#calc-a input[type="number"]').fill("5")
    assert page.locator("#calc-a output").text_content() == "10"
    assert page.locator("#calc-c output").text_content() == "11"
    assert page.locator("#calc-broken output").text_content() == "built"  # left as built
    assert page.locator("#calc-broken input").count() == 0                # and not interactive
    assert problems == []


def test_a_diamond_shaped_graph_recomputes_each_calculation_once(page, site_url):
    """Each layer doubles its input through two paths: without memoising, 2^layers evaluations per keystroke.
    Counted, not timed: one change must cost one evaluation per calculation."""
    layers = 20
    boxes = [callout("a0", "x", [stated("x", 1, adjustable=True)], 1)]
    for k in range(1, layers + 1):
        prev = f"a{k - 1}"
        boxes.append(callout(f"b{k}", "p", [taken("p", prev, 2 ** (k - 1))], 2 ** (k - 1)))
        boxes.append(callout(f"c{k}", "p", [taken("p", prev, 2 ** (k - 1))], 2 ** (k - 1)))
        boxes.append(callout(f"a{k}", "l + r", [taken("l", f"b{k}", 2 ** (k - 1)), taken("r", f"c{k}", 2 ** (k - 1))],
                             2 ** k))
    problems = synthetic_page(page, site_url, boxes)
    evaluations = page.evaluate("""() => {
        const field = document.querySelector('#calc-a0 input[type="number"]');
        field.value = "3";
        const before = window.Glossa.stats.evaluations;
        field.dispatchEvent(new Event("input"));
        return window.Glossa.stats.evaluations - before;
    }""")
    assert page.locator(f"#calc-a{layers} output").text_content() == f"{3 * 2 ** layers:,}"
    assert page.locator(f"#calc-a{layers}").get_attribute("data-verdict") == "fails"
    assert page.locator(f"#calc-a{layers} .calc-formula").text_content() == f"{3 * 2 ** (layers - 1):,} + {3 * 2 ** (layers - 1):,}"
    assert evaluations == len(boxes)
    assert problems == []
