"""Evaluate an edition's computations, in dependency order, into callouts.

The editor declares inputs, a formula and, for a claim, the author's figure; the verdict is computed
(verdicts.py) and never written by hand. Context gets no verdict. A claim that fails only because an
input calculation fails is marked inherited; an input with variant readings is evaluated once per
witness. The build fails for the editor's mistakes (unknown or unused inputs, bad formulas, cycles),
never for the author's.
"""
from __future__ import annotations

import graphlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import verdicts
from .. import urls
from ..codes import Code
from .anchors import in_part, locate, paragraph_name
from ..diagnostics import Diagnostic, Excerpt, SourceLocation, did_you_mean, error, has_errors, warning
from .formula import Expr, FormulaError, Num, Var, evaluate, names_in, parse, render
from ..model import Callout, CalloutInput, CalloutLink, InputOrigin, Prose, WitnessResult
from ..numbers import format_number, plain_number
from ..records import (Anchor, ClaimSource, Comparator, ComputationSource, InputSource, Paragraph, StatedNumber,
                      Verdict, VariantSource, WitnessSource)
from .variants import input_variants


@dataclass(frozen=True)
class EditionContext:
    """What an edition's computations are resolved against."""

    paragraphs: tuple[Paragraph, ...]
    numbers: dict[str, int]        # computation id -> its callout number in reading order
    titles: dict[str, str]         # computation id -> title
    explanations: Mapping[str, Prose]  # computation id -> its explanation, parsed and with its links resolved
    unreadable: frozenset[str]     # ids of computation files that could not be read (already reported)
    witnesses: tuple[WitnessSource, ...] = ()
    variants: tuple[VariantSource, ...] = ()
    slug: str = ""
    parts: Mapping[str, str] = field(default_factory=dict)  # computation id -> its part, in a book-length edition

    def page_of(self, computation: str) -> str:
        """The page that shows a calculation: its part's, in a book-length edition."""
        return urls.text_page(self.slug, self.parts.get(computation, ""))

    @property
    def base_label(self) -> str:
        """How a verdict names the text it judges when no other witness is involved."""
        base = next((w for w in self.witnesses if w.base), None)
        return base.label if base is not None else "as transcribed"


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """A computation's result as its dependants see it."""

    value: float
    display: verdicts.Display
    verdict: Verdict | None                  # None for context
    author_figure: float | None              # the claim's figure: what a dependant gets if the claim held
    by_witness: Mapping[str, tuple[WitnessSource, float, str]] = field(default_factory=dict)  # id -> (witness, result, condition)


def resolve_computations(sources: tuple[ComputationSource, ...], context: EditionContext
                         ) -> tuple[dict[str, Callout], list[Diagnostic]]:
    """Every computation evaluated after those it depends on, as callouts by id; with the editor's errors."""
    order, problems = _dependency_order(sources, context.unreadable)
    outcomes: dict[str, Outcome] = {}
    callouts: dict[str, Callout] = {}
    for source in order:
        found_callout, outcome, found = _resolve_one(source, context, outcomes)
        problems += found
        if found_callout is not None and outcome is not None:
            outcomes[source.id] = outcome
            # A computation whose quote was not found has no place in the text (G130 says so already): its
            # result still feeds its dependants, so that their own errors are reported too, but it has no callout.
            if source.id in context.numbers:
                callouts[source.id] = found_callout
    return callouts, problems


def _dependency_order(sources: Sequence[ComputationSource], unreadable: frozenset[str]
                      ) -> tuple[list[ComputationSource], list[Diagnostic]]:
    by_id = {c.id: c for c in sources}
    problems: list[Diagnostic] = []
    graph: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
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


def _resolve_one(source: ComputationSource, context: EditionContext, outcomes: Mapping[str, Outcome]
                 ) -> tuple[Callout | None, Outcome | None, list[Diagnostic]]:
    problems = check_claim(source.claim) if source.claim is not None else []
    inputs: list[CalloutInput] = []
    alternatives: dict[str, dict[str, float]] = {}      # witness id -> input name -> that witness's value
    conditions: dict[str, list[str]] = {}
    witnesses: dict[str, WitnessSource] = {}
    for inp in source.inputs:
        item, found = _resolve_input(inp, context, outcomes)
        problems += found
        if item is None:
            continue
        inputs.append(item)
        if inp.computation is not None:
            for wid, (witness, value, condition) in outcomes[inp.computation].by_witness.items():
                _add(alternatives, conditions, witnesses, witness, inp.name, value, condition)
        else:
            variants, found = input_variants(inp, context.witnesses, context.variants)
            problems += found
            for variant in variants:
                _add(alternatives, conditions, witnesses, variant.witness, inp.name, variant.value, variant.condition)
    try:
        expr = parse(source.formula)
    except FormulaError as exc:
        return None, None, problems + [_formula_error(exc, source)]
    problems += _check_names(source, names_in(expr))
    if has_errors(problems) or len(inputs) != len(source.inputs):
        return None, None, problems
    values = {i.name: i.value for i in inputs}
    try:
        result = evaluate(expr, values)
    except FormulaError as exc:
        return None, None, problems + [_formula_error(exc, source)]
    by_witness: dict[str, tuple[WitnessSource, float, str]] = {}
    for wid, changed in alternatives.items():
        try:
            by_witness[wid] = (witnesses[wid], evaluate(expr, values | changed), "; ".join(dict.fromkeys(conditions[wid])))
        except FormulaError:
            continue  # that reading gives nothing computable (a zero divisor): the base result still stands
    claim = source.claim
    display = _display(source, result)
    outcome = Outcome(value=result, display=display, verdict=verdicts.judge(result, claim) if claim else None,
                      author_figure=verdicts.reference_of(claim).value if claim else None, by_witness=by_witness)
    inherited = _inherited_from(source, expr, values, inputs, outcome, outcomes, context)
    return _callout(source, context, inputs, expr, outcome, inherited), outcome, problems


def _add(alternatives: dict[str, dict[str, float]], conditions: dict[str, list[str]],
         witnesses: dict[str, WitnessSource], witness: WitnessSource, name: str, value: float, condition: str) -> None:
    alternatives.setdefault(witness.id, {})[name] = value
    conditions.setdefault(witness.id, []).append(condition)
    witnesses[witness.id] = witness


def _display(source: ComputationSource, result: float) -> verdicts.Display:
    if source.claim is None:
        return verdicts.Display(source.display_decimals, source.display_percent)
    return verdicts.display_for(result, source.claim)


def _inherited_from(source: ComputationSource, expr: Expr, values: Mapping[str, float], inputs: Sequence[CalloutInput],
                    outcome: Outcome, outcomes: Mapping[str, Outcome], context: EditionContext) -> CalloutLink | None:
    """The input calculation a failure only passes on: given that calculation's claimed figure instead of
    its result, this claim would not fail. None for a failure of its own (or no failure)."""
    if source.claim is None or outcome.verdict is not Verdict.FAILS:
        return None
    for item in inputs:
        upstream = outcomes.get(item.computation or "")
        if upstream is None or upstream.verdict is not Verdict.FAILS or upstream.author_figure is None:
            continue
        try:
            if_held = evaluate(expr, dict(values) | {item.name: upstream.author_figure})
        except FormulaError:
            continue
        if verdicts.judge(if_held, source.claim) is not Verdict.FAILS:
            assert item.computation is not None
            return CalloutLink(id=item.computation, number=context.numbers.get(item.computation, 0),
                               title=context.titles.get(item.computation, ""), page=context.page_of(item.computation))
    return None


def _check_names(source: ComputationSource, used: set[str]) -> list[Diagnostic]:
    declared = {i.name for i in source.inputs}
    problems = [error(Code.UNDECLARED_INPUT, f"The formula uses '{name}', which is not a declared input.", source.formula_location,
                      "Declare it under inputs:, or correct the name." + did_you_mean(name, declared))
                for name in sorted(used - declared)]
    problems += [warning(Code.UNUSED_INPUT, f"The input '{inp.name}' is declared but the formula does not use it.",
                         inp.location, "Use it in the formula or remove it.")
                 for inp in source.inputs if inp.name not in used]
    return problems


def _callout(source: ComputationSource, context: EditionContext, inputs: list[CalloutInput], expr: Expr,
             outcome: Outcome, inherited: CalloutLink | None) -> Callout:
    result, display, verdict = outcome.value, outcome.display, outcome.verdict
    words, symbol = verdicts.VERDICT_WORDS[verdict] if verdict is not None else verdicts.CONTEXT_WORDS
    shown = {i.name: i.shown for i in inputs}
    passed_on = next((i for i in inputs if isinstance(expr, Var) and i.name == expr.name
                      and i.origin is InputOrigin.COMPUTATION), None)
    claim = source.claim
    return Callout(
        id=source.id, number=context.numbers.get(source.id, 0), title=source.title, paragraph=source.anchor.paragraph,
        quote=source.anchor.quote, inputs=tuple(inputs), formula=source.formula,
        formula_names=render(expr, lambda n: n, _literal),
        formula_numbers=render(expr, lambda n: shown[n], _literal), passed_on=passed_on,
        result=result,
        result_shown=format_number(result, display.decimals, display.percent),
        claim_quoted=(claim.says or verdicts.claim_text(claim)) if claim else "",
        claim_checked_as=verdicts.claim_text(claim) if claim and claim.says else "",
        verdict=verdict, verdict_label=words, verdict_symbol=symbol,
        explanation=context.explanations[source.id],
        spec=_spec(source, inputs, display),
        statement=source.kind, rationale=source.rationale, judged_as=context.base_label,
        inherited_from=inherited, readings=_readings(source, outcome, context),
        part=source.anchor.part or "", page=context.page_of(source.id))


def _readings(source: ComputationSource, outcome: Outcome, context: EditionContext) -> tuple[WitnessResult, ...]:
    """The result on each witness's reading, the base text first; nothing when no input has a variant."""
    if not outcome.by_witness:
        return ()
    rows = [(context.base_label, "", outcome.value, True)]
    rows += [(witness.label, condition, value, False)
             for witness, value, condition in sorted(outcome.by_witness.values(), key=lambda w: w[0].id)]
    results = []
    for label, condition, value, base in rows:
        verdict = verdicts.judge(value, source.claim) if source.claim else None
        words, symbol = verdicts.VERDICT_WORDS[verdict] if verdict is not None else verdicts.CONTEXT_WORDS
        display = _display(source, value)
        results.append(WitnessResult(label=label, condition=condition, result=value,
                                     shown=format_number(value, display.decimals, display.percent),
                                     verdict=verdict, verdict_label=words, verdict_symbol=symbol, base=base))
    return tuple(results)


def _literal(num: Num) -> str:
    return num.text


def _resolve_input(inp: InputSource, context: EditionContext, outcomes: Mapping[str, Outcome]
                   ) -> tuple[CalloutInput | None, list[Diagnostic]]:
    origins = [k for k in ("paragraph", "source", "computation") if getattr(inp, k) is not None]
    if len(origins) != 1 or (inp.computation is None) == (inp.value is None):
        return None, [error(Code.INPUT_ORIGIN, f"Input '{inp.name}' must say where its value comes from in exactly one way.",
                            inp.location, "Give either value + paragraph (stated in the text), value + source "
                                          "(an outside source), or computation (another computation's result).")]
    if inp.computation is not None:
        if inp.computation not in outcomes:
            return None, []  # reported as G147, or as the other computation's own error
        result, display = outcomes[inp.computation].value, outcomes[inp.computation].display
        return CalloutInput(inp.name, inp.label, result, plain_number(result), verdicts.input_text(result, display),
                            display.decimals, display.percent, InputOrigin.COMPUTATION, None, None, None,
                            inp.computation, context.numbers.get(inp.computation, 0),
                            context.titles.get(inp.computation, ""), inp.adjustable,
                            page=context.page_of(inp.computation)), []
    assert inp.value is not None
    problems: list[Diagnostic] = []
    if inp.paragraph is not None and inp.quote is not None:
        _, problems = locate(Anchor(inp.paragraph, inp.quote, inp.occurrence, inp.location, inp.part),
                             context.paragraphs)
    elif inp.paragraph is not None:
        scope, problems = in_part(inp.part, context.paragraphs, inp.location)
        if scope is not None and not 1 <= inp.paragraph <= len(scope):
            problems = [error(Code.NO_SUCH_PARAGRAPH, f"Input '{inp.name}' cites {paragraph_name(inp.paragraph, inp.part)}; "
                                      f"{'this part' if inp.part else 'this text'} has paragraphs "
                                      f"1 to {len(scope)}.", inp.location, "Use the number shown in the margin.")]
    origin = InputOrigin.TEXT if inp.paragraph is not None else InputOrigin.SOURCE
    value = inp.value
    part = inp.part or ""
    return CalloutInput(inp.name, inp.label, value.value, plain_number(value.value), value.text, value.decimals,
                        value.percent, origin, inp.paragraph, inp.quote, inp.source, None, 0, "",
                        inp.adjustable, part=part,
                        page=urls.text_page(context.slug, part) if origin is InputOrigin.TEXT else ""), problems


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
    if claim.low is not None and claim.high is not None and claim.low.percent != claim.high.percent:
        return fail("The claim's low and high are in different units (one a percentage, one not).",
                    "Write both as percentages or both as plain numbers.")
    if claim.low is not None and claim.high is not None and claim.low.value > claim.high.value:
        return fail("The claim's low is above its high.", "Swap them.")
    if claim.comparator is Comparator.ABOUT and claim.tolerance is None:
        return fail("An 'about' claim needs a tolerance.",
                    'Add tolerance: "…": how far off the author\'s wording allows, e.g. "2%".')
    reference = claim.low if between else claim.value
    tolerance = claim.tolerance
    if tolerance is not None and tolerance.value < 0:
        return fail("The tolerance is negative.", "Write how far off still counts, as a positive number.")
    if tolerance is not None and reference is not None and reference.percent and not tolerance.percent:
        return fail(f"The claim is a percentage but its tolerance '{tolerance.text}' is not.",
                    f'Write the tolerance in percentage points, e.g. "{tolerance.text}%".')
    return []


def _formula_error(exc: FormulaError, source: ComputationSource) -> Diagnostic:
    loc = source.formula_location
    return error(exc.code, exc.message, SourceLocation(loc.path, loc.line, None), exc.hint,
                 Excerpt(label="formula", text=source.formula, column=exc.position))


def _spec(source: ComputationSource, inputs: list[CalloutInput], display: verdicts.Display) -> dict[str, Any]:
    """What the browser script needs to recompute and re-judge this callout (also the basis of computations.json).
    Context has no claim: the script shows its result with `display` and judges nothing."""
    claim = source.claim

    def number(n: StatedNumber | None) -> dict[str, Any] | None:
        return None if n is None else {"text": n.text, "value": n.value, "decimals": n.decimals, "percent": n.percent}

    return {
        "id": source.id, "formula": source.formula, "kind": source.kind.value,
        "inputs": [{"name": i.name, "value": i.value, "computation": i.computation, "adjustable": i.adjustable,
                    "decimals": i.decimals, "percent": i.percent} for i in inputs],
        "claim": None if claim is None else {
            "comparator": claim.comparator.value, "value": number(claim.value), "low": number(claim.low),
            "high": number(claim.high), "tolerance": number(claim.tolerance)},
        "display": {"decimals": display.decimals, "percent": display.percent},
    }
