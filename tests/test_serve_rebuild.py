"""What serve keeps between its builds gives the build a fresh process would give: after each change the watcher
reports, the same site (but for the search index, which serve keeps from its first build) and the same diagnostics,
so that keeping the listing, the checks and the lookups of a thousand editions loses no error a change causes."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from glossa import urls
from glossa.build.pipeline import BuildOptions, Project, build
from glossa.build.sitebuild import BuildMemo
from glossa.build.store import Store
from glossa.codes import Code
from glossa.diagnostics import Severity
from glossa.outputs.pdf.printed import PrintedLookup, mark_printed, record_key
from glossa.outputs.search.page import SCRIPT
from glossa.read.listing import ContentListing, Kind
from glossa.read.reader import _expected


EDITIONS = 4


@pytest.fixture(scope="module")
def collection(collections: Callable[[int], Path]) -> Path:
    return collections(EDITIONS)


@pytest.fixture
def content(collection: Path, tmp_path: Path) -> Path:
    shutil.copytree(collection / "content", tmp_path / "content")
    return (tmp_path / "content").resolve()


def _state(listing: ContentListing, folders: list[Path]) -> tuple[object, ...]:
    return (sorted(listing.kinds.items()), sorted(listing.unexpected.items()), listing.truncated,
            [listing.folders_in(f) for f in folders], [listing.files_in(f) for f in folders])


def _edition(content: Path) -> Path:
    return sorted((content / "editions").iterdir())[0]


# Each change made to content/, and the paths a watcher reports for it.
CHANGES: list[tuple[str, Callable[[Path], list[Path]]]] = [
    ("a stray file", lambda c: [_write(_edition(c) / "notes" / "draft.txt", "x")]),
    ("a link", lambda c: [_link(_edition(c) / "notes" / "linked.yaml", _edition(c) / "notes" / "note-1.yaml")]),
    ("a new folder of files", lambda c: [_write(c / "editions" / "extra" / "notes" / "n.yaml", "x"),
                                         c / "editions" / "extra"]),
    ("a folder removed", lambda c: [_remove(c / "editions" / "extra")]),
    ("a file become a folder", lambda c: [_replace_with_folder(_edition(c) / "notes" / "draft.txt")]),
    ("a note removed", lambda c: [_remove(_edition(c) / "notes" / "note-2.yaml")]),
]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _link(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def _remove(path: Path) -> Path:
    shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    return path


def _replace_with_folder(path: Path) -> Path:
    path.unlink()
    _write(path / "inside.yaml", "x")
    return path


def test_a_listing_kept_up_to_date_equals_a_new_walk(content: Path) -> None:
    folders = [content, content / "editions", _edition(content), _edition(content) / "notes"]
    kept = ContentListing(content, 10_000, _expected)
    assert kept.unexpected == {}
    for name, change in CHANGES:
        kept.update(change(content))
        fresh = ContentListing(content, 10_000, _expected)
        assert _state(kept, folders) == _state(fresh, folders), name
    assert set(kept.unexpected.values()) == {Kind.LINK, Kind.FILE}   # the link and the file inside draft.txt/


def _site_of(result_manifest: dict[str, str]) -> dict[str, str]:
    """The site without the search index (serve indexes once, at its first build)."""
    return {path: key for path, key in result_manifest.items()
            if not path.startswith(urls.SEARCH_FOLDER + "/") and path != SCRIPT}


def _codes(diagnostics: list) -> list[tuple[object, str, int]]:
    return [(d.code, d.location.path, d.location.line) for d in diagnostics]


def test_serve_rebuilds_give_what_a_fresh_build_gives(project_root: Path, content: Path, tmp_path: Path) -> None:
    project = Project(project_root, content, project_root / "templates", project_root / "schemas")
    cache = tmp_path / "cache"
    memo = BuildMemo(trust_watcher=True, keep_search=True)
    served = build(project, BuildOptions(cache=cache, fork=False, memo=memo, jobs=1))
    assert served.ok, [d.format() for d in served.diagnostics]
    edition = _edition(content)
    note = edition / "notes" / "note-1.yaml"
    entry = sorted((content / "glossary").glob("*.yaml"))[0]
    steps: list[tuple[str, Callable[[], list[Path]], set[Code]]] = [
        ("a note edited", lambda: [_write(note, note.read_text(encoding="utf-8").replace("Note 1", "Edited 1"))],
         set()),
        ("a glossary entry edited",
         lambda: [_write(entry, entry.read_text(encoding="utf-8").replace("definition: ", "definition: Now ", 1))],
         set()),
        ("a stray file", lambda: [_write(edition / "notes" / "draft.txt", "x")], {Code.STRAY_FILE}),
        ("a link", lambda: [_link(edition / "notes" / "linked.yaml", note)], {Code.STRAY_FILE, Code.SYMLINK}),
        ("both removed", lambda: [_remove(edition / "notes" / "draft.txt"), _remove(edition / "notes" / "linked.yaml")],
         set()),
        ("an edition named as a site folder",
         lambda: [shutil.copytree(edition, content / "editions" / urls.ASSETS_FOLDER) and
                  content / "editions" / urls.ASSETS_FOLDER], {Code.RESERVED_EDITION_NAME}),
        ("renamed", lambda: [os.rename(content / "editions" / urls.ASSETS_FOLDER, content / "editions" / "copy") or
                             content / "editions" / urls.ASSETS_FOLDER, content / "editions" / "copy"], set()),
        ("a note broken", lambda: [_write(note, "paragraph: [\n")], {Code.MALFORMED_YAML}),
    ]
    for name, change, expected in steps:
        memo.changed(change())
        served = build(project, BuildOptions(cache=cache, fork=False, memo=memo, jobs=1))
        fresh = build(project, BuildOptions(cache=cache, jobs=1))
        assert {d.code for d in served.diagnostics if d.severity is Severity.ERROR} == expected, name
        assert _codes(served.diagnostics) == _codes(fresh.diagnostics), name
        assert _site_of(served.manifest) == _site_of(fresh.manifest), name
        assert bool(served.manifest) == (not expected), name
    assert urls.reader_page("copy") in fresh.manifest or not fresh.manifest


def test_a_kept_pdf_lookup_asks_again_once_something_is_printed(tmp_path: Path) -> None:
    store = Store(folder=tmp_path / "cache")
    lookup = PrintedLookup()
    assert lookup.find(store, {"one": "k1", "two": "k2"}) == {}
    pdf = store.put_blob(b"%PDF-1.7 one")
    store.put_record(record_key("k1"), pdf)
    mark_printed(store)
    assert lookup.find(store, {"one": "k1", "two": "k2"}) == {"one": pdf}
    assert PrintedLookup().find(store, {"one": "k1"}) == {"one": pdf}   # what a new build finds alike
