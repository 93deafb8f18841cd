/* Writing a recomputed calculation into the page: its formula line, result and verdict, its chip in the
   text, and the cells of other calculations that show its result. */
import { renderFormula } from "./formula.js";
import { formatNumber } from "./numbers.js";
import { has } from "./graph.js";
import { UNCOMPUTABLE, VERDICTS, displayOf, inputText, judge } from "./verdicts.js";

// The row of the input `name` in a callout's table of inputs: the row whose heading's <code> is that name.
export function inputRow(box, name) {
  return Array.from(box.querySelectorAll("tbody tr")).find((row) => {
    const code = row.querySelector("th code");
    return code && code.textContent === name;
  }) || null;
}

// The chip in the text that calls this callout (null when there is none).
export function chipOf(spec) {
  return document.querySelector('p.body a[data-ed][href="#' + CSS.escape(spec.box.id) + '"]');
}

/* The chip's name is one hidden sentence: its name ("Calculation 1: "), its figure as drawn in the chip (.calcref-value,
   aria-hidden), then its words (", the author's figure " and the verdict, or ", the editor's working"). */
function chipLabel(chip) {
  return chip.querySelector(".visually-hidden");
}

/* Each chip's sentence taken apart once, from the page as built, so a new figure and verdict can be put in the same
   sentence: {name, words}, where words come before the verdict in a claim's chip and are the whole rest in context's. */
export function chipPrefixes(state) {
  const prefixes = {};
  state.order.forEach((id) => {
    const spec = state.specs[id], chip = chipOf(spec), label = chip && chipLabel(chip);
    const figure = chip && chip.querySelector(".calcref-value");
    if (!label || !figure) return;
    const text = label.textContent, shown = figure.textContent, cut = text.indexOf(": ") + 2;
    if (cut < 2 || text.slice(cut, cut + shown.length) !== shown) return;
    const rest = text.slice(cut + shown.length), built = VERDICTS[chip.dataset.verdict];
    if (!spec.claim) prefixes[id] = { name: text.slice(0, cut), words: rest };
    else if (built && rest.slice(-built[0].length) === built[0]) {
      prefixes[id] = { name: text.slice(0, cut), words: rest.slice(0, -built[0].length) };
    }
  });
  return prefixes;
}

function say(chip, chipWords, shown, verdict) {
  const hidden = chipLabel(chip);
  if (hidden && chipWords !== undefined) hidden.textContent = chipWords.name + shown + chipWords.words + verdict;
}

// How an input is printed in its callout's formula line: as typed by the reader, as stated, or as the
// other calculation's current result ("?" when that cannot be computed).
function shownInput(state, id, name, results) {
  const { specs, graph, overrides } = state;
  const input = specs[id].inputs.filter((i) => i.name === name)[0];
  const key = id + "." + name, display = { decimals: input.decimals, percent: input.percent };
  if (has(overrides, key)) return inputText(overrides[key], display);
  const up = graph.upstreamOf(id, input);
  if (up) {
    const other = results[up];
    return other.failed ? UNCOMPUTABLE.symbol : inputText(other.value, displayOf(specs[up], other.value));
  }
  return formatNumber(input.value, input.decimals, input.percent);
}

function showVerdict(box, chip, chipWords, result, display, verdict) {
  const shown = formatNumber(result, display.decimals, display.percent);
  const [label, symbol] = VERDICTS[verdict];
  box.dataset.verdict = verdict;
  box.querySelector(".calc-result").textContent = shown;
  box.querySelector(".verdict-symbol").textContent = symbol;
  box.querySelector(".verdict-label").textContent = label.charAt(0).toUpperCase() + label.slice(1);
  if (!chip) return;
  chip.dataset.verdict = verdict;
  chip.querySelector(".calc-symbol").textContent = symbol;
  chip.querySelector(".calcref-value").textContent = shown;
  say(chip, chipWords, shown, label);
}

// Context has no verdict: only its result changes (the shown text says when it cannot be computed).
function showWorking(box, chip, chipWords, shown) {
  box.querySelector(".calc-result").textContent = shown;
  if (!chip) return;
  chip.querySelector(".calcref-value").textContent = shown;
  say(chip, chipWords, shown, "");
}

/* The per-witness results and the "inherited" mark describe the inputs as built: while the reader has
   changed any input they no longer apply, so they are hidden until every input is reset. */
function showBuiltOnlyParts(state, box) {
  const changed = Object.keys(state.overrides).length > 0;
  box.querySelectorAll(".calc-witnesses, .calc-inherited").forEach((el) => { el.hidden = changed; });
}

function showUncomputable(box, chip, chipWords) {
  box.dataset.verdict = "none";
  box.querySelector(".calc-result").textContent = UNCOMPUTABLE.result;
  box.querySelector(".verdict-symbol").textContent = UNCOMPUTABLE.symbol;
  box.querySelector(".verdict-label").textContent = UNCOMPUTABLE.label;
  if (!chip) return;
  chip.dataset.verdict = "none";
  chip.querySelector(".calc-symbol").textContent = UNCOMPUTABLE.symbol;
  chip.querySelector(".calcref-value").textContent = UNCOMPUTABLE.result;
  if (chipWords !== undefined) say(chip, { name: chipWords.name, words: " with these inputs" }, UNCOMPUTABLE.result, "");
}

// One calculation as the new results have it.
export function renderCallout(state, id, results, prefixes) {
  const spec = state.specs[id], box = spec.box, outcome = results[id], chip = chipOf(spec);
  const chipWords = has(prefixes, id) ? prefixes[id] : undefined;
  const line = box.querySelector(".calc-formula");  // absent when the callout passes on another's result
  if (line) line.textContent = renderFormula(spec.tree, (name) => shownInput(state, id, name, results));
  let cellText;
  showBuiltOnlyParts(state, box);
  if (outcome.failed) {
    if (spec.claim) showUncomputable(box, chip, chipWords);
    else showWorking(box, chip, chipWords, UNCOMPUTABLE.result);
    cellText = UNCOMPUTABLE.result;
  } else {
    const result = outcome.value, display = displayOf(spec, result);
    if (spec.claim) showVerdict(box, chip, chipWords, result, display, judge(result, spec.claim));
    else showWorking(box, chip, chipWords, formatNumber(result, display.decimals, display.percent));
    cellText = inputText(result, display);
  }
  // Inputs of other callouts that show this result (unless the reader is typing in one).
  state.graph.consumers[id].forEach((use) => {
    const row = inputRow(state.specs[use.id].box, use.name), cell = row && row.querySelector("td");
    if (cell && !cell.querySelector("input")) cell.textContent = cellText;
  });
}
