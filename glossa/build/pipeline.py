"""The build as one chain: read -> resolve -> render, each stage a function of the last one's output."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import Diagnostic, Severity, has_errors, sorted_diagnostics
from ..model import Page
from .sitebuild import BuildMemo, BuildSettings, SiteBuild, build_site
from .store import digest
from ..write.writer import update_site, write_site


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

    @property
    def cache(self) -> Path:
        """The build cache (git-ignored): page bytes and edition records, see store.py."""
        return self.root / CACHE_FOLDER


CACHE_FOLDER = ".glossa-cache"


@dataclass(frozen=True, kw_only=True)
class BuildOptions:
    """How a build runs, beyond where the project is: none of these change what it produces."""

    jobs: int = 0                            # processes; 0 means one per core
    cache: Path | None = None                # default: the project's .glossa-cache/
    shard: tuple[int, int] | None = None     # (K, N): only the K-th of N shares of the editions
    fork: bool = True                        # False when the caller has threads of its own (serve)
    memo: BuildMemo | None = None            # what serve keeps between builds (see sitebuild.BuildMemo)
    base_url: str = ""                       # the site's address, in place of site.yaml's (--base-url)


@dataclass(frozen=True)
class BuildResult:
    pages: list[Page]
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def build(project: Project, options: BuildOptions = BuildOptions()) -> SiteBuild:
    """Everything a build does except writing: every diagnostic, and the site as a manifest of cached pages."""
    return build_site(BuildSettings(root=_common_root(project), content=project.content,
                                    templates=project.templates, schemas=project.schemas,
                                    cache=options.cache or project.cache, jobs=options.jobs, shard=options.shard,
                                    fork=options.fork, memo=options.memo or BuildMemo(),
                                    base_url=options.base_url))


def build_pages(project: Project, options: BuildOptions = BuildOptions()) -> BuildResult:
    """The build's pages in memory, with every diagnostic (for tests and tools; the build itself writes
    from the cache without holding the pages)."""
    result = build(project, options)
    pages = [Page(path, result.store.read_blob(key)) for path, key in sorted(result.manifest.items())]
    return BuildResult(pages, result.diagnostics)


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
    built: tuple[str, ...] = ()     # editions built this time
    cached: tuple[str, ...] = ()    # editions whose pages came from the cache
    manifest: Mapping[str, str] = field(default_factory=dict)   # the site: path -> page digest
    changed: int = 0                # files written

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


def build_and_write(project: Project, site: Path | None, *, strict: bool = False,
                    options: BuildOptions = BuildOptions(), previous: Mapping[str, str] | None = None
                    ) -> BuildOutcome:
    """The one build entry shared by `build`, `check` and `serve`: build, then write into `site` unless the
    build failed. `site=None` only checks. Printing is the caller's job (see report.py).

    With `previous` (the manifest of the site as last written, which serve keeps), only the files that
    differ are replaced, each atomically; otherwise a whole new site is swapped in."""
    result = build(project, options)
    outcome = BuildOutcome(diagnostics=tuple(result.diagnostics), files=len(result.manifest), wrote=False,
                           strict=strict, built=result.built, cached=result.cached, manifest=result.manifest)
    if site is None or outcome.failed:
        return outcome
    if previous is not None and site.is_dir():
        # Only what changed is sorted: at a thousand editions, sorting the whole manifest was a tenth of a rebuild.
        changed = [Page(path, b"", result.store.blob_file(key)) for path, key in sorted(
            (path, key) for path, key in result.manifest.items() if previous.get(path) != key)]
        update_site(changed, sorted(path for path in previous if path not in result.manifest), site)
        return replace(outcome, wrote=True, changed=len(changed))
    store = result.store
    pages = [Page(path, b"", store.blob_file(key)) for path, key in sorted(result.manifest.items())]
    # While the site is written the manifest is let go, and made again afterwards from the pages' blob names: at
    # a thousand editions its digests were a tenth of what the writing held at its peak, the build's last.
    del result
    outcome = replace(outcome, manifest={})
    # What was written last time, kept in the cache, so that unchanged files are linked, not copied (reuse.py).
    state = store.folder / "sites" / digest(str(site.absolute()).encode())
    write_site(pages, site, state=state)
    return replace(outcome, wrote=True, changed=len(pages),
                   manifest={page.path: store.blob_key(page.source) for page in pages if page.source is not None})
