"""`build.py pdf`: print each edition's reader to PDF in Chromium, then build the site with the PDFs linked.

Only this command needs a browser; a plain build publishes a PDF (and its link) only while the edition is exactly
as it was when printed, so no link ever leads to a stale or missing file (glossa/outputs/pdf/)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..build.pipeline import BuildOptions, BuildOutcome, Project, build, build_and_write
from ..outputs.pdf.printer import print_editions
from .report import report


def run(project: Project, options: BuildOptions, site: Path) -> tuple[int, BuildOutcome | None]:
    result = build(project, options)
    if not result.ok:
        report(BuildOutcome(diagnostics=tuple(result.diagnostics), files=0, wrote=False, strict=False))
        return 1, None
    try:
        printed = print_editions(result.manifest, result.print_keys, result.store)
    except RuntimeError as exc:
        print(f"build.py pdf: could not print: {exc}", file=sys.stderr)
        return 2, None
    print(f"Printed {len(printed)} edition(s) to PDF" + (f": {', '.join(printed)}." if printed else
                                                         " (every PDF was already printed from these pages)."))
    return 0, build_and_write(project, site, options=options)
