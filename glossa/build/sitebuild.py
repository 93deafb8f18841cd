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

import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error, has_errors, sorted_diagnostics
from ..model import SiteOverview
from ..outputs import discovery
from ..outputs.html.renderer import Renderer, site_jobs
from ..outputs.pdf.printed import PrintedLookup, with_printed
from ..outputs.search.index import search_index
from ..read.listing import ContentListing
from ..read.reader import GlossaryMemo, Reader
from ..read.schema import SchemaSet
from ..records import GlossaryEntrySource
from ..resolve.resolver import glossary_groups, resolve_glossary, unlinked_entries
from .editionbuild import EditionRecord, SharedInputs, Workshop, build_edition, glossary_forms_digest
from .store import FileDigests, Store, digest, pickled_digest
from .workers import EditionWorkers

# Below this many editions to build, starting worker processes costs more than it saves.
MIN_PARALLEL = 4
DIGESTS_FILE = "digests"   # in the cache: each file's digest by its stamp, for the next build (store.FileDigests)
GLOSSA_CODE = Path(__file__).resolve().parents[1]   # the glossa package: its code is part of every key


class BuildMemo:
    """What a long-running process (serve) keeps from one build to the next, so that after a save it
    rereads only what changed: file digests, the listing of content/, the glossary as read (resolve_glossary
    remembers it resolved) and the compiled templates. Nothing in it changes what a build produces, with one
    exception that serve asks for (`keep_search`): the search index of its first build is kept, because indexing
    a whole site again takes seconds, where a saved note must show in a blink; `build` always indexes. A plain
    build uses a new, empty memo; serve keeps one and tells it which paths its watcher saw change."""

    def __init__(self, *, trust_watcher: bool = False, keep_search: bool = False) -> None:
        self.keep_search = keep_search
        self.search: dict[str, str] | None = None
        self.files = FileDigests(trust_watcher=trust_watcher)
        self.listing: ContentListing | None = None
        self.glossary: tuple[str, tuple[GlossaryEntrySource, ...], list[Diagnostic]] | None = None
        self.workshop: tuple[str, Workshop] | None = None
        self._trust = trust_watcher
        self._digests_loaded = False
        self._folders: dict[Path, str] = {}
        self._records: dict[str, object] = {}   # cache key -> record already loaded (and its blobs checked)
        self.printed = PrintedLookup()           # which editions have a PDF (outputs/pdf/printed.py)
        # The last build's cached editions, and what they were found valid against (entry digests, slugs):
        # while neither changed, they need no check again (a thousand checks were a tenth of a rebuild).
        self._valid: tuple[dict[str, str], set[str], frozenset[str]] | None = None
        self._reserved: tuple[tuple[tuple[Path, ...], frozenset[str]], list[Diagnostic]] | None = None

    def record(self, store: Store, key: str) -> object | None:
        """A record from the cache, kept in memory by a long-running process once it has been loaded."""
        found = self._records.get(key)
        if found is None:
            found = store.get_record(key)
        return found

    def slim(self, record: EditionRecord) -> EditionRecord:
        """What the rest of a plain build needs of an edition's record: not what only told whether the cache
        could be used (serve keeps whole records for its next build; a copy would cost more than it saves)."""
        if self._trust:
            return record
        return replace(record, entries_used=(), editions_used=(), entries_used_digests=())

    def release_inputs(self, store: Store) -> None:
        """Once every cache key is made, a plain build needs neither the listing of content/ nor the file
        digests: the digests are saved for the next build and both are dropped, so that the editions' records
        and the site-wide pages reuse their memory (at a thousand editions, a sixth of the build's peak).
        Serve keeps both for its next build."""
        if not self._trust:
            self.save_digests(store)
            self.files = FileDigests()
            self.listing = None
            self._folders.clear()

    def remember(self, key: str, record: object) -> None:
        if self._trust:
            self._records[key] = record

    def knows(self, key: str) -> bool:
        return key in self._records

    def valid_before(self, entry_digests: dict[str, str], slugs: set[str]) -> frozenset[str]:
        """The keys of the editions the last build found valid, when it checked them against the same glossary
        entries and editions (else none: each is checked again)."""
        if self._trust and self._valid is not None and self._valid[:2] == (entry_digests, slugs):
            return self._valid[2]
        return frozenset()

    def found_valid(self, entry_digests: dict[str, str], slugs: set[str], keys: Iterable[str]) -> None:
        if self._trust:
            self._valid = (entry_digests, slugs, frozenset(keys))

    def reserved_names(self, folders: Sequence[Path], taken: set[str], reader: Reader) -> list[Diagnostic]:
        """reserved_names, again only when the edition folders or the site's names changed."""
        key = (tuple(folders), frozenset(taken))
        if self._reserved is None or self._reserved[0] != key:
            self._reserved = (key, reserved_names(folders, taken, reader))
        return list(self._reserved[1])

    def load_digests(self, store: Store) -> None:
        """The file digests the last build saved in the cache (once: serve then keeps its own up to date)."""
        if not self._digests_loaded:
            self.files.load(store.folder / DIGESTS_FILE)
            self._digests_loaded = True

    def save_digests(self, store: Store) -> None:
        """Saved by a plain build for the next one; serve keeps them in memory (saving would slow every save)."""
        if not self._trust:
            self.files.save(store.folder / DIGESTS_FILE)

    def changed(self, paths: Iterable[Path]) -> None:
        paths = list(paths)
        self.files.forget(paths)
        if self.listing is not None:
            self.listing.update(paths)
        for path in paths:
            for folder in (path, *path.parents):
                self._folders.pop(folder, None)

    def folder_digest(self, folder: Path, listing: ContentListing) -> str:
        """The digest of every file below `folder` in the listing, names and contents (an edition's own
        part of its cache key). Kept between builds only while the watcher says nothing in it changed."""
        known = self._folders.get(folder) if self._trust else None
        if known is None:
            known = digest(*[part for name in listing.names_in(folder)
                             for part in (name.encode(), self.files.of(f"{folder}/{name}").encode())])
            self._folders[folder] = known
        return known


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
    memo: BuildMemo = field(default_factory=BuildMemo)
    base_url: str = ""                      # given on the command line: replaces site.yaml's (which may then be absent)


@dataclass(frozen=True, kw_only=True)
class SiteBuild:
    """The result: the site as path -> blob digest (empty when there are errors), and every diagnostic."""

    manifest: dict[str, str]
    diagnostics: list[Diagnostic]
    store: Store
    built: tuple[str, ...]      # editions built this time
    cached: tuple[str, ...]     # editions taken from the cache
    print_keys: tuple[tuple[str, str], ...] = ()   # slug -> the key a PDF printed of its pages is kept under

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass(frozen=True, kw_only=True)
class SitePages:
    """The site-wide pages of one state of the site, as kept in the cache."""

    pages: tuple[tuple[str, str], ...]     # path -> blob digest
    diagnostics: tuple[Diagnostic, ...]


def build_site(settings: BuildSettings) -> SiteBuild:
    memo, store = settings.memo, Store(folder=settings.cache)
    jobs = settings.jobs or os.cpu_count() or 1
    parallel = jobs >= 2 and _edition_folders(settings.content) >= MIN_PARALLEL
    # Forked before anything is read, so that no worker starts as a copy of a parent grown with the listing of
    # content/ and its digests (workers.py).
    with EditionWorkers(jobs, fork=settings.fork) if parallel else nullcontext() as workers:
        memo.load_digests(store)
        try:
            return _build_site(settings, memo, store, workers)
        finally:
            memo.save_digests(store)


def _build_site(settings: BuildSettings, memo: BuildMemo, store: Store, workers: EditionWorkers | None
                ) -> SiteBuild:
    reader = Reader(settings.root, SchemaSet.load(settings.schemas))
    shared, problems = reader.read_shared(settings.content, memo.listing, _glossary_memo(memo))
    memo.listing = shared.listing
    shared = replace(shared, listing=None)   # the memo holds it, and lets it go once the cache keys are made
    if settings.base_url:  # where this build is published (a CI deploy knows its address): site.yaml's gives way
        shared = replace(shared, base_url=settings.base_url)
        problems = [p for p in problems if p.code is not Code.NO_BASE_URL]
    if shared.title is None or memo.listing is None:
        return SiteBuild(manifest={}, diagnostics=sorted_diagnostics(problems), store=store, built=(), cached=())
    folders = list(shared.folders)
    slugs = [f.name for f in folders]
    glossary_key = digest(memo.glossary[0].encode() if memo.glossary else b"", *[s.encode() for s in slugs])
    glossary, found = resolve_glossary(shared.glossary, slugs)   # remembered while entries and slugs are the same
    problems += found
    if settings.shard is not None:
        folders = shard_of(folders, *settings.shard)
    base = digest(_code_digest().encode(), _folder_digest(settings.templates, memo.files).encode(),
                  _folder_digest(settings.schemas, memo.files).encode(), shared.title.encode(),
                  glossary_forms_digest(glossary).encode(), repr(shared.limits).encode(), shared.base_url.encode())
    inputs = SharedInputs(root=settings.root, templates=settings.templates, schemas=settings.schemas,
                          store=store.folder, site_title=shared.title, glossary=glossary, limits=shared.limits,
                          base_url=shared.base_url)
    entry_digests = {e.id: memo.files.of(settings.root / e.location.path) for e in shared.glossary}
    unprinted = {f.name: digest(base.encode(), f.name.encode(), memo.folder_digest(f, memo.listing).encode())
                 for f in folders}
    printed = memo.printed.find(store, unprinted)   # PDFs `build.py pdf` printed from these inputs (outputs/pdf/)
    base, keys = with_printed(base, unprinted, printed)
    inputs = replace(inputs, printed=tuple(sorted(printed.items())))
    memo.release_inputs(store)   # every key is made: what only keys needed goes before the records arrive
    records: dict[str, EditionRecord] = {}
    known_slugs = set(slugs)
    valid = memo.valid_before(entry_digests, known_slugs)
    for folder in folders:
        key = keys[folder.name]
        record = memo.record(store, key)
        if isinstance(record, EditionRecord) and (key in valid or _still_valid(
                record, entry_digests, known_slugs, None if memo.knows(key) else store)):
            records[folder.name] = memo.slim(record)
            memo.remember(key, record)
    cached = tuple(sorted(records))
    missing = [f for f in folders if f.name not in records]
    for record in _build_all(missing, inputs, settings, base, workers):
        if record.ok:
            record = _with_entry_digests(record, entry_digests)
            store.put_record(keys[record.folder], record)
            memo.remember(keys[record.folder], record)
        records[record.folder] = memo.slim(record)
    if workers is not None:
        workers.close()   # the rest of the build is this process's alone
    ordered = [records[f.name] for f in folders]
    memo.found_valid(entry_digests, known_slugs, [keys[f.name] for f, r in zip(folders, ordered) if r.ok])
    for record in ordered:
        problems += record.diagnostics
    facts = [r.facts for r in ordered if r.facts is not None]
    complete = all(r.listing is not None for r in ordered) and settings.shard is None
    if complete:  # with an edition unread (or only a share built), a missing link may only be a consequence
        problems += unlinked_entries(glossary, facts)
    built = tuple(sorted(f.name for f in missing))
    # The site-wide pages are rendered even when an edition failed: their names are what edition names
    # must not take, and every problem is reported in one run. They are cached too, under everything they
    # show: an edit that changes no edition's listing or glossary links leaves them as they were.
    site_key = digest(b"site-pages", base.encode(), glossary_key.encode(), shared.description.encode(),
                      *[r.summary_digest.encode() for r in ordered])
    site = memo.record(store, site_key)
    overview = None
    if not isinstance(site, SitePages) or not (memo.knows(site_key) or store.has_blobs([k for _, k in site.pages])):
        overview = SiteOverview(title=shared.title, description=shared.description,
                                editions=tuple(r.listing for r in ordered if r.listing is not None),
                                glossary=glossary_groups(glossary, facts), base_url=shared.base_url)
    edition_pages = [page for record in ordered for page in record.pages]
    # From here on only the overview, the pages and the problems are needed: the records (and each edition's
    # facts, now in the overview's glossary) go before the site-wide pages are drawn, the build's largest step.
    del records, ordered, facts
    if overview is not None:
        site = _site_pages(overview, _workshop(memo, inputs, base).renderer, store, base)
        del overview
        if complete and not has_errors(site.diagnostics):
            store.put_record(site_key, site)
    assert isinstance(site, SitePages)
    memo.remember(site_key, site)
    problems += site.diagnostics
    problems += memo.reserved_names(folders, {path.split("/", 1)[0].casefold() for path, _ in site.pages}
                               | {urls.SEARCH_FOLDER}, reader)
    manifest = dict(site.pages)
    manifest.update(edition_pages)
    if settings.shard is None and not has_errors(problems):  # indexed from the finished pages
        if memo.keep_search and memo.search is not None:
            index = memo.search
        else:
            index, found = search_index(manifest, store, known_slugs)
            problems += found
            memo.search = index
        manifest.update(index)
    if has_errors(problems):
        manifest = {}
    return SiteBuild(manifest=manifest, diagnostics=sorted_diagnostics(problems), store=store, built=built,
                     cached=cached, print_keys=tuple(sorted(unprinted.items())))


def _site_pages(overview: SiteOverview, renderer: Renderer, store: Store, base: str) -> SitePages:
    """Every site-wide page, each taken from the cache while what it shows is unchanged: a change in one
    edition's links to one entry renders that entry's page again, not the whole glossary."""
    pages: list[tuple[str, str]] = []
    problems: list[Diagnostic] = []
    # The sitemap and the feed first: drawing them briefly holds all of a thousand editions' entries at once,
    # which is better done before the pages fill the caches of links they draw (listed last all the same).
    discovered = [(page.path, store.put_blob(page.content)) for page in discovery.site_files(overview)]
    for job in site_jobs(overview):
        key = digest(b"site-page", base.encode(), job.path.encode(), pickled_digest((job.context, job.info)).encode())
        blob = store.get_record(key)
        if not isinstance(blob, str) or not store.has_blobs([blob]):
            rendered, found = renderer.render([job])
            problems += found
            if not rendered:
                continue
            blob = store.put_blob(rendered[0].content)
            if not found:
                store.put_record(key, blob)
        pages.append((job.path, blob))
    pages += [(page.path, store.put_blob(page.content)) for page in renderer.static_files()]
    pages += discovered
    return SitePages(pages=tuple(pages), diagnostics=tuple(problems))


def _glossary_memo(memo: BuildMemo) -> GlossaryMemo:
    """The glossary as read last time, while none of its files changed."""
    def read(reader: Reader, content: Path, listing: ContentListing
             ) -> tuple[tuple[GlossaryEntrySource, ...], list[Diagnostic]]:
        key = memo.folder_digest(content / "glossary", listing)
        if memo.glossary is None or memo.glossary[0] != key:
            memo.glossary = (key, *reader.read_glossary(content))
        return memo.glossary[1], list(memo.glossary[2])
    return read


def _workshop(memo: BuildMemo, inputs: SharedInputs, base: str) -> Workshop:
    key = digest(base.encode(), repr((inputs.root, inputs.store, inputs.site_title)).encode(),
                 str(id(inputs.glossary)).encode())
    if memo.workshop is None or memo.workshop[0] != key:
        memo.workshop = (key, Workshop.open(inputs))
    return memo.workshop[1]


def shard_of(folders: Sequence[Path], k: int, n: int) -> list[Path]:
    """The K-th of N shares of the editions (K from 1): every N-th in name order, so shares stay balanced
    and a given edition always falls in the same share."""
    return [f for i, f in enumerate(sorted(folders, key=lambda f: f.name)) if i % n == k - 1]


def reserved_names(folders: Sequence[Path], taken: set[str], reader: Reader) -> list[Diagnostic]:
    """G184 for an edition whose folder name is one the site's own pages use, one that would make the edition's
    own files overwrite each other ('source'), or another edition's but for case (many file systems and hosts
    ignore case: `Assets/` and `assets/` are one folder there)."""
    problems = []
    seen: dict[str, str] = {}
    for folder in folders:
        slug, key = folder.name, folder.name.casefold()
        clashes = urls.edition_file_clashes(slug)
        if key not in taken and key not in seen and not clashes:   # the usual case: no location made
            seen[key] = slug
            continue
        where = SourceLocation(reader.rel(folder), 1)
        if key in taken:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder name '{slug}' is taken by the "
                                  f"site itself: its pages would overwrite the site's {key}.", where,
                                  "Rename the folder. Names the site uses (in any case): "
                                  + ", ".join(sorted(taken)) + "."))
        elif clashes:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder name '{slug}' is taken by a "
                                  f"file every edition may publish: {', '.join(clashes)} would be overwritten by "
                                  "a file the edition names after itself.", where, "Rename the folder."))
        elif key in seen:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder names '{seen[key]}' and '{slug}' "
                                  "differ only in case: on many systems they are one folder.", where,
                                  "Rename one of the two folders."))
        seen.setdefault(key, slug)
    return problems


def _still_valid(record: EditionRecord, entry_digests: dict[str, str], slugs: set[str], store: Store | None) -> bool:
    """A cached edition is used only while the glossary entries it shows and the editions it links to are as
    they were, and its pages are still in the store (`store` None: known to be, this process checked)."""
    used = dict(record.entries_used_digests)
    return (all(entry_digests.get(entry) == d for entry, d in used.items())
            and set(record.editions_used) <= slugs
            and (store is None or store.has_blobs([key for _, key in record.pages])))


def _with_entry_digests(record: EditionRecord, entry_digests: dict[str, str]) -> EditionRecord:
    return replace(record, entries_used_digests=tuple((e, entry_digests.get(e, "")) for e in record.entries_used))


def _build_all(folders: list[Path], inputs: SharedInputs, settings: BuildSettings, base: str,
               workers: EditionWorkers | None) -> Iterator[EditionRecord]:
    if workers is None or len(folders) < MIN_PARALLEL:
        shop = _workshop(settings.memo, inputs, base)
        for folder in folders:
            yield build_edition(folder, shop)
        return
    yield from workers.build(folders, inputs)


def _edition_folders(content: Path) -> int:
    """How many entries content/editions/ has: whether a pool could be needed, asked before anything is read."""
    try:
        with os.scandir(content / "editions") as entries:
            return sum(1 for _ in entries)
    except OSError:
        return 0


@functools.cache
def _code_digest() -> str:
    """Glossa's own code, part of every cache key. Read once per process: the code a process runs cannot change
    under it (an edit on disk changes the next process, which reads it again), and a hundred files read for
    every build were a tenth of a small one."""
    files = sorted(path for path in GLOSSA_CODE.rglob("*.py") if "__pycache__" not in path.parts)
    return digest(*[part for path in files
                    for part in (path.relative_to(GLOSSA_CODE).as_posix().encode(), path.read_bytes())])


def _folder_digest(folder: Path, files: FileDigests, pattern: str = "*") -> str:
    parts: list[bytes] = []
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:
            parts += [path.relative_to(folder).as_posix().encode(), files.of(path).encode()]
    return digest(*parts)
