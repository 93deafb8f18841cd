/* Every result once per change, in dependency order: the reader's overrides, else the result the input
   takes from another calculation, else its stated value. */
import { evaluate } from "./formula.js";
import { has } from "./graph.js";

/* state: {specs, graph, overrides (id.name -> value), stats (a counter of evaluations, for the tests)}.
   Returns id -> {value} or {failed: true}; a callout whose upstream failed fails without evaluating. */
export function computeAll(state) {
  const { specs, graph, overrides, stats } = state;
  const results = {};
  graph.sorted.forEach((id) => {
    const spec = specs[id], env = {};
    let failed = false;
    spec.inputs.forEach((input) => {
      const key = id + "." + input.name, up = graph.upstreamOf(id, input);
      if (has(overrides, key)) env[input.name] = overrides[key];
      else if (up) {
        if (results[up].failed) failed = true;
        else env[input.name] = results[up].value;
      } else env[input.name] = input.value;
    });
    if (failed) { results[id] = { failed: true }; return; }
    stats.evaluations += 1;
    try { results[id] = { value: evaluate(spec.tree, env) }; } catch (e) { results[id] = { failed: true }; }
  });
  return results;
}
