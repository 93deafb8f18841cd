/* Which calculation takes which one's result: the order to compute them in, and who depends on whom. */

export function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

/* specs: id -> spec (its inputs name the calculations they take results from); order: ids in page order.
   Returns the ids in dependency order (every callout after the callouts whose results it takes), the
   callout each input takes its value from (upstreamOf), every callout affected by a change to each one
   (dependents, itself included) and the inputs elsewhere that show each one's result (consumers).
   The build refuses cycles; should one reach the page all the same, the input that closes it keeps its
   stated value. */
export function dependencyGraph(specs, order) {
  const sorted = [], state = {}, cyclic = {};
  function visit(id) {
    state[id] = "visiting";
    specs[id].inputs.forEach((input) => {
      const up = input.computation;
      if (!up || !has(specs, up)) return;
      if (state[up] === "visiting") cyclic[id + "." + input.name] = true;
      else if (!state[up]) visit(up);
    });
    state[id] = "done";
    sorted.push(id);
  }
  order.forEach((id) => { if (!state[id]) visit(id); });

  function upstreamOf(id, input) {
    return input.computation && has(specs, input.computation) && !has(cyclic, id + "." + input.name)
      ? input.computation : null;
  }

  const upstream = {}, dependents = {}, consumers = {};
  sorted.forEach((id) => {
    const closure = {};
    closure[id] = true;
    dependents[id] = {}; consumers[id] = consumers[id] || [];
    specs[id].inputs.forEach((input) => {
      const up = upstreamOf(id, input);
      if (!up) return;
      Object.keys(upstream[up]).forEach((u) => { closure[u] = true; });
      (consumers[up] = consumers[up] || []).push({ id, name: input.name });
    });
    upstream[id] = closure;
  });
  sorted.forEach((id) => { Object.keys(upstream[id]).forEach((u) => { dependents[u][id] = true; }); });
  return { sorted, upstreamOf, dependents, consumers };
}
