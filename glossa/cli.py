"""The command line: `python build.py [build|check|serve]`. `main(argv)` returns the exit status."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .diagnostics import Severity
from .pipeline import BuildResult, Project, build_pages
from .write import UnsafeSiteFolder, WriteError, check_site_folder, write_site


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project.at(Path(args.root or root or Path.cwd()), Path(args.content) if args.content else None)
    site = Path(args.site).resolve() if args.site else project.root / "site"
    if args.command in ("build", "serve"):
        try:
            check_site_folder(site, project.root, [project.content, project.templates, project.schemas])
        except UnsafeSiteFolder as exc:
            print(f"build.py: refusing to write the site: {exc}", file=sys.stderr)
            return 2
    if args.command == "serve":
        from .serve import serve  # the server is only imported when asked for
        return serve(project, site, args.port)
    result = build_pages(project)
    failed = _report(result, strict=args.command == "check" and args.strict)
    if failed:
        print(f"\nNothing was written: {'site/ is unchanged' if args.command == 'build' else 'check only'}.",
              file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"check: content is valid ({_summary(result)}).")
        return 0
    try:
        write_site(result.pages, site)
    except WriteError as exc:
        print(f"build.py: could not write the site: {exc}", file=sys.stderr)
        return 2
    print(f"Built {len(result.pages)} files into {_shown(site)}.")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build Glossa's static site from content/.")
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check", "serve"],
                        help="build site/ (default), check content without writing, or serve and rebuild on change")
    parser.add_argument("--strict", action="store_true", help="with check: warnings fail too")
    parser.add_argument("--port", type=int, default=8000, help="with serve: the port on 127.0.0.1 (default 8000)")
    parser.add_argument("--root", help="the project folder (default: the folder of build.py, else the current one)")
    parser.add_argument("--content", help="the content folder (default: ROOT/content)")
    parser.add_argument("--site", help="the output folder (default: ROOT/site)")
    return parser


def _report(result: BuildResult, strict: bool) -> bool:
    """Print every diagnostic; True when the run must fail."""
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in result.diagnostics:
        print(d.format(), file=sys.stderr)
        if github:
            print(d.github_annotation())
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = len(result.diagnostics) - errors
    if result.diagnostics:
        print(f"\n{errors} error(s), {warnings} warning(s).", file=sys.stderr)
    return errors > 0 or (strict and warnings > 0)


def _summary(result: BuildResult) -> str:
    warnings = len(result.diagnostics)
    return f"{len(result.pages)} files would be written, {warnings} warning(s)"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"
