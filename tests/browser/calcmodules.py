"""The reader's calculation modules, imported into a page for the tests that run the shared cases through the
browser's own evaluator. The page itself loads them only when a calculation's working is opened (main.js)."""
from __future__ import annotations

from playwright.sync_api import Locator, Page

# Beside the page's entry module, wherever the site puts it; the functions go on window.Glossa, where the
# page keeps its count of evaluations.
IMPORT = """async () => {
    const entry = document.querySelector('script[type="module"][src]').src;
    const [formula, numbers, verdicts] = await Promise.all(['formula', 'numbers', 'verdicts']
        .map(name => import(new URL('calculations/' + name + '.js', entry).href)));
    window.Glossa = Object.assign(window.Glossa || {}, formula, numbers, verdicts, {
        renderFormula: (f, shown) => formula.renderFormula(formula.parse(f), name => shown[name])});
}"""


def import_calculations(page: Page) -> None:
    """window.Glossa gets compute, parse, evaluate, renderFormula (of a formula and its shown inputs),
    formatNumber, roundHalfAway, judge, displayFor and inputText."""
    page.evaluate(IMPORT)


def input_row(callout: Locator, name: str) -> Locator:
    """The row of a calculation's input `name` in its table of inputs: the row whose heading's code reads it."""
    return callout.locator(f'tbody tr:has(th code:text-is("{name}"))')
