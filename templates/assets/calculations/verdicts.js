/* Judging the author's claims and choosing how results are printed: the twin of glossa/resolve/verdicts.py
   (judge, display_for, input_text), run against the same claims table. No DOM here. */
import { formatNumber, roundHalfAway } from "./numbers.js";

const COMPARE_DECIMALS = 9;    // differences are compared after rounding away float noise
const INPUT_PRECISION = 0.0005; // a computed input is printed to within 0.05% of its value
const DISPLAY_PRECISION = 0.005; // a result whose claim fails is printed to within 0.5% of itself

// The words and symbol of each verdict, as the build prints them.
export const VERDICTS = { holds: ["holds", "\u2713"], approx: ["approximately holds", "\u2248"], fails: ["does not hold", "\u2717"] };

// A recomputation that fails (a divisor the reader set to 0, a result beyond 10^15) shows a neutral state.
export const UNCOMPUTABLE = { result: "cannot be computed", symbol: "?", label: "Cannot be computed with these inputs" };

function units(number) { return parseFloat(number.text.replace(/%$/, "").replace(/,/g, "")); }

function referenceOf(claim) { return claim.comparator === "between" ? claim.low : claim.value; }

function toleranceOf(claim) {
  const tol = claim.tolerance;
  if (!tol) return null;
  const ref = referenceOf(claim);
  if (tol.percent && ref && !ref.percent) return Math.abs(ref.value) * tol.value;
  return tol.value;
}

function within(distance, tolerance) {
  if (tolerance !== null && roundHalfAway(distance, COMPARE_DECIMALS) <= roundHalfAway(tolerance, COMPARE_DECIMALS)) return "approx";
  return "fails";
}

export function judge(result, claim) {
  const ref = referenceOf(claim);
  const tol = toleranceOf(claim);
  if (claim.comparator === "equals" || claim.comparator === "about") {
    const u = ref.percent ? result * 100 : result;
    if (roundHalfAway(u, ref.decimals) === units(ref)) return "holds";
    return within(Math.abs(result - ref.value), tol);
  }
  if (claim.comparator === "between") {
    if (claim.low.value <= result && result <= claim.high.value) return "holds";
    return within(Math.max(claim.low.value - result, result - claim.high.value), tol);
  }
  const b = ref.value;
  const holds = {
    "more-than": result > b, "at-least": result >= b, "less-than": result < b, "at-most": result <= b
  }[claim.comparator];
  return holds ? "holds" : within(Math.abs(result - b), tol);
}

function shownError(value, decimals, percent) {
  const shown = formatNumber(value, decimals, percent);
  const back = parseFloat(shown.replace(/%$/, "").replace(/,/g, "").replace("\u2212", "-")) / (percent ? 100 : 1);
  return value === 0 ? 0 : Math.abs(back - value) / Math.abs(value);
}

export function displayFor(result, claim) {
  const ref = referenceOf(claim);
  let decimals = ref.decimals;
  if (claim.comparator === "equals" || claim.comparator === "about") {
    if (judge(result, claim) !== "holds") {
      for (let k = 0; k < 3 && shownError(result, decimals, ref.percent) > DISPLAY_PRECISION; k++) decimals += 1;
    }
    return { decimals, percent: ref.percent };
  }
  const bounds = [claim.value, claim.low, claim.high].filter((b) => b);
  for (let k = 0; k < 3; k++) {
    const shown = formatNumber(result, decimals, ref.percent);
    const clash = bounds.some((b) => shown === formatNumber(b.value, decimals, ref.percent) && result !== b.value);
    if (!clash) break;
    decimals += 1;
  }
  return { decimals, percent: ref.percent };
}

// How a calculation's result is printed: a claim at its figure's precision, context as its spec says.
export function displayOf(spec, value) {
  return spec.claim ? displayFor(value, spec.claim) : spec.display;
}

// A computed result shown as another calculation's input (glossa/resolve/verdicts.py input_text).
export function inputText(value, display) {
  let decimals = display.decimals;
  for (let k = 0; k < 3; k++) {
    const shown = formatNumber(value, decimals, display.percent);
    const back = parseFloat(shown.replace(/%$/, "").replace(/,/g, "").replace("\u2212", "-")) / (display.percent ? 100 : 1);
    if (value === 0 || Math.abs(back - value) <= Math.abs(value) * INPUT_PRECISION) break;
    decimals += 1;
  }
  return formatNumber(value, decimals, display.percent);
}
