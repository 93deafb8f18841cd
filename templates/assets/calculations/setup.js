/* Calculations the reader can change: read each callout's spec from the page, work out the dependencies,
   and on every change recompute once and rewrite the calculations it affects. */
import { parse } from "./formula.js";
import { dependencyGraph } from "./graph.js";
import { computeAll } from "./recompute.js";
import { chipPrefixes, renderCallout } from "./callout-render.js";
import { makeInputsAdjustable } from "./inputs.js";

// id -> spec with its parsed formula and its box; a callout whose spec cannot be read stays as built.
function readSpecs(root) {
  const specs = {}, order = [];
  root.querySelectorAll(".callout[data-spec]").forEach((box) => {
    let spec;
    try {
      spec = JSON.parse(box.dataset.spec);
      spec.tree = parse(spec.formula);
    } catch (e) {
      return;  // this callout stays as built, not interactive; the others are still enhanced
    }
    spec.box = box;
    specs[spec.id] = spec; order.push(spec.id);
  });
  return { specs, order };
}

export function setUpCalculations(root, stats) {
  const { specs, order } = readSpecs(root);
  if (!order.length) return;
  const state = { specs, order, graph: dependencyGraph(specs, order), overrides: {}, stats };
  const prefixes = chipPrefixes(state);
  makeInputsAdjustable(state, (changedId) => {
    const results = computeAll(state), affected = state.graph.dependents[changedId] || {};
    order.forEach((id) => { if (affected[id]) renderCallout(state, id, results, prefixes); });
  });
}
