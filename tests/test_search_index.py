"""The search index and the search page without a browser: Pagefind's own files read back (what each page is filed
under), the one relaxed Content-Security-Policy and the index cached under the pages it was built from (the same
bytes from two builds: test_reproducible.py). tests/browser/test_search.py searches it in Chromium."""
from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossa import urls
from glossa.build.store import Store
from glossa.codes import Code
from glossa.outputs.html.renderer import CSP
from glossa.outputs.search import index as search

from editions import FIRST_EDITION, READER_PAGE, ROOT


class _Policy(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and (found.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(found.get("content") or "")


def _policies(page: Path) -> list[str]:
    parser = _Policy()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.policies


def _fragments(site: Path) -> list[dict]:
    """Pagefind's record of each page it indexed, in every part of the index: gzip, a signature, then JSON."""
    found = []
    for path in sorted((site / urls.SEARCH_FOLDER).rglob("fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[data.index(b"{"):]))
    return found


def test_only_the_search_page_allows_webassembly(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        policies = _policies(page)
        assert len(policies) == 1, f"{page}: {policies}"
        if page.relative_to(built_site).as_posix() == urls.SEARCH_PAGE:
            assert policies[0] == CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
        else:
            assert policies[0] == CSP, page
            assert "wasm" not in policies[0] and "unsafe" not in policies[0]
    headers = (built_site / urls.HEADERS_FILE).read_text(encoding="utf-8")
    rules = re.findall(r"^(\S+)\n((?:  .*\n)+)", headers, re.MULTILINE)
    strict = [body for path, body in rules if path == "/*"]
    assert len(strict) == 1 and "wasm" not in strict[0]
    relaxed = {path for path, body in rules if "'wasm-unsafe-eval'" in body}
    assert relaxed == {"/search.html", "/search", f"/{urls.SEARCH_FOLDER}/*"}


def test_the_index_files_each_kind_under_its_edition(built_site: Path) -> None:
    assert (built_site / urls.SEARCH_FOLDER / "pagefind.js").is_file()
    assert (built_site / urls.asset("search.js")).is_file()
    fragments = _fragments(built_site)
    reader = [f for f in fragments if f["url"] == "/" + urls.page_url(urls.INDEX_PAGE, urls.reader_page(FIRST_EDITION))]
    assert len(reader) == 1
    filters = reader[0]["filters"]
    assert set(filters["kind"]) == {"text", "note", "computation"}
    title = (built_site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8").split("<h1>", 1)[1].split("<")[0]
    assert filters["edition"] == [title]
    ids = {a["id"] for a in reader[0]["anchors"]}
    assert {"p-1", "p-2"} <= ids and any(i.startswith("note-") for i in ids)
    # The reader's list of terms is left out: the glossary's own pages are indexed instead.
    assert "Terms in this text" not in reader[0]["content"]
    glossary = [f for f in fragments if f["filters"].get("kind") == ["glossary"]]
    assert glossary and all(f["url"].startswith("/glossary/") for f in glossary)
    assert any(f["filters"].get("edition") == [title] for f in glossary)
    indexed = {f["url"] for f in fragments}
    assert "/" not in indexed and "/" + urls.VERDICTS_PAGE not in indexed   # pages not marked are not indexed


def test_an_unchanged_site_is_not_indexed_again(built_site: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(folder=tmp_path / "cache")
    manifest = {p.relative_to(built_site).as_posix(): store.put_blob(p.read_bytes())
                for p in built_site.rglob("*.html")}
    first, problems = search.search_index(manifest, store, {FIRST_EDITION})
    assert problems == [] and f"{urls.SEARCH_FOLDER}/pagefind.js" in first
    # Without a working binary, the same pages still get their index (from the cache) ...
    monkeypatch.setattr(search, "_executable", lambda: tmp_path / "no-such-pagefind")
    again, problems = search.search_index(manifest, store, {FIRST_EDITION})
    assert problems == [] and again == first
    # ... and changed pages do not: they would need Pagefind, and the build says so.
    changed = dict(manifest, **{urls.SEARCH_PAGE: store.put_blob(b"<!doctype html><title>changed</title>")})
    files, problems = search.search_index(changed, store, {FIRST_EDITION})
    assert files == {} and [p.code for p in problems] == [Code.SEARCH_INDEX_FAILED]


def test_the_editions_fall_into_more_groups_as_they_grow_never_past_the_most() -> None:
    counts = [search.group_count(n) for n in (1, 10, 32, 33, 100, 1000, 100_000)]
    assert counts == [1, 1, 1, 2, 4, 32, search.GROUPS]
    assert all(c & (c - 1) == 0 for c in counts)   # powers of two: a group only ever splits in two
    # An edition's group among twice as many is one of the two its group split into.
    for slug in (f"edition-{i}" for i in range(50)):
        assert int(search.group_of(slug, 8)) % 4 == int(search.group_of(slug, 4))


def _parts(files: dict[str, str]) -> dict[str, dict[str, str]]:
    """The index's files by the part they belong to: '' the primary, else the group's folder."""
    inside = urls.SEARCH_FOLDER + "/" + search.GROUP_FOLDER + "/"
    found: dict[str, dict[str, str]] = {}
    for path, key in files.items():
        part = path[len(inside):].split("/", 1)[0] if path.startswith(inside) else ""
        found.setdefault(part, {})[path] = key
    return found


def test_a_changed_edition_indexes_its_own_group_again(built_site: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(folder=tmp_path / "cache")
    # Two editions in two groups (one group per edition here, where a real site has one per 32 editions): the real
    # one's pages, and the same under another folder name.
    monkeypatch.setattr(search, "EDITIONS_PER_GROUP", 1)
    assert search.group_count(2) == 2

    def group_of(slug: str) -> str:
        return search.group_of(slug, 2)

    other = next(f"{FIRST_EDITION}-{i}" for i in range(100) if group_of(f"{FIRST_EDITION}-{i}")
                 != group_of(FIRST_EDITION))
    manifest: dict[str, str] = {}
    for page in built_site.rglob("*.html"):
        path = page.relative_to(built_site).as_posix()
        manifest[path] = store.put_blob(page.read_bytes())
        if path.startswith(FIRST_EDITION + "/"):
            manifest[other + path[len(FIRST_EDITION):]] = store.put_blob(page.read_bytes())
    first, problems = search.search_index(manifest, store, {FIRST_EDITION, other})
    assert problems == []
    parts = _parts(first)
    assert set(parts) == {"", group_of(FIRST_EDITION), group_of(other)}
    listed = json.loads(store.read_blob(first[search.PARTS_FILE]))["merge"]
    assert sorted(listed) == sorted(f"{search.GROUP_FOLDER}/{group_of(s)}/" for s in (FIRST_EDITION, other))
    # Only the primary carries Pagefind's script and WebAssembly; a group is merged into it.
    assert any(p.endswith("/pagefind.js") for p in parts[""])
    assert not any(p.rsplit("/", 1)[1].startswith(("pagefind.js", "wasm.")) for p in parts[group_of(other)])

    ran: list[str] = []
    real = search._run_pagefind

    def counted(pages: list[tuple[str, str]], store: Store, folder: str, unused: frozenset[str]
                ) -> tuple[tuple[str, str], ...]:
        ran.append(folder)
        return real(pages, store, folder, unused)

    monkeypatch.setattr(search, "_run_pagefind", counted)
    reader = other + "/" + READER_PAGE.split("/", 1)[1]
    edited = store.read_blob(manifest[reader]).replace(b"</article>", b"<p>Zanzibarine</p></article>", 1)
    assert edited != store.read_blob(manifest[reader])
    again, problems = search.search_index(dict(manifest, **{reader: store.put_blob(edited)}), store,
                                          {FIRST_EDITION, other})
    assert problems == []
    assert ran == [f"{urls.SEARCH_FOLDER}/{search.GROUP_FOLDER}/{group_of(other)}"]
    after = _parts(again)
    assert after[""] == parts[""] and after[group_of(FIRST_EDITION)] == parts[group_of(FIRST_EDITION)]
    assert after[group_of(other)] != parts[group_of(other)]
