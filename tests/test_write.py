"""Writing site/ is all or nothing: a failed or killed build leaves the previous site exactly as it was."""
from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from glossa.write import writer as write
from glossa.cli import main
from glossa.model import Page
from glossa.write.writer import MARKER, WriteError, recover_site, write_site

if TYPE_CHECKING:  # only for annotations: `conftest` is ambiguous at run time (tests/browser has one too)
    from conftest import Scratch


def snapshot(folder: Path) -> dict[str, bytes]:
    """The site's files, less the marker every Glossa site carries."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def test_new_site_replaces_old_completely(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site([Page("a.html", b"old"), Page("stale.html", b"gone soon")], site)
    write_site([Page("a.html", b"new"), Page("sub/b.html", b"b")], site)
    assert snapshot(site) == {"a.html": b"new", "sub/b.html": b"b"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_killed_while_writing_leaves_the_previous_site(python: str, tmp_path: Path, project_root: Path) -> None:
    site = tmp_path / "site"
    write_site([Page("index.html", b"previous"), Page("assets/x.css", b"css")], site)
    before = snapshot(site)
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(project_root)!r})
        from glossa.model import Page
        from glossa.write import writer as write
        real = Path.write_bytes
        count = 0
        def write_then_die(self, data):
            global count
            count += 1
            if count == 3:
                os.kill(os.getpid(), signal.SIGKILL)   # a real kill, mid-way through writing
            return real(self, data)
        Path.write_bytes = write_then_die
        write.write_site([Page(f"page{{i}}.html", b"new") for i in range(10)], Path({str(site)!r}))
    """)
    result = subprocess.run([python, "-c", script], capture_output=True)
    assert result.returncode == -9
    assert snapshot(site) == before
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "site")
    # Its staging folder, and the lock it held (the kernel released it when the process died).
    assert len(leftovers) == 2 and leftovers[0].startswith(".site.build-") and leftovers[1] == ".site.lock"
    write_site([Page("index.html", b"next")], site, wait=0)   # the next build cleans up after the killed one
    assert snapshot(site) == {"index.html": b"next"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_every_built_site_carries_the_marker(tmp_path: Path) -> None:
    write_site([Page("index.html", b"x")], tmp_path / "site")
    assert (tmp_path / "site" / MARKER).is_file()


@pytest.mark.parametrize("where", ["content", ".", "..", "content/editions", "templates", "schemas"])
def test_refuses_to_write_over_the_project(where: str, real_project: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in real_project.root.rglob("*") if p.is_file()}
    code = main(["build", "--site", str(real_project.root / where)], root=real_project.root)
    assert code == 2
    assert "refusing to write the site" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in real_project.root.rglob("*") if p.is_file()} == before


def test_refuses_to_replace_a_folder_glossa_did_not_build(real_project: Scratch, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "thesis.txt").write_text("three years of work")
    assert main(["build", "--site", str(keep)], root=real_project.root) == 2
    assert (keep / "thesis.txt").read_text() == "three years of work"
    assert "was not built by Glossa" in capsys.readouterr().err


def kill_between_fallback_renames(python: str, project_root: Path, site: Path) -> subprocess.CompletedProcess[bytes]:
    """Run a build where renameat2 is missing, killed right after the first of the fallback's two renames."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(project_root)!r})
        from glossa.model import Page
        from glossa.write import writer as write
        write._exchange = lambda a, b: False   # as on a system without renameat2
        real = os.rename
        def rename_then_die(src, dst):
            real(src, dst)
            if Path(src) == Path({str(site)!r}):   # the old site set aside; the new one not yet in place
                os.kill(os.getpid(), signal.SIGKILL)
        os.rename = rename_then_die
        write.write_site([Page("index.html", b"new")], Path({str(site)!r}))
    """)
    return subprocess.run([python, "-c", script], capture_output=True)


@pytest.mark.parametrize("then", ["recover", "build"])
def test_a_build_killed_between_the_fallback_renames_is_recovered(then: str, python: str, tmp_path: Path,
                                                                  project_root: Path) -> None:
    site = tmp_path / "site"
    write_site([Page("index.html", b"previous"), Page("assets/x.css", b"css")], site)
    before = snapshot(site)
    assert kill_between_fallback_renames(python, project_root, site).returncode == -9
    assert not site.exists()   # the state the finding describes: no site/ at all
    set_aside = list(tmp_path.glob(".site.old-*"))
    assert len(set_aside) == 1 and snapshot(set_aside[0]) == before
    if then == "recover":
        recover_site(site, wait=0)
        assert snapshot(site) == before
    else:
        write_site([Page("index.html", b"next")], site, wait=0)
        assert snapshot(site) == {"index.html": b"next"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_fallback_swap_replaces_the_site_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)   # as on a system without renameat2
    site = tmp_path / "site"
    write_site([Page("a.html", b"old")], site)
    write_site([Page("a.html", b"new"), Page("sub/b.html", b"b")], site)
    assert snapshot(site) == {"a.html": b"new", "sub/b.html": b"b"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_half_deleted_set_aside_site_is_never_put_back(tmp_path: Path) -> None:
    """Killed while deleting the set-aside site (its marker goes first), then site/ removed by hand."""
    site = tmp_path / "site"
    write_site([Page("index.html", b"current")], site)
    half = tmp_path / ".site.old-123-abc"
    (half / "assets").mkdir(parents=True)
    (half / "assets" / "x.css").write_bytes(b"what was not yet deleted")
    shutil.rmtree(site)
    recover_site(site, wait=0)
    assert not site.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("pages, says", [
    ([Page("../outside.html", b"x")], "outside the site folder"),
    ([Page("/etc/x.html", b"x")], "outside the site folder"),
    ([Page("a.html", b"1"), Page("A.HTML", b"2")], "two pages would be written to the same file"),
    ([Page("a", b"file"), Page("a/b.html", b"under a file")], "could not write"),
])
def test_a_write_that_fails_says_why_in_one_line_and_keeps_the_site(pages: list[Page], says: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site([Page("index.html", b"previous")], site)
    with pytest.raises(WriteError) as failure:
        write_site(pages, site, wait=0)
    assert says in str(failure.value) and "\n" not in str(failure.value)
    assert snapshot(site) == {"index.html": b"previous"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_an_output_folder_under_a_file_is_a_write_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(WriteError, match="could not write"):
        write_site([Page("index.html", b"x")], tmp_path / "file" / "site", wait=0)
