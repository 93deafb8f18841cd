"""The count of an edition's verdicts: claims only, and failures counted both ways.

A claim that fails only because a calculation it takes its input from fails is an inherited failure:
counting it as a second, independent error would overstate the author's mistakes, so the tally gives
the independent failures and all of them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Verdict


@dataclass(frozen=True, kw_only=True, slots=True)
class Tally:
    holds: int
    approx: int
    fails_independent: int
    fails_inherited: int
    context: int             # calculations that are working, without a verdict

    @property
    def claims(self) -> int:
        return self.holds + self.approx + self.fails

    @property
    def fails(self) -> int:
        return self.fails_independent + self.fails_inherited

    @property
    def summary(self) -> str:
        """The reader's key: "17 claims checked: 11 hold, 4 approximately hold, 3 do not hold (1 independently,
        2 inherited from a failed calculation); 6 further calculations show working without a verdict"."""
        parts = [f"{self.holds} {_plural(self.holds, 'holds', 'hold')}",
                 f"{self.approx} approximately {_plural(self.approx, 'holds', 'hold')}",
                 f"{self.fails} {_plural(self.fails, 'does', 'do')} not hold"]
        text = f"{self.claims} {_plural(self.claims, 'claim', 'claims')} checked: " + ", ".join(parts)
        if self.fails_inherited:
            text += (f" ({self.fails_independent} independently, {self.fails_inherited} only because a calculation "
                     f"{_plural(self.fails_inherited, 'it takes its input from', 'they take their input from')} fails)")
        if self.context:
            text += (f"; {self.context} further {_plural(self.context, 'calculation shows', 'calculations show')} "
                     f"working without a verdict")
        return text


def tally(verdicts: Iterable[tuple[Verdict | None, bool]]) -> Tally:
    """From (verdict, inherited) per calculation; a verdict of None is context."""
    counts = {"holds": 0, "approx": 0, "independent": 0, "inherited": 0, "context": 0}
    for verdict, inherited in verdicts:
        if verdict is None:
            counts["context"] += 1
        elif verdict is Verdict.FAILS:
            counts["inherited" if inherited else "independent"] += 1
        else:
            counts["holds" if verdict is Verdict.HOLDS else "approx"] += 1
    return Tally(holds=counts["holds"], approx=counts["approx"], fails_independent=counts["independent"],
                 fails_inherited=counts["inherited"], context=counts["context"])


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many
