"""A collection built serially, in parallel, from the cache, and in shards merged afterwards gives the same
bytes; after a change, exactly the editions that depend on it are built again."""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from glossa import urls
from glossa.cli import main
from glossa.build.pipeline import BuildOptions, Project, build, build_and_write
from glossa.build.store import FileDigests
from glossa.stamps import RACY_NS


EDITIONS = 6
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def collection(collections: Callable[[int], Path]) -> Path:
    return collections(EDITIONS)


@pytest.fixture(scope="module")
def built_collection(collection: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build cache left by one cold build of the collection. A cache does not depend on where the content
    is, so a copy of the content finds a copy of it warm: tests whose subject is what a later build does start
    from a copy, not from a cold build of their own (the cold build is the subject of the first tests)."""
    cache = tmp_path_factory.mktemp("built-collection") / "cache"
    assert len(build(Project.at(ROOT, collection / "content"), BuildOptions(cache=cache)).built) == EDITIONS
    return cache


@pytest.fixture
def corpus(collection: Path, tmp_path: Path) -> Path:
    """A private copy, for tests that change it."""
    shutil.copytree(collection / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def cache(built_collection: Path, tmp_path: Path) -> Path:
    """A private copy of the collection's warm build cache."""
    return shutil.copytree(built_collection, tmp_path / "cache")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built_site(project_root: Path, content: Path, site: Path, **options: object) -> dict[str, bytes]:
    outcome = build_and_write(Project.at(project_root, content), site, options=BuildOptions(**options))  # type: ignore[arg-type]
    assert outcome.wrote, [d.format() for d in outcome.diagnostics]
    return files(site)


def test_serial_parallel_and_cached_builds_are_byte_identical(project_root, collection, tmp_path):
    content = collection / "content"
    serial = built_site(project_root, content, tmp_path / "serial", jobs=1, cache=tmp_path / "c1")
    parallel = built_site(project_root, content, tmp_path / "parallel", jobs=2, cache=tmp_path / "c2")
    cached = built_site(project_root, content, tmp_path / "cached", jobs=2, cache=tmp_path / "c2")
    assert len(serial) > 3 * EDITIONS
    assert serial == parallel == cached


def test_a_second_build_takes_every_edition_from_the_cache(project_root, collection, tmp_path):
    project = Project.at(project_root, collection / "content")
    first = build(project, BuildOptions(cache=tmp_path / "cache"))
    second = build(project, BuildOptions(cache=tmp_path / "cache"))
    assert len(first.built) == EDITIONS and first.cached == ()
    assert second.built == () and len(second.cached) == EDITIONS
    assert first.manifest == second.manifest


def test_sharded_builds_merged_equal_a_single_build(project_root, collection, cache, tmp_path, capsys):
    content = collection / "content"
    single = built_site(project_root, content, tmp_path / "single", cache=cache)
    shards = []
    for k in (1, 2, 3):
        cache = tmp_path / f"shard-{k}"
        assert main(["build", "--content", str(content), "--shard", f"{k}/3", "--cache", str(cache)],
                    root=project_root) == 0
        shards.append(str(cache))
    capsys.readouterr()
    assert main(["merge", *shards, "--content", str(content), "--cache", str(tmp_path / "merged-cache"),
                 "--site", str(tmp_path / "merged")], root=project_root) == 0
    assert files(tmp_path / "merged") == single
    merged = build(Project.at(project_root, content), BuildOptions(cache=tmp_path / "merged-cache"))
    assert merged.built == (), "every edition came from a shard's cache"


def test_a_note_change_rebuilds_only_its_edition(project_root, corpus, cache):
    project, options = Project.at(project_root, corpus), BuildOptions(cache=cache)
    before = build(project, options)
    assert before.built == ()
    note = sorted(corpus.glob("editions/*/notes/note-1.yaml"))[2]
    note.write_text(note.read_text().replace("body: Note 1", "body: A changed note 1"))
    after = build(project, options)
    slug = note.parents[1].name
    assert after.built == (slug,)
    changed = {path for path in after.manifest if before.manifest.get(path) != after.manifest[path]
               and not path.startswith(urls.SEARCH_FOLDER + "/")}   # the search index covers every page
    # the reader, the annotation export and the EPUB all show the note's text
    assert changed == {urls.reader_page(slug), urls.annotations_file(slug), urls.epub_file(slug)}


def test_a_glossary_definition_change_rebuilds_exactly_the_editions_that_link_it(project_root, corpus, cache,
                                                                                   tmp_path):
    project, options = Project.at(project_root, corpus), BuildOptions(cache=cache)
    before = build(project, options)
    site = built_site(project_root, corpus, tmp_path / "site", cache=cache)
    readers = {path.split("/")[0]: body for path, body in site.items() if path.endswith("/index.html") and "/" in path}

    def linking(entry_id: str) -> set[str]:
        return {slug for slug, body in readers.items()
                if f'class="term" href="{urls.page_url(urls.reader_page(slug), urls.entry_page(entry_id))}"'.encode() in body}

    # an entry that some editions link and others do not
    entry = next(e for e in sorted(corpus.glob("glossary/*.yaml")) if 0 < len(linking(e.stem)) < EDITIONS)
    entry.write_text(entry.read_text().replace("An invented word", "A changed invented word"))
    after = build(project, options)
    assert set(after.built) == linking(entry.stem)
    assert before.manifest["glossary/index.html"] != after.manifest["glossary/index.html"]


def test_an_unchanged_build_in_place_writes_nothing_and_a_change_writes_only_what_shows_it(project_root, corpus, cache,
                                                                                          tmp_path):
    project, options = Project.at(project_root, corpus), BuildOptions(cache=cache)
    site = tmp_path / "site"
    first = build_and_write(project, site, options=options)
    again = build_and_write(project, site, options=options, previous=first.manifest)
    assert again.wrote and again.changed == 0
    note = sorted(corpus.glob("editions/*/notes/note-2.yaml"))[0]
    note.write_text(note.read_text().replace("body: Note 2", "body: Edited note 2"))
    third = build_and_write(project, site, options=options, previous=again.manifest)
    own = {path for path, key in third.manifest.items() if again.manifest.get(path) != key
           and not path.startswith(urls.SEARCH_FOLDER + "/")}   # the search index covers every page
    slug = note.parents[1].name  # the reader, the annotation export and the EPUB all show the note
    assert own == {urls.reader_page(slug), urls.annotations_file(slug), urls.epub_file(slug)}
    assert "Edited note 2" in (site / note.parents[1].name / "index.html").read_text()
    fresh = built_site(project_root, corpus, tmp_path / "fresh", cache=tmp_path / "other-cache")
    assert files(site) == fresh, "updating in place gives the same site as a fresh build"


def test_the_index_is_paginated_and_the_glossary_index_does_not_grow_with_the_collection(project_root, tmp_path,
                                                                                         collections, monkeypatch):
    from glossa import urls
    monkeypatch.setattr(urls, "EDITIONS_PER_INDEX_PAGE", 4)  # the real page holds 100; the rule is the same
    monkeypatch.setattr(urls, "PLACES_PER_ENTRY_PAGE", 2)    # likewise an entry's places
    sites = {}
    for n in (3, EDITIONS):
        sites[n] = built_site(project_root, collections(n) / "content", tmp_path / f"site{n}", jobs=1, cache=tmp_path / f"k{n}")
    big = sites[EDITIONS]
    first, second = big["index.html"].decode(), big["index-2.html"].decode()
    assert 'rel="next" href="index-2.html"' in first and 'rel="prev" href="./"' in second
    listed = re.findall(r'<h3><a href="(edition-\d+)/">', first + second)
    assert listed == [f"edition-{i:04d}" for i in range(1, EDITIONS + 1)]
    assert "index-2.html" not in sites[3], "three editions fit on one page"
    # The site's verdicts are paginated as the index is: page N holds the verdicts of the editions of index page N.
    verdicts = [big[urls.site_verdicts_page(n)].decode() for n in (1, 2)]
    assert 'rel="next" href="verdicts-2.html"' in verdicts[0] and 'rel="prev" href="verdicts.html"' in verdicts[1]
    assert 'href="verdicts-2.html">The verdicts' in second
    grouped = [re.findall(r'<h2 id="verdicts-\d+"><a href="(edition-\d+)/">', page) for page in verdicts]
    assert grouped == [listed[:4], listed[4:8]], "each verdicts page holds its index page's editions, in order"
    assert "verdicts-2.html" not in sites[3]
    assert sites[3]["glossary/index.html"] == big["glossary/index.html"], \
        "the glossary's index shows no occurrences: its size does not depend on how many editions there are"
    # An entry's places are paginated too: together its pages list, once each and in order, the editions of
    # the small site's page and the rest, and only the first page is searchable.
    entries = sorted(p.split("/")[1] for p in big if p.startswith("glossary/") and p.endswith("/index.html")
                     and p.count("/") == 2)
    spread = [e for e in entries if f"glossary/{e}/2.html" in big]
    assert spread, "with two places a page, some entry of the big site needs a second page"
    entry = spread[0]
    pages = [big[urls.entry_page(entry, n)].decode() for n in range(1, 10) if urls.entry_page(entry, n) in big]
    places = [re.findall(r'href="\.\./\.\./(edition-\d+)/#p-', page) for page in pages]
    assert all(0 < len(set(found)) <= 2 for found in places)
    everywhere = [slug for found in places for slug in dict.fromkeys(found)]
    assert everywhere == sorted(set(everywhere)) and len(everywhere) > 2, everywhere
    assert 'rel="next" href="2.html"' in pages[0] and 'rel="prev" href="./"' in pages[1]
    assert "data-pagefind-body" in pages[0] and all("data-pagefind-body" not in page for page in pages[1:])


def _same_size_edit(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` by `new` (as long) in the file, then set its mtime back to what it was, as `touch -d` can."""
    assert len(old) == len(new)
    before = path.stat()
    text = path.read_bytes()
    assert old in text
    path.write_bytes(text.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_digest_is_trusted_by_its_stamp_only_when_not_racy(tmp_path):
    """The rule (store.FileDigests): a file whose size, mtime, ctime and inode are as recorded is not read again,
    provided its ctime was older than the moment it was hashed by more than RACY_NS; otherwise it is read."""
    note, saved = tmp_path / "note.yaml", tmp_path / "digests"
    note.write_bytes(b"body: first")
    first = FileDigests()
    true_digest = first.of(note)
    first.save(saved)
    entry = first.entry(note)
    assert entry is not None and entry.digest == true_digest
    bogus = "0" * 64

    def plant(hashed_ns: int) -> None:
        """Save, as the last build's, a wrong digest for the note with its true stamp, hashed at `hashed_ns`."""
        planted = FileDigests()
        planted.put(note, replace(entry, digest=bogus, hashed_ns=hashed_ns))
        planted.save(saved)

    # Just hashed: racy, so a wrong recorded digest is not believed.
    plant(entry.hashed_ns)
    racy = FileDigests()
    racy.load(saved)
    assert racy.of(note) == true_digest
    # Hashed long after the file last changed: the stamp alone is believed (the wrong digest shows it).
    plant(entry.hashed_ns + 10 * RACY_NS)
    settled = FileDigests()
    settled.load(saved)
    assert settled.of(note) == bogus
    # An edit that keeps size and mtime (touch -d) still changes ctime, so the file is read again.
    _same_size_edit(note, b"first", b"FIRST")
    again = FileDigests()
    again.load(saved)
    assert again.of(note) not in (bogus, true_digest)


def test_an_edit_keeping_size_and_mtime_is_built(project_root, corpus, cache, tmp_path):
    project, site = Project.at(project_root, corpus), tmp_path / "site"
    build_and_write(project, site, options=BuildOptions(cache=cache))
    note = sorted(corpus.glob("editions/*/notes/note-1.yaml"))[0]
    _same_size_edit(note, b"Note 1", b"Zote 1")
    outcome = build_and_write(project, site, options=BuildOptions(cache=cache))
    assert outcome.built == (note.parents[1].name,)
    assert "Zote 1" in (site / note.parents[1].name / "index.html").read_text(encoding="utf-8")


def test_a_build_with_nothing_changed_writes_nothing_and_repairs_an_edited_site(project_root, collection, cache,
                                                                               tmp_path):
    project, site = Project.at(project_root, collection / "content"), tmp_path / "site"
    build_and_write(project, site, options=BuildOptions(cache=cache))
    written = files(site)
    folder = site.stat().st_ino
    build_and_write(project, site, options=BuildOptions(cache=cache))
    assert site.stat().st_ino == folder            # no new site swapped in: it already was this build's output
    page = sorted(site.glob("*/index.html"))[0]
    text = page.read_bytes()
    _same_size_edit(page, text[-20:], text[-20:].upper() if text[-20:].upper() != text[-20:] else b"x" * 20)
    (site / "stray.txt").write_text("not Glossa's")
    build_and_write(project, site, options=BuildOptions(cache=cache))
    assert site.stat().st_ino != folder
    assert files(site) == written
