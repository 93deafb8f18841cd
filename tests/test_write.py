"""Writing site/ is all or nothing: a failed or killed build leaves the previous site exactly as it was."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from glossa.render import Page
from glossa.write import write_site


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "site"]
    assert leftovers and all(name.startswith(".site.build-") for name in leftovers)
    write_site([Page("index.html", b"next")], site)   # the next build cleans up after the killed one
    assert snapshot(site) == {"index.html": b"next"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
