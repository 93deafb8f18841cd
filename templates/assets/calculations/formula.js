/* The formula language, the twin of glossa/resolve/formula.py: the same tokens, grammar, bounds, error codes and
   positions, and the same rendering with numbers in place. Hand-written: no eval, no new Function.
   tests/cases/formulas.json is run against both (tests/test_formula.py, tests/test_formula_node.py and
   tests/browser/test_formula_cases.py). No DOM here, so Node can import this file as it is. */
import { normalise, roundHalfAway } from "./numbers.js";

const MAX_LENGTH = 500, MAX_DEPTH = 32, MAX_MAGNITUDE = 1e15;
const FUNCTIONS = ["round", "min", "max", "sum", "mean"];

export class FormulaError extends Error {
  constructor(code, message, position) {
    super(message);
    this.code = code; this.position = position;
  }
}

// Between tokens only space, tab, CR and LF, exactly as glossa/resolve/formula.py: not \s or trim(), whose
// notions of white space differ between the languages (\u00a0, \ufeff, \x1f, \x85...).
const SPACE = /[ \t\r\n]*/y;
const ONLY_SPACE = /^[ \t\r\n]*$/;

function tokenize(formula) {
  const re = /[ \t\r\n]*(?:([0-9]+(?:\.[0-9]+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*\/%(),]))/y;
  const tokens = [];
  let pos = 0;
  while (pos < formula.length) {
    if (ONLY_SPACE.test(formula.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(formula);
    if (!m) {
      SPACE.lastIndex = pos;
      SPACE.exec(formula);
      throw new FormulaError("G140", "unexpected character", SPACE.lastIndex);
    }
    const start = m.index + m[0].length - (m[1] || m[2] || m[3]).length;
    if (m[1] !== undefined) {
      if (m[1].length > 20) throw new FormulaError("G145", "number too long", start);
      tokens.push({ kind: "number", text: m[1], pos: start });
    } else if (m[2] !== undefined) tokens.push({ kind: "name", text: m[2], pos: start });
    else tokens.push({ kind: "op", text: m[3], pos: start });
    pos = re.lastIndex;
  }
  tokens.push({ kind: "end", text: "", pos: formula.length });
  return tokens;
}

export function parse(formula) {
  if (formula.length > MAX_LENGTH) throw new FormulaError("G145", "formula too long", 0);
  const tokens = tokenize(formula);
  let i = 0;
  const tok = () => tokens[i];
  const isOp = (text) => tok().kind === "op" && tok().text === text;
  const fail = (message) => new FormulaError("G140", message, tok().pos);
  const checkDepth = (depth) => { if (depth > MAX_DEPTH) throw new FormulaError("G145", "too deep", tok().pos); };

  function expr(depth) {
    checkDepth(depth);
    let left = term(depth);
    while (isOp("+") || isOp("-")) { const op = tokens[i++]; left = { type: "bin", op: op.text, left, right: term(depth) }; }
    return left;
  }
  function term(depth) {
    let left = unary(depth);
    while (isOp("*") || isOp("/")) { const op = tokens[i++]; left = { type: "bin", op: op.text, left, right: unary(depth) }; }
    return left;
  }
  function unary(depth) {
    if (isOp("-")) { i++; checkDepth(depth + 1); return { type: "neg", operand: unary(depth + 1) }; }
    const operand = primary(depth);
    if (isOp("%")) { i++; return { type: "percent", operand }; }
    return operand;
  }
  function primary(depth) {
    const t = tok();
    if (t.kind === "number") {
      i++;
      const value = parseFloat(t.text);
      if (value > MAX_MAGNITUDE) throw new FormulaError("G144", "number too large", t.pos);
      return { type: "num", value, text: t.text };
    }
    if (t.kind === "name") {
      i++;
      if (isOp("(")) return call(t, depth);
      return { type: "var", name: t.text, pos: t.pos };
    }
    if (isOp("(")) {
      i++;
      const inner = expr(depth + 1);
      if (!isOp(")")) throw fail("unclosed (");
      i++;
      return inner;
    }
    throw fail("unexpected " + (t.kind === "end" ? "end" : t.text));
  }
  function call(name, depth) {
    if (FUNCTIONS.indexOf(name.text) < 0) throw new FormulaError("G140", "unknown function", name.pos);
    i++;
    const args = [expr(depth + 1)];
    while (isOp(",")) { i++; args.push(expr(depth + 1)); }
    if (!isOp(")")) throw fail("unclosed call");
    i++;
    if (name.text === "round" && args.length !== 2) throw new FormulaError("G140", "round takes two arguments", name.pos);
    return { type: "call", fn: name.text, args };
  }

  const tree = expr(0);
  if (tok().kind !== "end") throw fail("unexpected " + tok().text);
  return tree;
}

function bounded(value) {
  if (!isFinite(value)) throw new FormulaError("G144", "not finite", 0);
  if (Math.abs(value) > MAX_MAGNITUDE) throw new FormulaError("G144", "exceeds 10^15", 0);
  return value;
}

export function evaluate(node, env) {
  switch (node.type) {
    case "num": return node.value;
    case "var":
      if (!Object.prototype.hasOwnProperty.call(env, node.name)) throw new FormulaError("G141", "unknown input " + node.name, node.pos);
      return bounded(env[node.name]);
    case "neg": return normalise(-evaluate(node.operand, env));
    case "percent": return bounded(evaluate(node.operand, env) / 100);
    case "bin": {
      const l = evaluate(node.left, env), r = evaluate(node.right, env);
      if (node.op === "/" && r === 0) throw new FormulaError("G143", "division by zero", 0);
      const v = node.op === "+" ? l + r : node.op === "-" ? l - r : node.op === "*" ? l * r : l / r;
      return bounded(normalise(v));
    }
    case "call": {
      const args = node.args.map((a) => evaluate(a, env));
      if (node.fn === "round") {
        if (args[1] !== Math.floor(args[1]) || args[1] < 0 || args[1] > 10) throw new FormulaError("G140", "bad round", 0);
        return roundHalfAway(args[0], args[1]);
      }
      if (node.fn === "min") return Math.min.apply(null, args);
      if (node.fn === "max") return Math.max.apply(null, args);
      let total = 0;
      for (let k = 0; k < args.length; k++) total += args[k];  // left to right, as Python's loop
      total = bounded(total);
      return normalise(node.fn === "sum" ? total : total / args.length);
    }
  }
  throw new FormulaError("G140", "bad node", 0);
}

export function compute(formula, env) { return evaluate(parse(formula), env); }

// The formula with each input shown by showVar and minimal brackets (glossa/resolve/formula.py render).
const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 };
const SYMBOLS = { "+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7" };

export function renderFormula(node, showVar, parent = 0, rightSide = false) {
  switch (node.type) {
    case "num": return node.text;
    case "var": return showVar(node.name);
    case "neg": return "\u2212" + renderFormula(node.operand, showVar, 3);
    case "percent": return renderFormula(node.operand, showVar, 4) + "%";
    case "call": return node.fn + "(" + node.args.map((a) => renderFormula(a, showVar)).join(", ") + ")";
  }
  const mine = PRECEDENCE[node.op];
  const text = renderFormula(node.left, showVar, mine) + " " + SYMBOLS[node.op] + " " + renderFormula(node.right, showVar, mine, true);
  return (mine < parent || (mine === parent && rightSide)) ? "(" + text + ")" : text;
}
