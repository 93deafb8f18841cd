"""The build as one chain: read -> resolve -> render, each stage a function of the last one's output."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostics import Diagnostic, Severity, has_errors, sorted_diagnostics
from .read import Reader
from .render import Page, render_site
from .reserved import slug_collisions
from .resolve import resolve_site
from .schema import SchemaSet
from .write import write_site


@dataclass(frozen=True)
class Project:
    """Where a project's parts are. Paths in diagnostics are relative to `root`."""

    root: Path
    content: Path
    templates: Path
    schemas: Path

    @classmethod
    def at(cls, root: Path, content: Path | None = None) -> "Project":
        root = root.resolve()
        return cls(root, (content or root / "content").resolve(), root / "templates", root / "schemas")


@dataclass(frozen=True)
class BuildResult:
    pages: list[Page]
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def build_pages(project: Project) -> BuildResult:
    """Everything a build does except writing: every diagnostic, and the pages when there are no errors."""
    reader = Reader(_common_root(project), SchemaSet.load(project.schemas))
    source, problems = reader.read_site(project.content)
    if source is None:
        return BuildResult([], sorted_diagnostics(problems))
    problems += slug_collisions(source, project.templates)
    # Resolve even when some files could not be read (they are left out), so that one run reports
    # every problem: a contributor should not have to fix errors one build at a time.
    site, found = resolve_site(source)
    problems += found
    if site is None or has_errors(problems):
        return BuildResult([], sorted_diagnostics(problems))
    pages, found = render_site(site, project.templates)
    problems += found
    return BuildResult(pages if not has_errors(problems) else [], sorted_diagnostics(problems))


def _common_root(project: Project) -> Path:
    """Paths in messages are relative to the project, or to the content folder's parent when it is elsewhere."""
    try:
        project.content.relative_to(project.root)
        return project.root
    except ValueError:
        return project.content.parent


@dataclass(frozen=True, kw_only=True)
class BuildOutcome:
    """What one build did: every diagnostic, how many files it rendered, and whether it replaced the site."""

    diagnostics: tuple[Diagnostic, ...]
    files: int
    wrote: bool
    strict: bool

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def failed(self) -> bool:
        """Errors always fail a build; warnings fail it only when strict."""
        return self.errors > 0 or (self.strict and self.warnings > 0)


def build_and_write(project: Project, site: Path | None, *, strict: bool = False) -> BuildOutcome:
    """The one build entry shared by `build`, `check` and `serve`: build, then write into `site` unless the
    build failed. `site=None` only checks. Printing is the caller's job (see report.py)."""
    result = build_pages(project)
    outcome = BuildOutcome(diagnostics=tuple(result.diagnostics), files=len(result.pages), wrote=False,
                           strict=strict)
    if site is None or outcome.failed:
        return outcome
    write_site(result.pages, site)
    return replace(outcome, wrote=True)
