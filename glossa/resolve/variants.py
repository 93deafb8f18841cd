"""Witnesses and variant readings: checked against edition.yaml and the text, and matched to the
computation inputs they change.

The base text stays as transcribed. A variant records what each witness reads at some words of it; a
computation input stated by those words is then evaluated once per witness (computations.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..codes import Code
from ..diagnostics import Diagnostic, did_you_mean, error
from ..records import InputSource, ReadingSource, VariantSource, WitnessSource


@dataclass(frozen=True, kw_only=True)
class InputVariant:
    """Another witness's value for a computation input: what it reads, and how it is to be described."""

    witness: WitnessSource
    value: float
    condition: str        # "if 3,618; read from OCR"


def check_variants(witnesses: Sequence[WitnessSource], variants: Sequence[VariantSource]) -> list[Diagnostic]:
    """One base witness, readings by known witnesses, and the base's reading of each variant as quoted.
    (Whether the quote is in the text is checked where variants are placed, with every other anchor.)"""
    problems: list[Diagnostic] = []
    bases = [w for w in witnesses if w.base]
    if (witnesses or variants) and len(bases) != 1:
        location = bases[1].location if len(bases) > 1 else (witnesses[0].location if witnesses
                                                             else variants[0].location)
        problems.append(error(Code.BASE_WITNESS, f"Exactly one witness must be the base text (base: true); "
                              f"{len(bases)} {'is' if len(bases) == 1 else 'are'}.", location, Code.BASE_WITNESS.fix))
    known = {w.id: w for w in witnesses}
    for variant in variants:
        for reading in variant.readings:
            if reading.witness not in known:
                problems.append(error(Code.UNKNOWN_WITNESS, f"The variant reads '{reading.witness}', which is not a "
                                      "witness in edition.yaml.", reading.location,
                                      Code.UNKNOWN_WITNESS.fix + did_you_mean(reading.witness, known)))
        base = _base_reading(variant, bases[0]) if len(bases) == 1 else None
        if len(bases) == 1 and (base is None or base.text != variant.anchor.quote):
            problems.append(error(Code.BASE_READING_MISMATCH, f"The variant must give the base text's reading "
                                  f"('{bases[0].id}') exactly as quoted: “{variant.anchor.quote}”.",
                                  base.location if base else variant.location, Code.BASE_READING_MISMATCH.fix))
    return problems


def input_variants(inp: InputSource, witnesses: Sequence[WitnessSource], variants: Sequence[VariantSource]
                   ) -> tuple[list[InputVariant], list[Diagnostic]]:
    """The other witnesses' values for an input stated in the text, where a variant lies within its quote."""
    bases = [w for w in witnesses if w.base]
    if inp.value is None or inp.quote is None or len(bases) != 1:
        return [], []
    known = {w.id: w for w in witnesses}
    found: list[InputVariant] = []
    problems: list[Diagnostic] = []
    for variant in variants:
        if ((variant.anchor.part, variant.anchor.paragraph) != (inp.part, inp.paragraph)
                or variant.anchor.quote not in inp.quote):
            continue
        base = _base_reading(variant, bases[0])
        if base is None or base.value is None:
            continue  # a reading with no number cannot change a computation
        if base.value.value != inp.value.value:
            problems.append(error(Code.BASE_READING_MISMATCH, f"Input '{inp.name}' states {inp.value.text}, but the "
                                  f"variant '{variant.id}' on these words gives the base text's value as "
                                  f"{base.value.text}.", inp.location, Code.BASE_READING_MISMATCH.fix))
            continue
        for reading in variant.readings:
            witness = known.get(reading.witness)
            if witness is None or witness.base or reading.value is None:
                continue
            condition = "; ".join(part for part in (f"if {reading.value.text}", witness.seen.caveat) if part)
            found.append(InputVariant(witness=witness, value=reading.value.value, condition=condition))
    return found, problems


def _base_reading(variant: VariantSource, base: WitnessSource) -> ReadingSource | None:
    return next((r for r in variant.readings if r.witness == base.id), None)
