"""What a build lets go of, and when: the worker processes it forks before reading anything, and the listing
of content/ and the file digests a plain build drops once its cache keys are made (serve keeps them)."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from glossa.build.pipeline import BuildOptions, Project, build
from glossa.build.sitebuild import DIGESTS_FILE, BuildMemo
from glossa.build.store import FileDigests
from glossa.build.workers import EditionWorkers


EDITIONS = 5   # enough for the build to use worker processes (sitebuild.MIN_PARALLEL)


@pytest.fixture(scope="module")
def collection(collections: Callable[[int], Path]) -> Path:
    return collections(EDITIONS) / "content"


def test_forked_workers_that_are_never_given_work_stop_with_the_pool() -> None:
    with EditionWorkers(2, fork=True):
        assert len(multiprocessing.active_children()) == 2, "the workers fork when the pool is made"
    assert multiprocessing.active_children() == []


def test_a_parallel_build_leaves_no_worker_behind_whether_it_builds_or_takes_the_cache(
        project_root: Path, collection: Path, tmp_path: Path) -> None:
    project = Project.at(project_root, collection)
    first = build(project, BuildOptions(jobs=2, cache=tmp_path / "cache"))
    assert len(first.built) == EDITIONS and multiprocessing.active_children() == []
    second = build(project, BuildOptions(jobs=2, cache=tmp_path / "cache"))   # nothing to build: workers unused
    assert len(second.cached) == EDITIONS and multiprocessing.active_children() == []
    assert first.manifest == second.manifest


def test_a_plain_build_drops_the_listing_and_digests_after_saving_them(project_root: Path, collection: Path,
                                                                         tmp_path: Path) -> None:
    memo = BuildMemo()
    result = build(Project.at(project_root, collection), BuildOptions(jobs=1, cache=tmp_path / "cache", memo=memo))
    assert result.ok and result.manifest
    assert memo.listing is None
    saved = FileDigests()
    saved.load(tmp_path / "cache" / DIGESTS_FILE)
    source = next(collection.glob("editions/*/source.txt"))
    entry = saved.entry(source)
    assert entry is not None and entry.digest == FileDigests().of(source), "the digests were saved for the next build"


def test_serve_keeps_the_listing_between_builds(project_root: Path, collection: Path, tmp_path: Path) -> None:
    memo = BuildMemo(trust_watcher=True)
    result = build(Project.at(project_root, collection), BuildOptions(jobs=1, cache=tmp_path / "cache", memo=memo))
    assert result.ok
    assert memo.listing is not None and any(memo.listing.files_in(collection / "editions"))
