"""`build.py diff BASE`: what the working tree changes in the editions since the git revision BASE.

For review: the pull-request workflow writes its Markdown into the job summary. The exit status is 0
whenever the comparison could be made (a change that breaks the build is `check`'s business), 2 when BASE
cannot be read.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .gitrev import RevisionError, export_revision
from ..build.pipeline import Project

OPTIONS = ("--format",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the git revision to compare with (a branch, tag or commit)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="text (default), or markdown for a pull request's job summary")


def run(project: Project, args: argparse.Namespace) -> int:
    # Imported here: every build.py command parses diff's options, only `diff` needs the model comparison.
    from .modeldiff import as_markdown, as_text, compare, snapshot

    with tempfile.TemporaryDirectory(prefix="glossa-diff-") as folder:
        base_root = Path(folder)
        try:
            short = export_revision(project.root, args.base, base_root)
        except RevisionError as exc:
            print(f"build.py diff: cannot read revision '{args.base}': {exc}.", file=sys.stderr)
            return 2
        content = base_root / project.content.relative_to(project.root) \
            if project.content.is_relative_to(project.root) else base_root / "content"
        base = snapshot(Project(base_root, content, base_root / "templates", base_root / "schemas"))
    head = snapshot(project)
    label = short if args.base.startswith(short[:7]) else f"{args.base} ({short})"
    diff = compare(base, head, label)
    print(as_markdown(diff) if args.format == "markdown" else as_text(diff), end="")
    return 0
