/* Calculations the reader can change: fetch what each callout needs (inputs, formula, claim) from the edition's
   calculations data, work out the dependencies, and on every change recompute once and rewrite the calculations
   it affects. The page does not carry that data itself: most readers never change an input. */
import { parse } from "./formula.js";
import { dependencyGraph } from "./graph.js";
import { computeAll } from "./recompute.js";
import { chipPrefixes, renderCallout } from "./callout-render.js";
import { makeInputsAdjustable } from "./inputs.js";

// id -> spec with its parsed formula and its box, in page order; a callout whose spec is missing or cannot be
// read stays as built.
function readSpecs(root, data) {
  const items = {}, specs = {}, order = [];
  data.computations.forEach((item) => { items[item.anchor] = item; });
  root.querySelectorAll(".callout[id]").forEach((box) => {
    const item = items[box.id];
    if (!item) return;
    let tree;
    try {
      tree = parse(item.formula);
    } catch (e) {
      return;  // this callout stays as built, not interactive; the others are still enhanced
    }
    specs[item.id] = { ...item, tree, box }; order.push(item.id);
  });
  return { specs, order };
}

// The calculations data the page links to (a[data-computations]), or null when it cannot be had: then every
// callout stays as built.
function fetchData(root) {
  const link = root.querySelector("a[data-computations]");
  if (!link) return Promise.resolve(null);
  return fetch(link.href).then((response) => (response.ok ? response.json() : null)).catch(() => null);
}

export async function setUpCalculations(root, stats) {
  const data = await fetchData(root);
  if (!data) return;
  const { specs, order } = readSpecs(root, data);
  if (!order.length) return;
  const state = { specs, order, graph: dependencyGraph(specs, order), overrides: {}, stats };
  const prefixes = chipPrefixes(state);
  makeInputsAdjustable(state, (changedId) => {
    const results = computeAll(state), affected = state.graph.dependents[changedId] || {};
    order.forEach((id) => { if (affected[id]) renderCallout(state, id, results, prefixes); });
  });
}
