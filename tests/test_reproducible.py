"""Two cold builds of the real project, each with a cache of its own, give the same bytes: every page, the search
index (Pagefind's filter files come out in a random order, and are made stable), each EPUB (its ZIP dates), the
citations and the annotation exports."""
from __future__ import annotations

from pathlib import Path

from glossa import urls
from glossa.cli import main

from editions import FIRST_EDITION, ROOT


def test_two_cold_builds_give_the_same_site(tmp_path: Path) -> None:
    made = []
    for run in ("one", "two"):   # separate caches: the second is built and indexed anew, not copied
        site = tmp_path / run / "site"
        assert main(["build", "--site", str(site), "--cache", str(tmp_path / run / "cache")], root=ROOT) == 0
        made.append({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert made[0] == made[1]
    # What the comparison must have covered.
    assert any(path.startswith(urls.SEARCH_FOLDER + "/") for path in made[0])
    assert any(path.startswith(FIRST_EDITION + "/") and path.endswith(".epub") for path in made[0])
