"""Evaluate an edition's computations and judge the author's claims.

The editor declares inputs, a formula and the author's claim; the verdict is computed here and
nowhere else. The build fails for the editor's mistakes (unknown or unused inputs, bad formulas,
cycles), never for the author's.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .anchors import locate
from .diagnostics import Diagnostic, SourceLocation, did_you_mean, error, warning
from .formula import FormulaError, Num, Var, evaluate, names_in, parse, render
from .markdown import render_block
from .model import Callout, CalloutInput
from .numbers import format_number, plain_number, round_half_away
from .records import Anchor, ClaimSource, Comparator, ComputationSource, Paragraph, StatedNumber, Verdict

VERDICT_WORDS = {Verdict.HOLDS: ("holds", "✓"), Verdict.APPROX: ("approximately holds", "≈"),
                 Verdict.FAILS: ("does not hold", "✗")}
_COMPARATOR_WORDS = {Comparator.EQUALS: "", Comparator.ABOUT: "about ", Comparator.MORE_THAN: "more than ",
                     Comparator.AT_LEAST: "at least ", Comparator.LESS_THAN: "less than ",
                     Comparator.AT_MOST: "at most "}
COMPARE_DECIMALS = 9  # differences are compared after rounding away float noise (0.2 - 0.19 != 0.01)


@dataclass(frozen=True)
class Display:
    """How a result is printed: as a percentage or a plain number, to so many decimals."""

    decimals: int
    percent: bool


def judge(result: float, claim: ClaimSource) -> Verdict:
    """Holds, approximately holds or does not hold; the same rules as glossa.js judge()."""
    reference = claim.low if claim.comparator is Comparator.BETWEEN else claim.value
    assert reference is not None
    tolerance = _tolerance(claim)
    if claim.comparator in (Comparator.EQUALS, Comparator.ABOUT):
        units = result * 100 if reference.percent else result
        if round_half_away(units, reference.decimals) == _units(reference):
            return Verdict.HOLDS
        return _within(abs(result - reference.value), tolerance)
    if claim.comparator is Comparator.BETWEEN:
        assert claim.low is not None and claim.high is not None
        if claim.low.value <= result <= claim.high.value:
            return Verdict.HOLDS
        return _within(max(claim.low.value - result, result - claim.high.value), tolerance)
    bound = reference.value
    holds = {Comparator.MORE_THAN: result > bound, Comparator.AT_LEAST: result >= bound,
             Comparator.LESS_THAN: result < bound, Comparator.AT_MOST: result <= bound}[claim.comparator]
    return Verdict.HOLDS if holds else _within(abs(result - bound), tolerance)


def _units(number: StatedNumber) -> float:
    return float(number.text.rstrip("%").replace(",", ""))


def _tolerance(claim: ClaimSource) -> float | None:
    """The tolerance as a plain number. On a plain-number claim a tolerance written with % is relative."""
    tol = claim.tolerance
    if tol is None:
        return None
    reference = claim.low if claim.comparator is Comparator.BETWEEN else claim.value
    if tol.percent and reference is not None and not reference.percent:
        return abs(reference.value) * tol.value
    return tol.value


def _within(distance: float, tolerance: float | None) -> Verdict:
    if tolerance is not None and round_half_away(distance, COMPARE_DECIMALS) <= round_half_away(tolerance, COMPARE_DECIMALS):
        return Verdict.APPROX
    return Verdict.FAILS


def display_for(result: float, claim: ClaimSource) -> Display:
    """Show the result to the claim's precision, with a decimal more (up to three) when rounding to that
    precision would print the bound itself while the verdict turns on the difference."""
    reference = claim.low if claim.comparator is Comparator.BETWEEN else claim.value
    assert reference is not None
    decimals = reference.decimals
    bounds = [n for n in (claim.value, claim.low, claim.high) if n is not None]
    for _ in range(3):
        shown = format_number(result, decimals, reference.percent)
        if not any(shown == format_number(b.value, decimals, reference.percent) and result != b.value for b in bounds):
            break
        decimals += 1
    return Display(decimals, reference.percent)


def input_text(value: float, display: Display) -> str:
    """A computed result shown as another calculation's input: to the result's own precision, with up to
    three more decimals while rounding would be off by more than 0.1% (18% × 200,000 must not print
    beside 36,291: the share is 18.15%). glossa.js inputText() follows the same rule."""
    decimals = display.decimals
    for _ in range(3):
        shown = format_number(value, decimals, display.percent)
        back = float(shown.rstrip("%").replace(",", "").replace("−", "-")) / (100 if display.percent else 1)
        if value == 0 or abs(back - value) <= abs(value) * 0.001:
            break
        decimals += 1
    return format_number(value, decimals, display.percent)


def claim_text(claim: ClaimSource) -> str:
    if claim.comparator is Comparator.BETWEEN:
        assert claim.low is not None and claim.high is not None
        return f"between {claim.low.text} and {claim.high.text}"
    assert claim.value is not None
    text = _COMPARATOR_WORDS[claim.comparator] + claim.value.text
    if claim.tolerance is not None:
        text += f" (± {claim.tolerance.text})"
    return text


def resolve_computations(sources: tuple[ComputationSource, ...], paragraphs: tuple[Paragraph, ...]
                         ) -> tuple[dict[str, Callout], list[Diagnostic]]:
    """Every computation evaluated in dependency order, as callouts by id; with the editor's errors."""
    problems: list[Diagnostic] = []
    by_id = {c.id: c for c in sources}
    order, found = _dependency_order(sources, by_id)
    problems += found
    results: dict[str, tuple[float, Display]] = {}
    callouts: dict[str, Callout] = {}
    for source in order:
        callout, found = _resolve_one(source, paragraphs, results)
        problems += found
        if callout is not None:
            callouts[source.id] = callout
            results[source.id] = (callout.result, display_for(callout.result, source.claim))
    return callouts, problems


def _dependency_order(sources, by_id) -> tuple[list[ComputationSource], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    for source in sources:
        for inp in source.inputs:
            if inp.computation and inp.computation not in by_id:
                problems.append(error("G147", f"Input '{inp.name}' takes the result of computation "
                                              f"'{inp.computation}', which does not exist.", inp.location,
                                      "Use the file name (without .yaml) of a computation of this edition."
                                      + did_you_mean(inp.computation, by_id)))
    order: list[ComputationSource] = []
    state: dict[str, str] = {}

    def visit(source: ComputationSource, trail: list[str]) -> None:
        if state.get(source.id) == "done":
            return
        if state.get(source.id) == "visiting":
            cycle = trail[trail.index(source.id):] + [source.id]
            problems.append(error("G146", "Computations depend on each other in a cycle: " + " → ".join(cycle) + ".",
                                  source.location, "Break the cycle: one of these must take a stated value."))
            return
        state[source.id] = "visiting"
        for inp in source.inputs:
            if inp.computation in by_id:
                visit(by_id[inp.computation], trail + [source.id])
        state[source.id] = "done"
        order.append(source)

    for source in sorted(sources, key=lambda s: s.id):
        visit(source, [])
    cyclic = {d.message for d in problems if d.code == "G146"}
    if cyclic:
        return [], problems
    return order, problems


def _resolve_one(source: ComputationSource, paragraphs, results) -> tuple[Callout | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    _, found = locate(source.anchor, paragraphs)
    problems += found
    problems += _check_claim(source.claim)
    inputs: list[CalloutInput] = []
    env: dict[str, float] = {}
    for inp in source.inputs:
        item, found = _resolve_input(inp, paragraphs, results)
        problems += found
        if item is not None:
            inputs.append(item)
            env[item.name] = item.value
    try:
        expr = parse(source.formula)
    except FormulaError as exc:
        return None, problems + [_formula_error(exc, source)]
    used = names_in(expr)
    declared = {i.name for i in source.inputs}
    for name in sorted(used - declared):
        problems.append(error("G141", f"The formula uses '{name}', which is not a declared input.",
                              source.formula_location, "Declare it under inputs:, or correct the name."
                              + did_you_mean(name, declared)))
    for inp in source.inputs:
        if inp.name not in used:
            problems.append(warning("G142", f"The input '{inp.name}' is declared but the formula does not use it.",
                                    inp.location, "Use it in the formula or remove it."))
    if any(d.severity.value == "error" for d in problems) or len(env) != len(source.inputs):
        return None, problems
    try:
        result = evaluate(expr, env)
    except FormulaError as exc:
        return None, problems + [_formula_error(exc, source)]
    display = display_for(result, source.claim)
    verdict = judge(result, source.claim)
    words, symbol = VERDICT_WORDS[verdict]
    shown_inputs = {i.name: i.shown for i in inputs}
    callout = Callout(
        id=source.id, number=0, title=source.title, paragraph=source.anchor.paragraph, quote=source.anchor.quote,
        inputs=tuple(inputs), formula=source.formula,
        formula_names=render(expr, lambda n: n, _literal),
        formula_numbers=render(expr, lambda n: shown_inputs[n], _literal),
        passes_on=expr.name if isinstance(expr, Var) and any(i.name == expr.name and i.origin == "computation"
                                                              for i in inputs) else "",
        result=result, result_text=plain_number(result),
        result_shown=format_number(result, display.decimals, display.percent),
        claim_says=source.claim.says, claim_shown=claim_text(source.claim), verdict=verdict,
        verdict_label=words, verdict_symbol=symbol, explanation=render_block(source.explanation),
        spec_json=_spec_json(source, inputs, display))
    return callout, problems


def _literal(num: Num) -> str:
    return num.text


def _resolve_input(inp, paragraphs, results) -> tuple[CalloutInput | None, list[Diagnostic]]:
    kinds = [k for k in ("paragraph", "source", "computation") if getattr(inp, k) is not None]
    if len(kinds) != 1 or (inp.computation is None) == (inp.value is None):
        return None, [error("G148", f"Input '{inp.name}' must say where its value comes from in exactly one way.",
                            inp.location, "Give either value + paragraph (stated in the text), value + source "
                                          "(an outside source), or computation (another computation's result).")]
    if inp.computation is not None:
        if inp.computation not in results:
            return None, []  # reported as G147 or as the other computation's own error
        value, display = results[inp.computation]
        return CalloutInput(inp.name, inp.label, value, plain_number(value),
                            input_text(value, display), display.decimals,
                            display.percent, "computation", None, None, None, inp.computation, inp.adjustable), []
    assert inp.value is not None
    problems: list[Diagnostic] = []
    if inp.paragraph is not None and inp.quote is not None:
        _, problems = locate(Anchor(inp.paragraph, inp.quote, inp.occurrence, inp.location), paragraphs)
    elif inp.paragraph is not None and not 1 <= inp.paragraph <= len(paragraphs):
        problems = [error("G132", f"Input '{inp.name}' cites paragraph {inp.paragraph}; this text has paragraphs "
                                  f"1 to {len(paragraphs)}.", inp.location, "Use the number shown in the margin.")]
    origin = "text" if inp.paragraph is not None else "source"
    value = inp.value
    return CalloutInput(inp.name, inp.label, value.value, plain_number(value.value), value.text, value.decimals,
                        value.percent, origin, inp.paragraph, inp.quote, inp.source, None, inp.adjustable), problems


def _check_claim(claim: ClaimSource) -> list[Diagnostic]:
    if claim.comparator is Comparator.BETWEEN:
        if claim.low is None or claim.high is None:
            return [error("G149", "A 'between' claim needs low and high.", claim.location,
                          'Add low: "…" and high: "…" under claim.')]
        if claim.low.value > claim.high.value:
            return [error("G149", "The claim's low is above its high.", claim.location, "Swap them.")]
        return []
    if claim.value is None:
        return [error("G149", f"A '{claim.comparator.value}' claim needs a value.", claim.location,
                      'Add value: "…" under claim: the author\'s figure.')]
    if claim.comparator is Comparator.ABOUT and claim.tolerance is None:
        return [error("G149", "An 'about' claim needs a tolerance.", claim.location,
                      'Add tolerance: "…": how far off the author\'s wording allows, e.g. "2%".')]
    if claim.value.percent and claim.tolerance is not None and not claim.tolerance.percent:
        return [error("G149", f"The claim is a percentage but its tolerance '{claim.tolerance.text}' is not.",
                      claim.location, f'Write the tolerance in percentage points, e.g. "{claim.tolerance.text}%".')]
    return []


def _formula_error(exc: FormulaError, source: ComputationSource) -> Diagnostic:
    loc = source.formula_location
    pointer = source.formula + "\n    " + " " * (len("formula: ") + exc.position) + "^"
    return error(exc.code, f"{exc.message}\n    formula: {pointer}", SourceLocation(loc.path, loc.line, None), exc.hint)


def _spec_json(source: ComputationSource, inputs: list[CalloutInput], display: Display) -> str:
    """What glossa.js needs to recompute and re-judge this callout; numbers as their exact decimal text."""
    claim = source.claim

    def number(n: StatedNumber | None):
        return None if n is None else {"text": n.text, "value": n.value, "decimals": n.decimals, "percent": n.percent}

    spec = {
        "id": source.id, "formula": source.formula,
        "inputs": [{"name": i.name, "value": i.value, "computation": i.computation, "adjustable": i.adjustable,
                    "decimals": i.decimals, "percent": i.percent} for i in inputs],
        "claim": {"comparator": claim.comparator.value, "value": number(claim.value), "low": number(claim.low),
                  "high": number(claim.high), "tolerance": number(claim.tolerance)},
        "display": {"decimals": display.decimals, "percent": display.percent},
    }
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
