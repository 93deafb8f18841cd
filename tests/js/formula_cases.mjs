// Runs the browser's calculation modules under Node on the cases given as JSON on stdin, and prints what
// they return as JSON: the same functions the reader page uses, without a browser (tests/test_formula_node.py).
//   {"values": [...], "errors": [...], "claims": [...], "callouts": [...]}  (see tests/cases/formulas.json)
import { readFileSync } from "node:fs";
import { compute, parse, renderFormula } from "../../templates/assets/calculations/formula.js";
import { formatNumber } from "../../templates/assets/calculations/numbers.js";
import { displayFor, inputText, judge } from "../../templates/assets/calculations/verdicts.js";

const cases = JSON.parse(readFileSync(0, "utf-8"));

const values = (cases.values || []).map((c) => {
  const result = compute(c.formula, c.inputs);
  return { result, shown: formatNumber(result, c.decimals, c.percent) };
});

const errors = (cases.errors || []).map((c) => {
  try { compute(c.formula, c.inputs); return { code: null }; }
  catch (e) { return { code: e.code === undefined ? String(e) : e.code, position: e.position }; }
});

const claims = (cases.claims || []).map((c) => {
  const display = displayFor(c.result, c.claim);
  return { verdict: judge(c.result, c.claim), display, shown: formatNumber(c.result, display.decimals, display.percent),
           inputText: inputText(c.result, c.input_text.display) };
});

// Built callouts (computations.json): recomputed from their inputs, judged (context has no claim and no
// verdict), and their formula line rendered.
const callouts = (cases.callouts || []).map((item) => {
  const env = Object.fromEntries(item.inputs.map((i) => [i.name, i.value]));
  const shown = Object.fromEntries(item.inputs.map((i) => [i.name, i.shown]));
  const result = compute(item.formula, env);
  return { id: item.id, result, verdict: item.claim ? judge(result, item.claim) : null,
           line: renderFormula(parse(item.formula), (name) => shown[name]) };
});

process.stdout.write(JSON.stringify({ values, errors, claims, callouts }));
