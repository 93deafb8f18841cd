"""The search index: Pagefind run over the site's rendered HTML, its files added to the site.

Pagefind reads finished pages, so this runs after rendering: the manifest's HTML pages are linked (or copied) from
the store into a temporary folder, Pagefind indexes what the templates mark (`data-pagefind-body`, `-filter`,
`-ignore`), and its output goes back into the store.

The index is made in parts, which the search page merges in the browser (Pagefind's `mergeIndex`, which merges
results and filters alike): one for the site's own pages (the glossary's entries), the primary, whose folder also
holds Pagefind's script and WebAssembly; and one per group of editions, an edition's group chosen by a hash of its
folder name, so that a new edition joins one group and reshuffles none. Each part is cached under the digests of
its own pages and Pagefind's version, so a changed note indexes its group's editions again, not the site's, and
each Pagefind process holds one group (a few at a time, so memory stays flat as the site grows).

How many groups there are grows with the editions, about one per EDITIONS_PER_GROUP, in powers of two up to
GROUPS: most of a small part's indexing is Pagefind starting, so ten editions in ten groups took ten processes
where one does. For the same reason a site of one group is indexed whole, in one part: one Pagefind process over
the first edition's whole site takes less time of the processor than two over its halves (about 100 ms against
120), and a site that small is indexed again in a blink when a note changes. The count changes only when the
editions double past a threshold (the groups then split, and are indexed again once); it depends on nothing but
the number of editions, so the index stays deterministic."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from ... import urls
from ...codes import Code
from ...diagnostics import Diagnostic, SourceLocation, error
from ...build.store import Store, digest
from .canonical import canonicalise
from .page import SCRIPT

PAGEFIND_VERSION = "1.5.2"   # pinned in pyproject.toml; part of the cache key, so an upgrade re-indexes
SCRIPT_FILE = Path(__file__).with_name("search.js")
# Pagefind's ready-made interfaces: the search page draws its own results (search.js), so they are not published.
UNUSED = frozenset({"pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"})
# A merged part is searched by the primary's script and WebAssembly (Pagefind loads it without its own), so a
# group publishes only its index: its entry file, metadata, words, filters and page fragments.
GROUP_UNUSED = UNUSED | {"pagefind.js", "pagefind-worker.js"}
WASM_PREFIX = "wasm."      # wasm.en.pagefind, wasm.unknown.pagefind: the primary's only
OPTIONS = ("--silent",)   # errors only (a test case swaps in an option Pagefind refuses, to see G152)
TIMEOUT = 600                # seconds: far above what a large site takes, a guard against a hung binary
# Editions are spread over at most this many groups: at a thousand editions a group holds about thirty, which
# Pagefind indexes in a fraction of a second; a group is added for about every EDITIONS_PER_GROUP editions.
GROUPS = 32
EDITIONS_PER_GROUP = 32
PARALLEL_RUNS = 4           # at most this many Pagefind processes at once (one per core up to it)
GROUP_FOLDER = "groups"                                # the groups' parts: pagefind/groups/07/
PARTS_FILE = f"{urls.SEARCH_FOLDER}/glossa-parts.json"  # the parts the search page merges, relative to pagefind/
MARK = b"data-pagefind-body"   # Pagefind indexes only pages marked so, once any page in its run is


@dataclass(frozen=True, kw_only=True)
class SearchIndex:
    """What one part of the index adds to the site (path -> blob digest), as kept in the cache."""

    files: tuple[tuple[str, str], ...]


def group_count(editions: int) -> int:
    """How many groups `editions` editions are spread over: a power of two, about one group per
    EDITIONS_PER_GROUP editions, at most GROUPS."""
    count = 1
    while count < GROUPS and count * EDITIONS_PER_GROUP < editions:
        count *= 2
    return count


def group_of(slug: str, groups: int) -> str:
    """An edition's group among `groups`: a hash of its folder name, so it never moves when other editions come or
    go while the number of groups stays the same."""
    return f"{int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16) % groups:02d}"


def search_index(manifest: Mapping[str, str], store: Store, editions: Collection[str]
                 ) -> tuple[dict[str, str], list[Diagnostic]]:
    """Pagefind's files for the site whose pages are `manifest` (path -> blob digest), its editions' pages being
    those under the folders named in `editions`, and any problem."""
    parts: dict[str, list[tuple[str, str]]] = {"": []}   # group -> its HTML pages; "" the primary
    groups = group_count(len(editions))
    for path, key in sorted(manifest.items()):
        if path.endswith(".html"):
            top = path.split("/", 1)[0]
            grouped = groups > 1 and "/" in path and top in editions
            parts.setdefault(group_of(top, groups) if grouped else "", []).append((path, key))
    files = {SCRIPT: store.put_blob(SCRIPT_FILE.read_bytes())}   # the page's own script, beside the index
    names = sorted(name for name in parts if name)
    if not _marked(parts[""], store) and names:
        # No site page is marked for the index (a site without a glossary): the first group becomes the primary,
        # since Pagefind indexes every page of a run where none is marked, and a primary must exist.
        parts[""] += parts.pop(names[0])
        names = names[1:]
    merged = [f"{GROUP_FOLDER}/{name}/" for name in names]
    own_code = Path(__file__).read_bytes()   # in every part's key: a change here indexes again (read once)

    def part(name: str) -> dict[str, str]:
        folder = urls.SEARCH_FOLDER + (f"/{GROUP_FOLDER}/{name}" if name else "")
        return _part(parts[name], folder, store, own_code, primary=not name)

    try:
        # A Pagefind process per core at a time: each part is small, so most of a run is the process starting,
        # which overlaps well; memory stays that of a few small runs, not of one over the whole site.
        with ThreadPoolExecutor(max_workers=min(PARALLEL_RUNS, os.cpu_count() or 1)) as pool:
            for found in pool.map(part, ["", *names]):
                files.update(found)
    except (OSError, subprocess.SubprocessError, RuntimeError, ValueError, KeyError) as exc:
        return {}, [error(Code.SEARCH_INDEX_FAILED, f"The search index could not be built: {exc}",
                          SourceLocation("pyproject.toml", 1))]
    files[PARTS_FILE] = store.put_blob(json.dumps({"merge": merged}, separators=(",", ":")).encode())
    return files, []


def _part(pages: list[tuple[str, str]], folder: str, store: Store, own_code: bytes, *, primary: bool
          ) -> dict[str, str]:
    """One part of the index, from the cache while its pages are unchanged."""
    key = digest(b"pagefind", PAGEFIND_VERSION.encode(), repr(OPTIONS).encode(), own_code,
                 folder.encode(), *[part.encode() for pair in pages for part in pair])
    cached = store.get_record(key)
    if isinstance(cached, SearchIndex) and store.has_blobs([blob for _, blob in cached.files]):
        return dict(cached.files)
    files = _run_pagefind(pages, store, folder, UNUSED if primary else GROUP_UNUSED)
    store.put_record(key, SearchIndex(files=files))
    return dict(files)


def _marked(pages: list[tuple[str, str]], store: Store) -> bool:
    return any(MARK in store.read_blob(key) for _, key in pages)


def _run_pagefind(pages: list[tuple[str, str]], store: Store, folder: str, unused: frozenset[str]
                  ) -> tuple[tuple[str, str], ...]:
    with tempfile.TemporaryDirectory(prefix="glossa-search-") as tmp:
        site = Path(tmp) / "site"
        for path, key in pages:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(store.blob_path(key), target)
        result = subprocess.run([str(_executable()), "--site", str(site), "--output-subdir", folder,
                                 *OPTIONS], capture_output=True, text=True, timeout=TIMEOUT, check=False)
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise RuntimeError(said[-1] if said else f"pagefind exited with status {result.returncode}")
        out = site / folder
        canonicalise(out)   # Pagefind's filter files come out in a random order: made stable (canonical.py)
        files = [(f"{folder}/{p.relative_to(out).as_posix()}", store.put_blob(p.read_bytes()))
                 for p in sorted(out.rglob("*")) if p.is_file() and p.name not in unused
                 and not (unused is GROUP_UNUSED and p.name.startswith(WASM_PREFIX))]
    if not files:
        raise RuntimeError("pagefind wrote no files")
    return tuple(files)


def _executable() -> Path:
    # The binary ships inside the pagefind-bin wheel; imported here so a build that never indexes needs nothing.
    from pagefind_bin import get_executable  # type: ignore[import-untyped]  # no stubs; one function
    return Path(get_executable())


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link when the store and the temporary folder share a file system (no bytes copied), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
