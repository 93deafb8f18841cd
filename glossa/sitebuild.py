"""The whole build as one function of the content: every edition built once (or taken from the cache), in
parallel, then the site-wide pages from what the editions report, into a manifest of path -> page digest.

An edition's pages depend on its own files, on the glossary's forms (which words are linked), on the glossary
entries it links or cites, on the editions it cross-references, and on the site's title, templates, schemas
and Glossa's own code. Its cache key hashes all but the entries and editions it uses, which are known only
after building it; the record keeps them, and a cached record is used only while they are unchanged. So an
edited note rebuilds its edition's pages only, and an edited glossary definition rebuilds exactly the editions
that link that entry (and the glossary pages).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .editionbuild import EditionRecord, SiteContext, build_edition, edition_key, entries_digest
from .read import Reader
from .schema import SchemaSet
from .sitepages import site_pages
from .store import Store, digest

# Below this many editions to build, starting worker processes costs more than it saves.
MIN_PARALLEL = 4


@dataclass(frozen=True, kw_only=True)
class BuildPlan:
    """How to build: where things are, how many processes, where the cache is."""

    root: Path
    content: Path
    templates: Path
    schemas: Path
    store: Store
    jobs: int = 0          # 0: one per core
    shard: tuple[int, int] | None = None   # (K, N): build only the K-th of N shares of the editions


@dataclass(frozen=True, kw_only=True)
class SiteBuild:
    """The result: the site as path -> blob digest (empty when there are errors), and every diagnostic."""

    manifest: dict[str, str]
    diagnostics: list[Diagnostic]
    built: tuple[str, ...]     # slugs of editions built this time (the others came from the cache)
    cached: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)
