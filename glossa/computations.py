"""Evaluate an edition's computations, in dependency order, into callouts.

The editor declares inputs, a formula and the author's claim; the verdict is computed (verdicts.py)
and never written by hand. The build fails for the editor's mistakes (unknown or unused inputs, bad
formulas, cycles), never for the author's.
"""
from __future__ import annotations

import graphlib
from collections.abc import Mapping
from dataclasses import dataclass

from . import verdicts
from .codes import Code
from .anchors import locate
from .diagnostics import Diagnostic, Excerpt, SourceLocation, did_you_mean, error, has_errors, warning
from .formula import FormulaError, Num, Var, evaluate, names_in, parse, render
from .model import Callout, CalloutInput, InputOrigin, Prose
from .numbers import format_number, plain_number
from .records import Anchor, ClaimSource, Comparator, ComputationSource, InputSource, Paragraph, StatedNumber


@dataclass(frozen=True)
class EditionContext:
    """What an edition's computations are resolved against."""

    paragraphs: tuple[Paragraph, ...]
    numbers: dict[str, int]        # computation id -> its callout number in reading order
    titles: dict[str, str]         # computation id -> title
    explanations: Mapping[str, Prose]  # computation id -> its explanation, parsed and with its links resolved
    unreadable: frozenset[str]     # ids of computation files that could not be read (already reported)


def resolve_computations(sources: tuple[ComputationSource, ...], context: EditionContext
                         ) -> tuple[dict[str, Callout], list[Diagnostic]]:
    """Every computation evaluated after those it depends on, as callouts by id; with the editor's errors."""
    order, problems = _dependency_order(sources, context.unreadable)
    results: dict[str, tuple[float, verdicts.Display]] = {}
    callouts: dict[str, Callout] = {}
    for source in order:
        callout, found = _resolve_one(source, context, results)
        problems += found
        if callout is not None:
            results[source.id] = (callout.result, verdicts.display_for(callout.result, source.claim))
            # A computation whose quote was not found has no place in the text (G130 says so already): its
            # result still feeds its dependants, so that their own errors are reported too, but it has no callout.
            if source.id in context.numbers:
                callouts[source.id] = callout
    return callouts, problems


def _dependency_order(sources, unreadable: frozenset[str]) -> tuple[list[ComputationSource], list[Diagnostic]]:
    by_id = {c.id: c for c in sources}
    problems: list[Diagnostic] = []
    graph = graphlib.TopologicalSorter()
    for source in sorted(sources, key=lambda s: s.id):
        graph.add(source.id)
        for inp in source.inputs:
            if inp.computation in by_id:
                graph.add(source.id, inp.computation)
            elif inp.computation and inp.computation not in unreadable:
                problems.append(error(Code.UNKNOWN_COMPUTATION, f"Input '{inp.name}' takes the result of computation "
                                              f"'{inp.computation}', which does not exist.", inp.location,
                                      "Use the file name (without .yaml) of a computation of this edition."
                                      + did_you_mean(inp.computation, by_id)))
    try:
        return [by_id[i] for i in graph.static_order()], problems
    except graphlib.CycleError as exc:
        cycle = exc.args[1]
        first = by_id[cycle[0]]
        problems.append(error(Code.COMPUTATION_CYCLE, "Computations depend on each other in a cycle: " + " → ".join(cycle) + ".",
                              first.location, "Break the cycle: one of these must take a stated value."))
        return [], problems


def _resolve_one(source: ComputationSource, context: EditionContext, results) -> tuple[Callout | None, list]:
    problems = check_claim(source.claim)
    inputs: list[CalloutInput] = []
    for inp in source.inputs:
        item, found = _resolve_input(inp, context, results)
        problems += found
        if item is not None:
            inputs.append(item)
    try:
        expr = parse(source.formula)
    except FormulaError as exc:
        return None, problems + [_formula_error(exc, source)]
    problems += _check_names(source, names_in(expr))
    if has_errors(problems) or len(inputs) != len(source.inputs):
        return None, problems
    try:
        result = evaluate(expr, {i.name: i.value for i in inputs})
    except FormulaError as exc:
        return None, problems + [_formula_error(exc, source)]
    return _callout(source, context, inputs, expr, result), problems


def _check_names(source: ComputationSource, used: set[str]) -> list[Diagnostic]:
    declared = {i.name for i in source.inputs}
    problems = [error(Code.UNDECLARED_INPUT, f"The formula uses '{name}', which is not a declared input.", source.formula_location,
                      "Declare it under inputs:, or correct the name." + did_you_mean(name, declared))
                for name in sorted(used - declared)]
    problems += [warning(Code.UNUSED_INPUT, f"The input '{inp.name}' is declared but the formula does not use it.",
                         inp.location, "Use it in the formula or remove it.")
                 for inp in source.inputs if inp.name not in used]
    return problems


def _callout(source: ComputationSource, context: EditionContext, inputs: list[CalloutInput], expr,
             result: float) -> Callout:
    display = verdicts.display_for(result, source.claim)
    verdict = verdicts.judge(result, source.claim)
    words, symbol = verdicts.VERDICT_WORDS[verdict]
    shown = {i.name: i.shown for i in inputs}
    passed_on = next((i for i in inputs if isinstance(expr, Var) and i.name == expr.name
                      and i.origin is InputOrigin.COMPUTATION), None)
    claim = source.claim
    return Callout(
        id=source.id, number=context.numbers.get(source.id, 0), title=source.title, paragraph=source.anchor.paragraph,
        quote=source.anchor.quote, inputs=tuple(inputs), formula=source.formula,
        formula_names=render(expr, lambda n: n, _literal),
        formula_numbers=render(expr, lambda n: shown[n], _literal), passed_on=passed_on,
        result=result, result_text=plain_number(result),
        result_shown=format_number(result, display.decimals, display.percent),
        claim_quoted=claim.says or verdicts.claim_text(claim),
        claim_checked_as=verdicts.claim_text(claim) if claim.says else "",
        verdict=verdict, verdict_label=words, verdict_symbol=symbol,
        explanation=context.explanations[source.id],
        spec=_spec(source, inputs, display))


def _literal(num: Num) -> str:
    return num.text


def _resolve_input(inp: InputSource, context: EditionContext, results) -> tuple[CalloutInput | None, list]:
    origins = [k for k in ("paragraph", "source", "computation") if getattr(inp, k) is not None]
    if len(origins) != 1 or (inp.computation is None) == (inp.value is None):
        return None, [error(Code.INPUT_ORIGIN, f"Input '{inp.name}' must say where its value comes from in exactly one way.",
                            inp.location, "Give either value + paragraph (stated in the text), value + source "
                                          "(an outside source), or computation (another computation's result).")]
    if inp.computation is not None:
        if inp.computation not in results:
            return None, []  # reported as G147, or as the other computation's own error
        value, display = results[inp.computation]
        return CalloutInput(inp.name, inp.label, value, plain_number(value), verdicts.input_text(value, display),
                            display.decimals, display.percent, InputOrigin.COMPUTATION, None, None, None,
                            inp.computation, context.numbers.get(inp.computation, 0),
                            context.titles.get(inp.computation, ""), inp.adjustable), []
    assert inp.value is not None
    problems: list[Diagnostic] = []
    if inp.paragraph is not None and inp.quote is not None:
        _, problems = locate(Anchor(inp.paragraph, inp.quote, inp.occurrence, inp.location), context.paragraphs)
    elif inp.paragraph is not None and not 1 <= inp.paragraph <= len(context.paragraphs):
        problems = [error(Code.NO_SUCH_PARAGRAPH, f"Input '{inp.name}' cites paragraph {inp.paragraph}; this text has paragraphs "
                                  f"1 to {len(context.paragraphs)}.", inp.location, "Use the number shown in the margin.")]
    origin = InputOrigin.TEXT if inp.paragraph is not None else InputOrigin.SOURCE
    value = inp.value
    return CalloutInput(inp.name, inp.label, value.value, plain_number(value.value), value.text, value.decimals,
                        value.percent, origin, inp.paragraph, inp.quote, inp.source, None, 0, "",
                        inp.adjustable), problems


def check_claim(claim: ClaimSource) -> list[Diagnostic]:
    """A claim must give exactly what its comparator needs, in consistent units."""
    def fail(message: str, hint: str) -> list[Diagnostic]:
        return [error(Code.CLAIM_MISFIT, message, claim.location, hint)]

    between = claim.comparator is Comparator.BETWEEN
    if between and (claim.low is None or claim.high is None):
        return fail("A 'between' claim needs low and high.", 'Add low: "…" and high: "…" under claim.')
    if between and claim.value is not None:
        return fail("A 'between' claim takes low and high, not value.", "Remove value:, or change the comparator.")
    if not between and claim.value is None:
        return fail(f"A '{claim.comparator.value}' claim needs a value.",
                    'Add value: "…" under claim: the author\'s figure.')
    if not between and (claim.low is not None or claim.high is not None):
        return fail(f"A '{claim.comparator.value}' claim takes value, not low and high.",
                    "Remove low: and high:, or use comparator: between.")
    if between and claim.low.percent != claim.high.percent:
        return fail("The claim's low and high are in different units (one a percentage, one not).",
                    "Write both as percentages or both as plain numbers.")
    if between and claim.low.value > claim.high.value:
        return fail("The claim's low is above its high.", "Swap them.")
    if claim.comparator is Comparator.ABOUT and claim.tolerance is None:
        return fail("An 'about' claim needs a tolerance.",
                    'Add tolerance: "…": how far off the author\'s wording allows, e.g. "2%".')
    reference = claim.low if between else claim.value
    tolerance = claim.tolerance
    if tolerance is not None and tolerance.value < 0:
        return fail("The tolerance is negative.", "Write how far off still counts, as a positive number.")
    if tolerance is not None and reference.percent and not tolerance.percent:
        return fail(f"The claim is a percentage but its tolerance '{tolerance.text}' is not.",
                    f'Write the tolerance in percentage points, e.g. "{tolerance.text}%".')
    return []


def _formula_error(exc: FormulaError, source: ComputationSource) -> Diagnostic:
    loc = source.formula_location
    return error(exc.code, exc.message, SourceLocation(loc.path, loc.line, None), exc.hint,
                 Excerpt(label="formula", text=source.formula, column=exc.position))


def _spec(source: ComputationSource, inputs: list[CalloutInput], display: verdicts.Display) -> dict:
    """What the browser script needs to recompute and re-judge this callout (also the basis of computations.json)."""
    claim = source.claim

    def number(n: StatedNumber | None):
        return None if n is None else {"text": n.text, "value": n.value, "decimals": n.decimals, "percent": n.percent}

    return {
        "id": source.id, "formula": source.formula,
        "inputs": [{"name": i.name, "value": i.value, "computation": i.computation, "adjustable": i.adjustable,
                    "decimals": i.decimals, "percent": i.percent} for i in inputs],
        "claim": {"comparator": claim.comparator.value, "value": number(claim.value), "low": number(claim.low),
                  "high": number(claim.high), "tolerance": number(claim.tolerance)},
        "display": {"decimals": display.decimals, "percent": display.percent},
    }


