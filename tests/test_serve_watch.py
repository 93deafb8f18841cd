"""The source watcher: the kernel's notifications, an editor's save burst as one change, swap files ignored."""
from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossa.serve.watch import watch_folders

WAIT = 60.0


class Watching:
    def __init__(self, folders: list[Path]):
        self.batches: queue.Queue[frozenset[Path]] = queue.Queue()
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch_folders, args=(folders, self.batches.put, self.stop),
                                       kwargs={"on_ready": self.ready.set}, daemon=True)
        self.thread.start()
        assert self.ready.wait(WAIT), "the watcher never became ready"

    def next_batch(self) -> frozenset[Path]:
        return self.batches.get(timeout=WAIT)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "content" / "notes").mkdir(parents=True)
    return tmp_path / "content"


@pytest.fixture
def watching(folder: Path) -> Iterator[Watching]:
    watcher = Watching([folder, folder.parent / "missing"])  # a missing folder is skipped, not an error
    yield watcher
    watcher.stop.set()
    watcher.thread.join(WAIT)


def test_an_editors_save_burst_is_one_change(watching, folder):
    note = folder / "notes" / "a.yaml"
    # What many editors do on save: a swap file, a temporary file renamed over the target, a mode change.
    swap = folder / "notes" / ".a.yaml.swp"
    swap.write_text("swap")
    temporary = folder / "notes" / "a.yaml.tmp"
    temporary.write_text("paragraph: 1\n")
    os.replace(temporary, note)
    note.chmod(0o644)
    swap.unlink()
    batch = watching.next_batch()
    assert note in batch  # the rename and the mode change of the same save came together
    assert swap not in batch


def test_changes_made_during_a_rebuild_start_the_next_one(folder):
    # The callback blocks, as a rebuild does; a save while it runs must not be lost.
    release = threading.Event()
    seen: queue.Queue[frozenset[Path]] = queue.Queue()

    def slow(batch: frozenset[Path]) -> None:
        seen.put(batch)
        release.wait(WAIT)

    ready, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=watch_folders, args=([folder], slow, stop), kwargs={"on_ready": ready.set},
                              daemon=True)
    thread.start()
    try:
        assert ready.wait(WAIT)
        (folder / "first.yaml").write_text("1")
        assert folder / "first.yaml" in seen.get(timeout=WAIT)
        (folder / "second.yaml").write_text("2")  # while the "rebuild" runs
        release.set()
        assert folder / "second.yaml" in seen.get(timeout=WAIT)
    finally:
        release.set()
        stop.set()
        thread.join(WAIT)


def test_stopping_ends_the_watch(watching):
    watching.stop.set()
    watching.thread.join(WAIT)
    assert not watching.thread.is_alive()
