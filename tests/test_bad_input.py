"""Bad input: each case under tests/cases/bad/ gets its diagnostic, at its file and line, and leaves site/ alone.

A case folder holds the files it adds or replaces (paths from the project root, on top of the small
fixture project in tests/fixtures/content) and expect.txt: every diagnostic the case must produce, one
`CODE path:line` a line, and nothing else (so duplicates and cascades of errors are caught too).
A symbolic link in a case is copied as a link. An optional limits.json lowers a limit for the case
(`{"glossa.read.reader.MAX_FILES": 10}`), where reaching the real one would take thousands of files.

The fixture project is built once per test process, with its site and build cache; each case gets its own
copy of that built project, so what it starts from is the state a successful `build.py` leaves.
"""
from __future__ import annotations

import importlib
import inspect
import json
import shutil
import sys
from pathlib import Path

import pytest

from scratch import FIXTURES, Scratch
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import diagnostics_doc  # noqa: E402
from glossa.build.pipeline import Project, build_and_write, build_pages
from glossa.commands.report import report

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "bad").iterdir() if p.is_dir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def apply_case(case: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay the case's files over the project at `root` (as the generated docs do), and lower the limits it names."""
    diagnostics_doc.lay_case(case, root)
    limits = case / "limits.json"
    for dotted, value in (json.loads(limits.read_text()) if limits.exists() else {}).items():
        module, name = dotted.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), name), f"{case.name}/limits.json: no {dotted}"
        monkeypatch.setattr(importlib.import_module(module), name, value)


def expected_diagnostics(case: Path) -> list[list[str]]:
    return sorted(line.split() for line in (case / "expect.txt").read_text().splitlines() if line.strip())


@pytest.fixture(scope="session")
def built_small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project after a successful build: its site/ and .glossa-cache/ in place. Copy it."""
    project = Scratch.of(tmp_path_factory.mktemp("bad-input"), FIXTURES / "content")
    assert project.build() == 0
    return project.root


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input_is_reported_at_its_file_and_line_and_site_is_unchanged(case, built_small_project, tmp_path,
                                                                        capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    small_project = Scratch(shutil.copytree(built_small_project, tmp_path / "project", symlinks=True))
    before = snapshot(small_project.site)
    assert before, "the copy holds the built site"
    apply_case(case, small_project.root, monkeypatch)
    expected = expected_diagnostics(case)

    # The build `build.py` runs (build_and_write), asked to write the site, printed as it prints it (report):
    # one build gives both the diagnostics as data and what the contributor reads. That main() turns a failed
    # build into exit status 1 and "Nothing was written" is test_cli's, once, not every case's.
    capsys.readouterr()
    outcome = build_and_write(Project.at(small_project.root), small_project.site)
    report(outcome)
    err = capsys.readouterr().err
    assert outcome.failed and not outcome.wrote
    found = sorted([d.code, f"{d.location.path}:{d.location.line}"] for d in outcome.diagnostics)
    assert found == expected
    for d in outcome.diagnostics:
        assert d.message and d.hint, "every diagnostic says what is wrong and how to fix it"
        assert d.severity is d.code.severity, f"{d.code} is documented as a {d.code.severity.value}"
    for code, where in expected:
        assert where in err and code in err
    # Content is quoted in messages: it must not be able to forge a workflow command or drive the terminal.
    assert not any(line.lstrip().startswith("::") for line in err.splitlines()), err
    assert not any(ch in err for ch in "\x1b\r\u202e\u2028"), err
    assert snapshot(small_project.site) == before, "a failed build must leave site/ exactly as it was"


def test_all_problems_are_reported_in_one_run(small_project, capsys):
    notes = "editions/gettysburg/notes"
    small_project.write(f"{notes}/a.yaml", 'paragraph: 9\nquote: "x"\nbody: x\nsources:\n  - title: x\n    status: seen\n')
    small_project.write(f"{notes}/b.yaml", 'paragraph: 1\nquote: "Four score"\nbdy: x\nsources:\n  - title: x\n    status: seen\n')
    small_project.write("glossary/c.yaml", "term: C\nkind: thing\ndefinition: x\nsources: []\n")
    assert small_project.check() == 1
    err = capsys.readouterr().err
    for expected in ["a.yaml:2", "G132", "b.yaml:3", "G112", "Did you mean 'body'?", "c.yaml:2", "G114",
                     "c.yaml:4", "G115"]:
        assert expected in err


def test_quote_that_no_longer_matches_shows_the_closest_passage(small_project):
    small_project.write("editions/gettysburg/notes/moved.yaml",
                        'paragraph: 1\nquote: "we are engaged in a great civil war"\nbody: x\nsources:\n'
                        "  - title: x\n    status: seen\n")
    diagnostics = build_pages(Project.at(small_project.root)).diagnostics
    g130 = next(d for d in diagnostics if d.code == "G130")
    assert "paragraph 2" in g130.hint and "we are engaged in a great civil war" in g130.hint


def test_warnings_fail_only_with_strict(small_project, capsys):
    path = "content/editions/gettysburg/computations/four-score-and-seven.yaml"
    text = (small_project.content.parent / path).read_text()
    small_project.write(path.removeprefix("content/"), text.replace(
        "inputs:\n", 'inputs:\n  spare:\n    value: "1"\n    paragraph: 1\n'))
    assert small_project.check() == 0
    assert "G142" in capsys.readouterr().err
    assert small_project.check("--strict") == 1


def test_symlinks_in_content_are_refused(small_project, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("term: Secret\nkind: term\ndefinition: x\nsources:\n  - title: x\n    status: seen\n")
    (small_project.content / "glossary" / "secret.yaml").symlink_to(outside)
    found = [(d.code, d.location.path) for d in build_pages(Project.at(small_project.root)).diagnostics]
    assert ("G170", "content/glossary/secret.yaml") in found


def test_github_annotations_carry_file_and_line(small_project, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    small_project.write("editions/gettysburg/notes/x.yaml", 'paragraph: 7\nquote: "x"\nbody: x\nsources:\n'
                        "  - title: x\n    status: seen\n")
    assert small_project.check() == 1
    out = capsys.readouterr().out
    assert "::error file=content/editions/gettysburg/notes/x.yaml,line=2," in out and "title=G132::" in out


# Frames a build may stack above the test's own: a plain build of the fixture or the real edition needs 40 (template
# macros inside loops, Markdown inside a note), and a chain of computations longer than 150 cannot be followed by
# recursion, one frame a link or more.
BUILD_DEPTH = 150


def test_a_long_chain_of_computations_needs_no_deep_recursion(small_project):
    """Computations each taking the next one's result, in a chain longer than the stack the build is given (Python's
    default limit, 1,000 frames, would take a chain of over a thousand files to test the same)."""
    folder = "editions/gettysburg/computations"
    count = 2 * BUILD_DEPTH
    for i in range(count):
        source = (f'  x:\n    computation: c{i + 1:04d}\n' if i + 1 < count
                  else '  x:\n    value: "1"\n    paragraph: 1\n')
        small_project.write(f"{folder}/c{i:04d}.yaml", f'title: t\nparagraph: 1\nquote: "Four score"\ninputs:\n'
                            f'{source}formula: "x"\nclaim:\n  comparator: equals\n  value: "1"\nkind: claim\nrationale: r\n')
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + BUILD_DEPTH)
    try:
        result = build_pages(Project.at(small_project.root))
    finally:
        sys.setrecursionlimit(limit)
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    reader = next(p for p in result.pages if p.path == "gettysburg/index.html")
    assert reader.content.count(b'class="callout"') == count + 1


def test_too_many_files_are_refused_and_the_message_names_the_setting(small_project, capsys):
    small_project.write("site.yaml", "title: Glossa fixtures\nlimits:\n  files: 20\n")  # the setting, lowered
    for i in range(25):
        small_project.write(f"glossary/extra-{i:02d}.yaml", f"term: Extra {i}\nkind: term\ndefinition: x\n"
                            "sources:\n  - title: x\n    status: seen\n")
    [problem] = [d for d in build_pages(Project.at(small_project.root)).diagnostics if d.code == "G171"]
    assert "limits: files:" in problem.message + problem.hint


def test_a_limit_raised_in_site_yaml_admits_a_larger_file(small_project):
    big = "# " + "x" * 70_000 + "\nparagraph: 1\nquote: \"Four score\"\nbody: x\nsources:\n  - title: x\n    status: seen\n"
    small_project.write("editions/gettysburg/notes/big.yaml", big)
    [problem] = build_pages(Project.at(small_project.root)).diagnostics
    assert problem.code == "G103" and "limits: annotation_bytes:" in problem.hint
    small_project.write("site.yaml", "title: Glossa fixtures\nbase_url: https://fixtures.example.org/\n"
                                    "limits:\n  annotation_bytes: 100000\n")
    assert build_pages(Project.at(small_project.root)).diagnostics == []


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_lines_are_counted_as_an_editor_counts_them(separator):
    """YAML also breaks lines at U+2028, U+2029 and U+0085; editors (and Glossa's messages) do not."""
    from glossa.read.yamlfile import parse_yaml

    text = f'title: "a{separator}b{separator}c"\nbody: "one{separator}two"\nkey: value: oops\n'
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None and [(d.code, d.location.line) for d in problems] == [("G100", 3)]
    doc, problems = parse_yaml(text.replace("value: oops", "&anchor value"), "f.yaml")
    assert [(d.code, d.location.line, d.location.column) for d in problems] == [("G105", 3, 6)]
