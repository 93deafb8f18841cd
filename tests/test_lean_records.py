"""The compact forms the build keeps in place of larger ones, each checked against what it replaces: a listing's
relative names against its Paths, a packed file digest against its fields, a blob's key against its file name,
and the manifest a write makes again (it lets it go while the site is written) against the build's own."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from glossa.build.pipeline import BuildOptions, Project, build, build_and_write
from glossa.build.store import DigestEntry, FileDigests, Store
from glossa.read.listing import ContentListing
from glossa.read.reader import _expected


EDITIONS = 3


@pytest.fixture(scope="module")
def collection(collections: Callable[[int], Path]) -> Path:
    return collections(EDITIONS) / "content"


def test_a_folders_names_are_its_files_relative_to_it(collection: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(collection, content)
    edition = sorted((content / "editions").iterdir())[0]
    (edition / "notes" / "deeper").mkdir()
    (edition / "notes" / "deeper" / "n.yaml").write_text("x", encoding="utf-8")
    (edition / "notes" / "link.yaml").symlink_to(edition / "source.txt")   # a link is no file of the folder
    listing = ContentListing(content, 10_000, _expected)
    for folder in (content, content / "editions", edition, edition / "notes", content / "absent"):
        files = listing.files_in(folder)
        assert listing.names_in(folder) == [path.relative_to(folder).as_posix() for path in files]
        assert files == sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert "notes/deeper/n.yaml" in listing.names_in(edition)


@pytest.mark.parametrize("stamp", [(0, 0, 0, 0), (18_000, -5_000_000_000, 1_700_000_000_123_456_789, 2**64 - 1)])
def test_a_digest_entry_packed_and_unpacked_is_unchanged(stamp: tuple[int, int, int, int]) -> None:
    entry = DigestEntry(stamp=stamp, digest="0123456789abcdef" * 4, hashed_ns=1_700_000_002_000_000_000)
    assert DigestEntry.unpacked(entry.packed()) == entry


def test_a_digest_is_kept_by_folder_and_name(tmp_path: Path) -> None:
    """Two files of one name in two folders keep their own digests, and forgetting one keeps the other."""
    first, second = tmp_path / "a" / "note.yaml", tmp_path / "b" / "note.yaml"
    for path, text in ((first, "one"), (second, "two")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    digests = FileDigests()
    assert digests.of(first) != digests.of(second)
    digests.forget([first])
    assert digests.entry(first) is None and digests.entry(second) is not None


def test_a_blobs_key_is_read_back_from_its_file_name(tmp_path: Path) -> None:
    store = Store(folder=tmp_path / "cache")
    key = store.put_blob(b"a page")
    assert Store.blob_key(store.blob_file(key)) == key
    assert Path(store.blob_file(key)).read_bytes() == b"a page"


def test_the_manifest_a_write_returns_is_the_one_it_wrote(project_root: Path, collection: Path,
                                                           tmp_path: Path) -> None:
    """build_and_write lets the manifest go while it writes and makes it again: serve keeps that one."""
    project, options = Project.at(project_root, collection), BuildOptions(jobs=1, cache=tmp_path / "cache")
    outcome = build_and_write(project, tmp_path / "site", options=options)
    assert outcome.wrote and outcome.manifest and outcome.files == len(outcome.manifest)
    assert dict(outcome.manifest) == build(project, options).manifest
    written = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert set(outcome.manifest) <= written
