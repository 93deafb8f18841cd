"""The search index: Pagefind run over the site's rendered HTML, its files added to the site.

Pagefind reads finished pages, so this runs after rendering: the manifest's HTML pages are linked (or copied) from
the store into a temporary folder, Pagefind indexes what the templates mark (`data-pagefind-body`, `-filter`,
`-ignore`), and its output goes back into the store. The result is cached under the digests of every HTML page and
Pagefind's version, so a site whose pages did not change is not indexed again."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
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
OPTIONS = ("--silent",)   # errors only (a test case swaps in an option Pagefind refuses, to see G152)
TIMEOUT = 600                # seconds: far above what a large site takes, a guard against a hung binary


@dataclass(frozen=True, kw_only=True)
class SearchIndex:
    """What the index adds to the site (path -> blob digest), as kept in the cache."""

    files: tuple[tuple[str, str], ...]


def search_index(manifest: Mapping[str, str], store: Store) -> tuple[dict[str, str], list[Diagnostic]]:
    """Pagefind's files for the site whose pages are `manifest` (path -> blob digest), and any problem."""
    pages = sorted((path, key) for path, key in manifest.items() if path.endswith(".html"))
    key = digest(b"pagefind", PAGEFIND_VERSION.encode(), repr(OPTIONS).encode(), Path(__file__).read_bytes(),
                 *[part.encode() for pair in pages for part in pair])
    cached = store.get_record(key)
    script = {SCRIPT: store.put_blob(SCRIPT_FILE.read_bytes())}   # the page's own script, beside the index
    if isinstance(cached, SearchIndex) and store.has_blobs([blob for _, blob in cached.files]):
        return dict(cached.files) | script, []
    try:
        files = _run_pagefind(pages, store)
    except (OSError, subprocess.SubprocessError, RuntimeError, ValueError, KeyError) as exc:
        return {}, [error(Code.SEARCH_INDEX_FAILED, f"The search index could not be built: {exc}",
                          SourceLocation("pyproject.toml", 1))]
    store.put_record(key, SearchIndex(files=files))
    return dict(files) | script, []


def _run_pagefind(pages: list[tuple[str, str]], store: Store) -> tuple[tuple[str, str], ...]:
    with tempfile.TemporaryDirectory(prefix="glossa-search-") as tmp:
        site = Path(tmp) / "site"
        for path, key in pages:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(store.blob_path(key), target)
        result = subprocess.run([str(_executable()), "--site", str(site), "--output-subdir", urls.SEARCH_FOLDER,
                                 *OPTIONS], capture_output=True, text=True, timeout=TIMEOUT, check=False)
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise RuntimeError(said[-1] if said else f"pagefind exited with status {result.returncode}")
        out = site / urls.SEARCH_FOLDER
        canonicalise(out)   # Pagefind's filter files come out in a random order: made stable (canonical.py)
        files = [(f"{urls.SEARCH_FOLDER}/{p.relative_to(out).as_posix()}", store.put_blob(p.read_bytes()))
                 for p in sorted(out.rglob("*")) if p.is_file() and p.name not in UNUSED]
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
