"""Where pages go: an edition cannot take a name the site uses or one that makes its own files collide, and cross-references in Markdown, on
whichever page they are shown, reach their target without climbing above the site's root."""
from __future__ import annotations

import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from glossa import urls
from glossa.build.pipeline import Project, build_pages


def only_edition(project) -> Path:
    [edition] = [p for p in (project.content / "editions").iterdir() if p.is_dir()]
    return edition


@pytest.mark.parametrize("name", ["glossary", "assets", "Glossary", "ASSETS"])
def test_an_edition_may_not_take_a_name_the_site_uses(small_project, name):
    edition = only_edition(small_project)
    before = {p.path for p in build_pages(Project.at(small_project.root)).pages}
    assert name.lower() in {path.split("/")[0] for path in before}, "the name is one the site writes"
    shutil.copytree(edition, edition.parent / name)
    found = [(d.code, d.location.path, d.location.line) for d in build_pages(Project.at(small_project.root)).diagnostics
             if d.code == "G184"]
    assert found == [("G184", f"content/editions/{name}", 1)]


@pytest.mark.parametrize("name", ["source", "Source"])
def test_an_edition_may_not_take_a_name_that_makes_its_own_files_collide(small_project, name):
    """An edition's plain text is SLUG/SLUG.txt and its transcription as received SLUG/source.txt: an
    edition named "source" would publish one over the other (in any case, on hosts that ignore case)."""
    edition = only_edition(small_project)
    assert urls.edition_file_clashes(edition.name) == (), "the fixture's own name is fine"
    shutil.copytree(edition, edition.parent / name)
    found = [d for d in build_pages(Project.at(small_project.root)).diagnostics if d.code == "G184"]
    assert [(d.location.path, d.location.line) for d in found] == [(f"content/editions/{name}", 1)]
    assert urls.transcription_file(name, "source.txt") in found[0].message
    assert small_project.build() == 1 and not small_project.site.exists()


def test_two_editions_whose_names_differ_only_in_case_are_refused(small_project):
    edition = only_edition(small_project)
    twin = edition.parent / edition.name.upper()
    shutil.copytree(edition, twin)
    found = [d for d in build_pages(Project.at(small_project.root)).diagnostics if d.code == "G184"]
    [problem] = found
    assert problem.location.path in (f"content/editions/{twin.name}", f"content/editions/{edition.name}")
    assert f"'{twin.name}'" in problem.message and f"'{edition.name}'" in problem.message
    assert small_project.build() == 1 and not small_project.site.exists()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def test_cross_references_work_from_every_page_and_never_leave_the_site(small_project):
    edition = only_edition(small_project)
    slug = edition.name
    glossary_id = sorted(p.stem for p in (small_project.content / "glossary").glob("*.yaml"))[0]
    note_id = sorted(p.stem for p in (edition / "notes").glob("*.yaml"))[0]
    references = (f"[entry](glossary:{glossary_id}), [edition](edition:{slug}), [paragraph](paragraph:2), "
                  f"[note](note:{note_id})")
    meta = edition / "edition.yaml"
    meta.write_text(meta.read_text() + f"summary: \"Links: {references}.\"\n")
    entry = small_project.content / "glossary" / f"{glossary_id}.yaml"
    entry.write_text(re.sub(r"^definition: .*$", f'definition: "See [edition](edition:{slug}) and '
                            f'[itself](glossary:{glossary_id})."', entry.read_text(), flags=re.MULTILINE))
    result = build_pages(Project.at(small_project.root))
    assert result.ok, [d.format() for d in result.diagnostics]

    pages = {p.path: p.content for p in result.pages}
    parsed = {}
    for path, content in pages.items():
        if path.endswith(".html"):
            parsed[path] = Links()
            parsed[path].feed(content.decode("utf-8"))
    index_links = parsed["index.html"].hrefs
    for expected in (f"glossary/{glossary_id}/", f"{slug}/", f"{slug}/#p-2", f"{slug}/#note-{note_id}"):
        assert expected in index_links, f"the summary on the index links to {expected}"
    checked = 0
    for path, page in parsed.items():
        for href in page.hrefs:
            url = urlsplit(href)
            if url.scheme or url.netloc:
                continue
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(url.path))) \
                if url.path else path
            assert joined != ".." and not joined.startswith("../"), f"{href} on {path} climbs above the site root"
            target = joined if joined in pages else posixpath.join(joined, "index.html").removeprefix("./")
            assert target in pages, f"{href} on {path} reaches no page"
            if url.fragment:
                assert url.fragment in parsed[target].ids, f"{href} on {path}: no such fragment"
            checked += 1
    assert checked > 20
