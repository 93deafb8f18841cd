"""The whole build as one function of the content: every edition built once (or taken from the cache), in
parallel, then the site-wide pages from what the editions report, into a manifest of path -> page digest.

An edition's pages depend on its own files, on the glossary's forms (which words are linked anywhere), on
the glossary entries it links or cites, on the editions it cross-references, and on the site's title,
templates, schemas and Glossa's own code. Its cache key hashes all but the entries and editions it uses,
which are known only once it is built; the record keeps them, and a cached record is used only while they
are unchanged. So an edited note rebuilds its own edition's pages, and an edited glossary definition
rebuilds exactly the editions that link that entry, and the glossary page.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .codes import Code
from .diagnostics import Diagnostic, SourceLocation, error, has_errors, sorted_diagnostics
from .editionbuild import EditionRecord, SharedInputs, Workshop, build_edition, folder_digest, glossary_forms_digest
from .model import SiteOverview
from .read import Reader
from .render import Renderer
from .resolve import glossary_groups, resolve_glossary, unlinked_entries
from .schema import SchemaSet
from .store import FileDigests, Store, digest

# Below this many editions to build, starting worker processes costs more than it saves.
MIN_PARALLEL = 4
GLOSSA_CODE = Path(__file__).resolve().parent


@dataclass(frozen=True, kw_only=True)
class BuildSettings:
    """How to build: where the parts are, where the cache is, how many processes, which share."""

    root: Path
    content: Path
    templates: Path
    schemas: Path
    cache: Path
    jobs: int = 0                           # 0: one process per core
    shard: tuple[int, int] | None = None    # (K, N): only the K-th of N shares of the editions (K from 1)
    fork: bool = True                       # False from a process with threads (serve): no fork of them
    files: FileDigests = field(default_factory=FileDigests)   # serve keeps one across builds


@dataclass(frozen=True, kw_only=True)
class SiteBuild:
    """The result: the site as path -> blob digest (empty when there are errors), and every diagnostic."""

    manifest: dict[str, str]
    diagnostics: list[Diagnostic]
    store: Store
    built: tuple[str, ...]      # editions built this time
    cached: tuple[str, ...]     # editions taken from the cache

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def build_site(settings: BuildSettings) -> SiteBuild:
    store = Store(folder=settings.cache)
    reader = Reader(settings.root, SchemaSet.load(settings.schemas))
    shared, problems = reader.read_shared(settings.content)
    if shared.title is None:
        return SiteBuild(manifest={}, diagnostics=sorted_diagnostics(problems), store=store, built=(), cached=())
    folders = list(shared.folders)
    slugs = [f.name for f in folders]
    glossary, found = resolve_glossary(shared.glossary, slugs)
    problems += found
    if settings.shard is not None:
        folders = shard_of(folders, *settings.shard)
    inputs = SharedInputs(root=settings.root, templates=settings.templates, schemas=settings.schemas,
                          store=store.folder, site_title=shared.title, glossary=glossary, limits=shared.limits)
    files = settings.files
    base = digest(folder_digest(GLOSSA_CODE, files, "*.py").encode(), folder_digest(settings.templates, files).encode(),
                  folder_digest(settings.schemas, files).encode(), shared.title.encode(),
                  glossary_forms_digest(glossary).encode())
    entry_digests = {e.id: files.of(settings.root / e.location.path) for e in shared.glossary}
    keys = {f.name: digest(base.encode(), f.name.encode(), folder_digest(f, files).encode()) for f in folders}
    records: dict[str, EditionRecord] = {}
    for folder in folders:
        record = store.get_record(keys[folder.name])
        if isinstance(record, EditionRecord) and _still_valid(record, entry_digests, set(slugs), store):
            records[folder.name] = record
    cached = tuple(sorted(records))
    missing = [f for f in folders if f.name not in records]
    for record in _build_all(missing, inputs, settings):
        records[record.folder] = record
        if record.ok:
            store.put_record(keys[record.folder], _with_entry_digests(record, entry_digests))
    ordered = [records[f.name] for f in folders]
    for record in ordered:
        problems += record.diagnostics
    facts = [r.facts for r in ordered if r.facts is not None]
    complete = all(r.listing is not None for r in ordered) and settings.shard is None
    if complete:  # with an edition unread (or only a share built), a missing link may only be a consequence
        problems += unlinked_entries(glossary, facts)
    built = tuple(sorted(f.name for f in missing))
    # The site-wide pages are rendered even when an edition failed: their names are what edition names
    # must not take, and every problem is reported in one run.
    overview = SiteOverview(title=shared.title, description=shared.description,
                            editions=tuple(r.listing for r in ordered if r.listing is not None),
                            glossary=glossary_groups(glossary, facts))
    site_pages, found = Renderer.load(settings.templates).site_pages(overview)
    problems += found
    problems += reserved_names(folders, {p.path.split("/", 1)[0].casefold() for p in site_pages}, reader)
    manifest = {page.path: store.put_blob(page.content) for page in site_pages}
    for record in ordered:
        manifest.update(record.pages)
    if has_errors(problems):
        manifest = {}
    return SiteBuild(manifest=manifest, diagnostics=sorted_diagnostics(problems), store=store, built=built,
                     cached=cached)


def shard_of(folders: Sequence[Path], k: int, n: int) -> list[Path]:
    """The K-th of N shares of the editions (K from 1): every N-th in name order, so shares stay balanced
    and a given edition always falls in the same share."""
    return [f for i, f in enumerate(sorted(folders, key=lambda f: f.name)) if i % n == k - 1]


def reserved_names(folders: Sequence[Path], taken: set[str], reader: Reader) -> list[Diagnostic]:
    """G184 for an edition whose folder name is one the site's own pages use, or another edition's but for
    case (many file systems and hosts ignore case: `Assets/` and `assets/` are one folder there)."""
    problems = []
    seen: dict[str, str] = {}
    for folder in folders:
        slug, key = folder.name, folder.name.casefold()
        where = SourceLocation(reader.rel(folder), 1)
        if key in taken:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder name '{slug}' is taken by the "
                                  f"site itself: its pages would overwrite the site's {key}.", where,
                                  "Rename the folder. Names the site uses (in any case): "
                                  + ", ".join(sorted(taken)) + "."))
        elif key in seen:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder names '{seen[key]}' and '{slug}' "
                                  "differ only in case: on many systems they are one folder.", where,
                                  "Rename one of the two folders."))
        seen.setdefault(key, slug)
    return problems


def _still_valid(record: EditionRecord, entry_digests: dict[str, str], slugs: set[str], store: Store) -> bool:
    """A cached edition is used only while the glossary entries it shows and the editions it links to are as
    they were, and its pages are still in the store."""
    used = dict(record.entries_used_digests)
    return (all(entry_digests.get(entry) == d for entry, d in used.items())
            and set(record.editions_used) <= slugs and store.has_blobs([key for _, key in record.pages]))


def _with_entry_digests(record: EditionRecord, entry_digests: dict[str, str]) -> EditionRecord:
    return replace(record, entries_used_digests=tuple((e, entry_digests.get(e, "")) for e in record.entries_used))


def _build_all(folders: list[Path], inputs: SharedInputs, settings: BuildSettings) -> Iterator[EditionRecord]:
    jobs = settings.jobs or os.cpu_count() or 1
    if jobs < 2 or len(folders) < MIN_PARALLEL:
        shop = Workshop.open(inputs)
        for folder in folders:
            yield build_edition(folder, shop)
        return
    context = multiprocessing.get_context("fork" if settings.fork else "spawn")
    chunk = max(1, min(16, len(folders) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=min(jobs, len(folders)), mp_context=context,
                             initializer=_open_workshop, initargs=(inputs,)) as pool:
        yield from pool.map(_build_in_worker, folders, chunksize=chunk)


# A worker process's workshop, made by the pool's initializer: the one place where a process keeps state
# between tasks, because the pool gives no other way to reuse compiled templates across its tasks.
_WORKSHOP: list[Workshop] = []


def _open_workshop(inputs: SharedInputs) -> None:
    _WORKSHOP[:] = [Workshop.open(inputs)]


def _build_in_worker(folder: Path) -> EditionRecord:
    return build_edition(folder, _WORKSHOP[0])
