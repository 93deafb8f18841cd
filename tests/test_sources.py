"""Sources say whether the editors read them, readers are told so, and no glossary entry rests on Wikipedia alone."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossa.build.pipeline import Project, build_pages
from glossa.read.reader import Reader
from glossa.records import Citation, SiteSource, SourceStatus
from glossa.read.schema import SchemaSet

# Wikipedia and the sites that copy it: a source matching one of these is not independent of Wikipedia.
WIKIPEDIA_AND_MIRRORS = ("wikipedia", "wikiwand", "wikimili", "clever-geek", "internet-encyclopedia",
                         "graphsearch.epfl", "princeton.edu/~achaney", "dbpedia")


def read_real_site(root: Path) -> SiteSource:
    site, problems = Reader(root, SchemaSet.load(root / "schemas")).read_site(root / "content")
    assert site is not None and not problems, problems
    return site


def annotated_sources(site: SiteSource) -> list[tuple[str, Citation]]:
    """Every source of a glossary entry or a note, with the id of what cites it."""
    found = [(f"glossary/{e.id}", c) for e in site.glossary for c in e.sources]
    for edition in site.editions:
        found += [(f"{edition.meta.slug}/notes/{n.id}", c) for n in edition.notes for c in n.sources]
    return found


def is_wikipedia(c: Citation) -> bool:
    text = " ".join((c.title, c.publisher, c.url)).lower()
    return any(marker in text for marker in WIKIPEDIA_AND_MIRRORS)


def test_every_note_and_glossary_source_states_whether_it_was_read(project_root):
    sources = annotated_sources(read_real_site(project_root))
    assert len(sources) > 100
    for owner, c in sources:
        assert c.status is not None, f"{owner}: '{c.title}' has no status"
        assert (c.status is SourceStatus.QUOTED) == bool(c.via), \
            f"{owner}: '{c.title}' must name the work it was seen in (via) exactly when its status is quoted"


def test_every_status_is_used_so_the_vocabulary_is_exercised(project_root):
    used = {c.status for _, c in annotated_sources(read_real_site(project_root))}
    assert used == set(SourceStatus)


def test_every_glossary_entry_has_a_source_that_is_not_wikipedia_or_a_copy_of_it(project_root):
    site = read_real_site(project_root)
    assert len(site.glossary) > 40
    for entry in site.glossary:
        independent = [c for c in entry.sources if not is_wikipedia(c)]
        assert independent, f"glossary/{entry.id} cites only Wikipedia or its mirrors"


def test_the_wikipedia_check_recognises_a_mirror_and_spares_a_real_source():
    assert is_wikipedia(Citation(title="Stalin", publisher="Wikipedia (consulted in mirrored copies)"))
    assert is_wikipedia(Citation(title="October Revolution",
                                 url="http://www.princeton.edu/~achaney/tmve/wiki100k/docs/October_Revolution.html"))
    assert not is_wikipedia(Citation(title="Kosior, Stanislav", publisher="Encyclopedia of Ukraine"))


@pytest.mark.parametrize("status, via, shown", [
    (SourceStatus.SEEN, "", "seen"),
    (SourceStatus.NOT_SEEN, "", "not seen"),
    (SourceStatus.QUOTED, "Getty, Origins of the Great Purges", "as quoted in Getty, Origins of the Great Purges"),
    (None, "", ""),
])
def test_status_text_for_readers(status, via, shown):
    assert Citation(title="t", status=status, via=via).status_text == shown


def html_pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_readers_see_each_source_status_after_its_citation(built_site, project_root):
    site = read_real_site(project_root)
    pages = html_pages(built_site)
    # One source of each status, taken from the content itself rather than typed here.
    examples = {}
    for _, c in annotated_sources(site):
        if c.status is not None and c.status not in examples and c.url:
            examples[c.status] = c
    assert set(examples) == set(SourceStatus)
    for status, c in examples.items():
        title = re.escape(c.title.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;"))
        shown = re.escape("(" + c.status_text.replace("'", "&#39;").replace('"', "&#34;") + ")")
        pattern = title + r'</a>[^<]*</cite> ' + shown
        assert any(re.search(pattern, html) for html in pages.values()), \
            f"the {status.value} source '{c.title}' is not shown with '{c.status_text}'"


NOTE = 'paragraph: 1\nquote: "Four score"\nbody: x\nsources:\n  - title: A source\n'


@pytest.mark.parametrize("extra, code, line", [
    ("", "G111", 5),                                   # no status at all
    ("    status: quoted\n", "G111", 5),               # quoted, but not saying where
    ("    status: read\n", "G114", 6),                 # not one of the three statuses
])
def test_a_source_without_an_honest_status_is_refused_at_its_line(small_project, extra, code, line):
    small_project.write("editions/gettysburg/notes/cited.yaml", NOTE + extra)
    diagnostics = build_pages(Project.at(small_project.root)).diagnostics
    found = [(d.code, d.location.line) for d in diagnostics if d.location.path.endswith("cited.yaml")]
    assert found == [(code, line)]


def test_a_quoted_source_that_names_its_intermediary_is_accepted(small_project):
    small_project.write("editions/gettysburg/notes/cited.yaml",
                        NOTE + "    status: quoted\n    via: Garry Wills, Lincoln at Gettysburg\n")
    result = build_pages(Project.at(small_project.root))
    assert result.ok, result.diagnostics
