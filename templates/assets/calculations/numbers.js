/* Numbers as glossa/numbers.py computes and prints them: IEEE doubles, rounding half away from zero
   (JavaScript's Math.round(-2.5) is -2; Python's round(2.5) is 2: neither is used), thousands grouped
   with commas, a true minus sign. No DOM here: Node runs this file against tests/cases/formulas.json. */

// -0 becomes 0, so "−0" is never printed.
export function normalise(x) { return x + 0; }

export function roundHalfAway(x, decimals) {
  const scale = Math.pow(10, decimals);
  const r = Math.floor(Math.abs(x) * scale + 0.5) / scale;
  return normalise(x < 0 ? -r : r);
}

function groupThousands(digits) {
  const groups = [];
  while (digits.length > 3) { groups.unshift(digits.slice(-3)); digits = digits.slice(0, -3); }
  groups.unshift(digits);
  return groups.join(",");
}

export function formatNumber(x, decimals, percent) {
  const shown = percent ? x * 100 : x;
  const rounded = roundHalfAway(shown, decimals);
  const parts = Math.abs(rounded).toFixed(decimals).split(".");
  const sign = rounded < 0 ? "\u2212" : "";
  return sign + groupThousands(parts[0]) + (parts[1] ? "." + parts[1] : "") + (percent ? "%" : "");
}
