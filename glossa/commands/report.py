"""How a build's outcome is shown on the terminal, the same way for `build`, `check` and `serve`'s rebuilds."""
from __future__ import annotations

import os
import sys
from typing import TextIO

from ..build.pipeline import BuildOutcome


def report(outcome: BuildOutcome, *, err: TextIO | None = None, out: TextIO | None = None) -> None:
    """Print every diagnostic on `err` (and, under GitHub Actions, each one as a workflow annotation on `out`),
    then a count of errors and warnings when there were any."""
    err = err or sys.stderr
    out = out or sys.stdout
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in outcome.diagnostics:
        print(d.format(), file=err)
        if github:
            print(d.github_annotation(), file=out)
    if outcome.diagnostics:
        print(f"\n{outcome.errors} error(s), {outcome.warnings} warning(s).", file=err)
