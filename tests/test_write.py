"""Writing site/ is all or nothing: a failed or killed build leaves the previous site exactly as it was."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from glossa.cli import main
from glossa.render import Page
from glossa.write import MARKER, write_site


def snapshot(folder):
    """The site's files, less the marker every Glossa site carries."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def test_new_site_replaces_old_completely(tmp_path):
    site = tmp_path / "site"
    write_site([Page("a.html", b"old"), Page("stale.html", b"gone soon")], site)
    write_site([Page("a.html", b"new"), Page("sub/b.html", b"b")], site)
    assert snapshot(site) == {"a.html": b"new", "sub/b.html": b"b"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_killed_while_writing_leaves_the_previous_site(tmp_path, project_root):
    site = tmp_path / "site"
    write_site([Page("index.html", b"previous"), Page("assets/x.css", b"css")], site)
    before = snapshot(site)
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(project_root)!r})
        from glossa.render import Page
        from glossa import write
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
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    assert snapshot(site) == before
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "site")
    # Its staging folder, and the lock it held (the kernel released it when the process died).
    assert len(leftovers) == 2 and leftovers[0].startswith(".site.build-") and leftovers[1] == ".site.lock"
    write_site([Page("index.html", b"next")], site, wait=0)   # the next build cleans up after the killed one
    assert snapshot(site) == {"index.html": b"next"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_every_built_site_carries_the_marker(tmp_path):
    write_site([Page("index.html", b"x")], tmp_path / "site")
    assert (tmp_path / "site" / MARKER).is_file()


@pytest.mark.parametrize("where", ["content", ".", "..", "content/editions", "templates", "schemas"])
def test_refuses_to_write_over_the_project(where, real_project, capsys):
    before = {p: p.read_bytes() for p in real_project.root.rglob("*") if p.is_file()}
    code = main(["build", "--site", str(real_project.root / where)], root=real_project.root)
    assert code == 2
    assert "refusing to write the site" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in real_project.root.rglob("*") if p.is_file()} == before


def test_refuses_to_replace_a_folder_glossa_did_not_build(real_project, tmp_path, capsys):
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "thesis.txt").write_text("three years of work")
    assert main(["build", "--site", str(keep)], root=real_project.root) == 2
    assert (keep / "thesis.txt").read_text() == "three years of work"
    assert "was not built by Glossa" in capsys.readouterr().err
