"""A cache file is written whole or not at all (build/store.py write_atomically): through a temporary file of the
writing process, in a folder made when it is missing, readable by everyone whatever the umask, never mistaking a
temporary file another process left for its own."""
from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

import pytest

from glossa.build import store
from glossa.build.store import write_atomically


def test_a_file_is_written_into_a_folder_made_for_it_with_the_sites_permissions(tmp_path: Path) -> None:
    target = tmp_path / "blobs" / "ab" / "cdef"
    old = os.umask(0o077)
    try:
        write_atomically(target, b"bytes")
        write_atomically(tmp_path / "other", lambda f: f.write(b"written by a function"))
    finally:
        os.umask(old)
    assert target.read_bytes() == b"bytes" and (tmp_path / "other").read_bytes() == b"written by a function"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["cdef"]   # no temporary file left


def test_a_temporary_file_left_by_a_dead_process_of_the_same_number_is_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_TEMPORARY", itertools.count(7))
    left = tmp_path / f".tmp-{os.getpid()}-7"
    left.write_bytes(b"half of something")
    write_atomically(tmp_path / "blob", b"whole")
    assert (tmp_path / "blob").read_bytes() == b"whole"
    assert left.read_bytes() == b"half of something"   # not this process's: neither used nor removed


def test_a_failed_write_leaves_neither_the_file_nor_its_temporary(tmp_path: Path) -> None:
    def failing(f: object) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path / "blob", failing)
    assert list(tmp_path.iterdir()) == []
