"""CONTRIBUTING.md stays true: its examples are the real files, they build, and its code table is complete.

Each example in CONTRIBUTING.md is a ```yaml block preceded by `<!-- example: PATH -->`. The block must
equal the file at PATH byte for byte (so the docs never drift from the content), and the example, copied
into a scratch copy of the real project under a new file name, must build and appear in the built page (the
edition's examples are copied together and built once).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scratch import Scratch

ROOT = Path(__file__).resolve().parents[1]
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
EXAMPLE = re.compile(r"<!-- example: (?P<path>\S+) -->\n```yaml\n(?P<body>.*?)^```$", re.DOTALL | re.MULTILINE)
KINDS = ("notes", "emendations", "computations", "variants", "glossary")


def examples() -> list[tuple[str, str]]:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    found = [(m.group("path"), m.group("body")) for m in EXAMPLE.finditer(text)]
    # Every marker must be followed by a yaml block: a marker the pattern skipped would go untested.
    assert len(found) == text.count("<!-- example:"), "an <!-- example: PATH --> marker is not followed by ```yaml"
    return found


def _kind(rel: str) -> str:
    parts = Path(rel).parts
    if parts[:2] == ("content", "glossary"):
        return "glossary"
    assert parts[:2] == ("content", "editions") and len(parts) == 5 and parts[3] in KINDS, rel
    return parts[3]


EXAMPLES = examples()
EXAMPLE_IDS = [Path(rel).stem + "-" + _kind(rel) for rel, _ in EXAMPLES]


def test_every_kind_of_file_has_an_example():
    assert {_kind(rel) for rel, _ in EXAMPLES} == set(KINDS)


@pytest.mark.parametrize("rel, body", EXAMPLES, ids=EXAMPLE_IDS)
def test_example_is_the_real_file(rel, body):
    path = ROOT / rel
    assert path.is_file(), f"CONTRIBUTING.md shows {rel}, which does not exist"
    assert body == path.read_text(encoding="utf-8"), (
        f"The example of {rel} in CONTRIBUTING.md differs from the file: copy the file into CONTRIBUTING.md again.")


def _copy_id(rel: str) -> str:
    return Path(rel).stem + "-example"


def _lay_copy(project: Scratch, rel: str, body: str) -> None:
    """The example, under its new name, in `project`."""
    original = Path(rel)
    new_rel = (original.parent / f"{_copy_id(rel)}.yaml").relative_to("content").as_posix()
    if _kind(rel) == "emendations":
        # Two emendations of the same words overlap, which the build refuses (G135): the copy replaces
        # the original, as if the example had been added under the new name.
        (project.root / rel).unlink()
    project.write(new_rel, body)


@pytest.fixture(scope="module")
def examples_built(tmp_path_factory: pytest.TempPathFactory) -> Scratch:
    """A copy of the real project with every edition example added under its new name, built once: each is a file
    of its own kind (a note, an emendation, a computation, a variant), so none stands in another's way."""
    project = Scratch.of(tmp_path_factory.mktemp("examples"), ROOT / "content")
    for rel, body in _examples(glossary=False):
        _lay_copy(project, rel, body)
    assert project.build() == 0
    return project


def _examples(glossary: bool) -> list[tuple[str, str]]:
    return [(rel, body) for rel, body in EXAMPLES if (_kind(rel) == "glossary") == glossary]


def _ids(glossary: bool) -> list[str]:
    return [i for i, (rel, _) in zip(EXAMPLE_IDS, EXAMPLES) if (_kind(rel) == "glossary") == glossary]


@pytest.mark.parametrize("rel, body", _examples(glossary=False), ids=_ids(glossary=False))
def test_example_builds_under_a_new_name(rel: str, body: str, examples_built: Scratch) -> None:
    kind, new_id = _kind(rel), _copy_id(rel)
    page = (examples_built.site / _edition_of(rel) / "index.html").read_text(encoding="utf-8")
    anchor = {"notes": f'id="note-{new_id}"', "emendations": f'id="em-{new_id}"',
              "computations": f'id="calc-{new_id}"', "variants": f'id="var-{new_id}"'}[kind]
    assert anchor in page, f"{anchor} is not in the built page"
    if kind == "computations":
        data = (examples_built.site / _edition_of(rel) / "computations.json").read_text(encoding="utf-8")
        assert f'"{new_id}"' in data


@pytest.mark.parametrize("rel, body", _examples(glossary=True), ids=_ids(glossary=True))
def test_glossary_example_builds_under_a_new_name(rel: str, body: str, real_project: Scratch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # A verbatim copy under a new name claims the same term and aliases as the original entry, and a
    # form may belong to one entry only, or links would be ambiguous: the build refuses it with G120.
    _lay_copy(real_project, rel, body)
    assert real_project.build() == 1
    assert "G120" in capsys.readouterr().err
    # So the copy gets forms of its own (the term and each alias with a suffix); everything else stays
    # as in the example. Its new forms occur nowhere in the text, so the build warns (G160) but succeeds.
    _lay_copy(real_project, rel, _rename_glossary_forms(body))
    status = real_project.build()
    assert status == 0, capsys.readouterr().err
    page = (real_project.site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert f'id="{_copy_id(rel)}"' in page


def _edition_of(rel: str) -> str:
    """The edition an example file belongs to (content/editions/SLUG/KIND/ID.yaml)."""
    return Path(rel).parts[2]


def _rename_glossary_forms(body: str) -> str:
    lines, out, in_aliases = body.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("term:"):
            out.append(_suffixed(line, "term: "))
            in_aliases = False
            continue
        if line.startswith("aliases:"):
            in_aliases = True
        elif in_aliases and line.startswith("  - "):
            out.append(_suffixed(line, "  - "))
            continue
        elif not line.startswith(" "):
            in_aliases = False
        out.append(line)
    renamed = "".join(out)
    assert renamed != body
    return renamed


def _suffixed(line: str, prefix: str) -> str:
    value = line[len(prefix):].rstrip("\n")
    if value[:1] in "\"'":
        value = value[1:-1]
    return f'{prefix}"{value} (example copy)"\n'


# --- the diagnostic codes table ----------------------------------------------------------------------

def test_every_diagnostic_code_is_documented():
    in_engine = set()
    for path in (ROOT / "glossa").glob("*.py"):
        in_engine |= set(re.findall(r'"(G1\d\d)"', path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"^\| (G1\d\d) \|", CONTRIBUTING.read_text(encoding="utf-8"), re.MULTILINE))
    assert in_engine, "no diagnostic codes found in glossa/"
    assert in_engine - documented == set(), "codes missing from CONTRIBUTING.md's table"
    assert documented - in_engine == set(), "codes in CONTRIBUTING.md's table that the engine never reports"


# --- GitHub annotations --------------------------------------------------------------------------------

BAD_NOTE = """\
paragraph: 1
quote: "Four score and eight years ago"
body: A note whose quote is not in the paragraph.
sources:
  - title: The Gettysburg Address
    status: seen
"""


def test_check_prints_github_annotations_under_actions(small_project, monkeypatch, capsys):
    small_project.write("editions/gettysburg/notes/misquoted.yaml", BAD_NOTE)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert small_project.check() == 1
    out, err = capsys.readouterr()
    annotation = next((line for line in out.splitlines() if line.startswith("::error ")), None)
    assert annotation, f"no ::error annotation on stdout:\n{out}"
    assert "file=content/editions/gettysburg/notes/misquoted.yaml,line=2" in annotation
    assert "title=G130::" in annotation and "How to fix:" in annotation
    assert "error G130" in err  # the human-readable form is printed as well


def test_check_prints_no_annotations_outside_actions(small_project, monkeypatch, capsys):
    small_project.write("editions/gettysburg/notes/misquoted.yaml", BAD_NOTE)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert small_project.check() == 1
    out, err = capsys.readouterr()
    assert "::error" not in out + err
    assert "misquoted.yaml:2" in err and "G130" in err
