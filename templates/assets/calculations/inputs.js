/* The reader's controls: a number field, and a reset button, for every input the editor marked adjustable. */
import { roundHalfAway } from "./numbers.js";
import { inputRow } from "./callout-render.js";

function fieldValue(input) {
  return String(roundHalfAway(input.percent ? input.value * 100 : input.value, 10));
}

/* Replaces each adjustable input's printed value with a field; a change is written to state.overrides and
   reported with changed(id of the calculation). Inputs taken from another calculation are not adjustable. */
export function makeInputsAdjustable(state, changed) {
  state.order.forEach((id) => {
    const spec = state.specs[id], box = spec.box;
    spec.inputs.forEach((input) => {
      if (!input.adjustable || input.computation) return;
      const row = inputRow(box, input.name);
      const cell = row && row.querySelector("td");
      if (!cell) return;
      const key = id + "." + input.name;
      const field = document.createElement("input");
      field.type = "number"; field.step = "any"; field.inputMode = "decimal";
      field.value = fieldValue(input);
      field.setAttribute("aria-label", row.querySelector("th").textContent.trim() + (input.percent ? " (percent)" : ""));
      const original = cell.textContent;
      cell.textContent = "";
      cell.appendChild(field);
      if (input.percent) cell.appendChild(document.createTextNode(" %"));
      const reset = document.createElement("button");
      reset.type = "button"; reset.className = "calc-reset"; reset.textContent = "Reset to " + original;
      reset.addEventListener("click", () => {
        delete state.overrides[key];
        field.value = fieldValue(input);
        changed(id);
      });
      cell.appendChild(document.createElement("br"));
      cell.appendChild(reset);
      field.addEventListener("input", () => {
        const v = parseFloat(field.value);
        if (!isFinite(v)) return;
        state.overrides[key] = input.percent ? v / 100 : v;
        changed(id);
      });
    });
  });
}
