"""Builds of one site take turns: many at once all succeed, site/ is one build's whole output, and a
build that cannot get its turn says whom it waited for, in one line."""
from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from glossa.write import buildlock
from glossa.write import writer as write
from glossa.model import Page
from glossa.write.writer import write_site

if TYPE_CHECKING:  # only for annotations: `conftest` is ambiguous at run time (tests/browser has one too)
    from conftest import Scratch

# Builds of the real project started while this test holds the site's lock: each says it is waiting before the lock
# is let go, so all of them are certainly contending when it is (a larger ungated burst only made contention
# likely). Three gated builds already race for the lock after the first takes it; each more is a whole Python start
# and build. Their cache starts empty, so they also race to fill it. (A second burst, of the small fixture project,
# tested nothing this one does not, for a fifth of the suite's processes.)
BURST = 3


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, marker included, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_command(python: str, project_root: Path, root: Path, site: Path) -> list[str]:
    return [python, str(project_root / "build.py"), "--root", str(root), "--site", str(site)]


def test_many_builds_at_once_leave_exactly_one_whole_site(python: str, real_project: Scratch, built_site: Path,
                                                          project_root: Path, tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    command = build_command(python, project_root, real_project.root, site)
    with buildlock.hold(buildlock.lock_path(site), wait=0):
        builds = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                  for _ in range(BURST)]
        for b in builds:   # each blocks here until its build has built and is waiting to write
            assert b.stderr is not None
            line = b.stderr.readline().decode()
            assert line.startswith("Waiting for another build (pid "), line
        assert not site.exists()
    # Let go: every build now races for the lock, and each must write in its turn or find nothing to change.
    outcomes = [(b.wait(), b.stderr.read().decode() if b.stderr else "") for b in builds]
    for b in builds:
        if b.stderr:
            b.stderr.close()

    for code, err in outcomes:
        assert "Traceback" not in err
        assert code == 0, err   # a 60 s wait is far longer than a few builds' writes
    print(f"{len(outcomes)} builds released at once, all ok")
    # The real edition is already built once per test process: the same bytes, whichever build wrote last.
    assert tree(site) == tree(built_site)
    assert [p.name for p in site.parent.iterdir()] == ["site"]   # no staging, set-aside site or lock left


def test_a_build_waits_for_the_one_writing_then_writes(python: str, small_project: Scratch, project_root: Path,
                                                       tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    command = build_command(python, project_root, small_project.root, site)
    with buildlock.hold(buildlock.lock_path(site), wait=0):
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert build.stderr is not None
        line = build.stderr.readline().decode()   # blocks until the build says it is waiting
        assert line.startswith("Waiting for another build (pid ")
        assert f"pid {os.getpid()} " in line      # names this process, the lock's holder
        assert not site.exists()
    rest = build.stderr.read().decode()
    build.stderr.close()
    assert build.wait() == 0, rest
    assert (site / write.MARKER).is_file()
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def test_a_build_that_cannot_get_its_turn_refuses_in_one_line(small_project: Scratch, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    site = small_project.site
    write_site([Page("index.html", b"previous")], site)
    before = tree(site)
    monkeypatch.setattr(write, "LOCK_WAIT_SECONDS", 0)   # give up at once rather than after a minute
    with buildlock.hold(buildlock.lock_path(site), wait=0):
        # A live build's staging folder, as the lock's holder would have it while writing.
        live = site.parent / f".site.build-{os.getpid()}-live"
        live.mkdir()
        (live / "half.html").write_bytes(b"being written")
        assert small_project.build() == 2
        assert (live / "half.html").read_bytes() == b"being written"   # never deleted by the other build
    err = capsys.readouterr().err
    refusal = [line for line in err.splitlines() if "could not write the site" in line]
    assert len(refusal) == 1 and "Traceback" not in err
    assert f"another build (pid {os.getpid()} " in refusal[0]
    assert tree(site) == before


def test_a_lock_left_by_a_killed_build_is_taken_over_at_once(python: str, small_project: Scratch, project_root: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    lock = buildlock.lock_path(small_project.site)
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(project_root)!r})
        from glossa.write import buildlock
        with buildlock.hold(Path({str(lock)!r}), wait=0):
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert subprocess.run([python, "-c", script]).returncode == -9
    assert lock.read_text().startswith("pid ")   # the dead build's id, still in the file
    taken_over_at_once(small_project, monkeypatch)


def test_an_unreadable_lock_is_taken_over_at_once(small_project: Scratch, monkeypatch: pytest.MonkeyPatch) -> None:
    buildlock.lock_path(small_project.site).write_bytes(b"\xff\x00 not a lock file's usual text")
    taken_over_at_once(small_project, monkeypatch)


def taken_over_at_once(small_project: Scratch, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "LOCK_WAIT_SECONDS", 0)   # taken over without waiting at all
    assert small_project.build() == 0
    assert (small_project.site / write.MARKER).is_file()
    assert not buildlock.lock_path(small_project.site).exists()


def test_the_lock_admits_one_holder_at_a_time(python: str, project_root: Path, tmp_path: Path) -> None:
    """Processes race for the lock many times; each proves it is alone by creating a file only one may create."""
    lock, alone = tmp_path / ".site.lock", tmp_path / "inside"
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        sys.path.insert(0, {str(project_root)!r})
        from glossa.write import buildlock
        for _ in range(40):
            with buildlock.hold(Path({str(lock)!r}), wait=60):
                fd = os.open({str(alone)!r}, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # fails if another is inside
                os.close(fd)
                os.unlink({str(alone)!r})
    """)
    racers = [subprocess.Popen([python, "-c", script], stderr=subprocess.PIPE) for _ in range(8)]
    errors = [r.communicate()[1].decode() for r in racers]
    assert [r.returncode for r in racers] == [0] * 8, errors
    assert list(tmp_path.iterdir()) == []
