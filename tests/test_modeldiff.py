"""`build.py diff BASE`: the annotations and verdicts a change makes, between two commits of a fixture repository
made here, and against the uncommitted working tree."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from glossa.cli import main

if TYPE_CHECKING:  # the name only: tests/browser has a conftest too, so importing it at run time is ambiguous
    from conftest import Scratch


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(small_project: Scratch) -> tuple[Scratch, str]:
    """The small fixture project as a git repository of one commit, and that commit."""
    git(small_project.root, "init", "-q")
    return small_project, commit_all(small_project.root, "base")


def edition_of(project: Scratch) -> Path:
    [edition] = [p for p in (project.content / "editions").iterdir() if p.is_dir()]
    return edition


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diff(project: Scratch, base: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["diff", base, *args], root=project.root) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def change_everything(project: Scratch) -> dict[str, str]:
    """One change of each sort; returns the ids involved."""
    edition = edition_of(project)
    note = sorted((edition / "notes").glob("*.yaml"))[0]
    emendation = sorted((edition / "emendations").glob("*.yaml"))[0]
    computation = sorted((edition / "computations").glob("*.yaml"))[0]
    entry = sorted((project.content / "glossary").glob("*.yaml"))[0]
    replace_in(note, "body: |\n", "body: |\n  A new first sentence.\n")
    emendation.unlink()
    replace_in(computation, "comparator: equals", "comparator: less-than")  # equal is not less: the verdict turns
    replace_in(entry, "definition: ", "definition: Now ")
    added = note.with_name("added-note.yaml")
    added.write_text(note.read_text(encoding="utf-8"), encoding="utf-8")
    return {"note": note.stem, "emendation": emendation.stem, "computation": computation.stem,
            "entry": entry.stem, "added": added.stem, "edition": edition.name}


def test_two_commits_of_a_fixture_repository(repo, capsys):
    project, base = repo
    ids = change_everything(project)
    head = commit_all(project.root, "changes")
    git(project.root, "checkout", "-q", "--detach", head)
    out = diff(project, base, capsys)
    lines = out.splitlines()
    assert f"since {base[:12]}" in lines[0]
    assert "5 annotations added, changed or removed; 1 verdict changed." in out

    def row(status: str, kind: str, item: str) -> str:
        return next(line for line in lines
                    if line.split()[:1] == [status] and f" {kind} " in line and f" {item} " in f"{line} ")

    assert "(body)" in row("changed", "note", ids["note"])
    assert row("added", "note", ids["added"])
    assert row("removed", "emendation", ids["emendation"])
    assert "(claim)" in row("changed", "computation", ids["computation"])
    assert "(definition)" in row("changed", "glossary entry", ids["entry"])
    [verdict] = [line.strip() for line in lines if line.strip().startswith(ids["computation"] + ":")]
    assert verdict.startswith(f"{ids['computation']}: ✓ holds (") and "-> ✗ does not hold (" in verdict


def test_the_working_tree_is_compared_uncommitted(repo, capsys):
    project, base = repo
    assert "No note, glossary entry, computation, emendation or variant was added" in diff(project, "HEAD", capsys)
    ids = change_everything(project)
    out = diff(project, "HEAD", capsys)
    assert f" {ids['added']} " in out and "1 verdict changed" in out


def test_markdown_for_the_job_summary_makes_content_inert(repo, capsys):
    project, base = repo
    hostile = "<img src=x onerror=alert(1)>|*x*"
    (project.content / "glossary" / "hostile.yaml").write_text(
        f'term: "{hostile}"\nkind: term\ndefinition: x\nsources:\n  - title: x\n    status: seen\n', encoding="utf-8")
    out = diff(project, base, capsys, "--format", "markdown")
    assert out.startswith(f"## Changes to the editions since `{base[:12]}`")
    [row] = [line for line in out.splitlines() if "`hostile`" in line]
    assert row.startswith("| added | glossary entry | `hostile` |")
    assert "<img" not in out and "&lt;img" in out
    assert row.count("|") - row.count("\\|") == 6  # the term's pipe cannot add a column
    assert "\\*x\\*" in row


def test_a_base_that_does_not_build_is_said_so(repo, capsys):
    project, _ = repo
    note = sorted((edition_of(project) / "notes").glob("*.yaml"))[0]
    good = note.read_text(encoding="utf-8")
    note.write_text("paragraph: [\n", encoding="utf-8")
    broken = commit_all(project.root, "broken")
    note.write_text(good, encoding="utf-8")
    out = diff(project, broken, capsys)
    assert "does not build: its verdicts are unknown" in out
    assert f"added    note" in out  # the note unreadable at the base counts as added now


def test_an_unknown_revision_is_refused_in_one_line(repo, capsys):
    project, _ = repo
    assert main(["diff", "no-such-branch"], root=project.root) == 2
    err = capsys.readouterr().err
    assert "cannot read revision 'no-such-branch'" in err and len(err.strip().splitlines()) == 1
    assert main(["diff", "--upload-pack=evil"], root=project.root) == 2


# --- a book-length edition: its parts are compared too ------------------------------------------------------

def test_a_books_parts_added_retitled_and_rewritten_are_listed(book_project, capsys):
    import yaml
    from glossa.read.checksum import text_sha256

    git(book_project.root, "init", "-q")
    base = commit_all(book_project.root, "base")
    edition = edition_of(book_project)
    meta_path = edition / "edition.yaml"
    parts = yaml.safe_load(meta_path.read_text(encoding="utf-8"))["parts"]
    first, last = parts[0], parts[-1]
    replace_in(meta_path, f"title: {first['title']}", "title: A new title")
    last_file = edition / last["file"]
    rewritten = last_file.read_text(encoding="utf-8") + "\nA paragraph added at the end.\n"
    last_file.write_text(rewritten, encoding="utf-8")
    replace_in(meta_path, last["sha256"], text_sha256(rewritten))
    added = edition / "parts" / "99-afterword.txt"
    added.write_text("An afterword of one paragraph.\n", encoding="utf-8")
    meta_path.write_text(meta_path.read_text(encoding="utf-8") + "  - id: afterword\n    title: Afterword\n"
                         f"    file: parts/99-afterword.txt\n    sha256: {text_sha256(added.read_text())}\n",
                         encoding="utf-8")
    note = sorted((edition / "notes").glob("*.yaml"))[0]
    note_part = yaml.safe_load(note.read_text(encoding="utf-8"))["part"]
    replace_in(note, "body: |\n", "body: |\n  A new first sentence.\n")
    assert book_project.check() == 0, "the changed book must still build"
    commit_all(book_project.root, "parts changed")

    lines = diff(book_project, base, capsys).splitlines()
    assert "3 parts of a book and 1 annotation added, changed or removed; 0 verdicts changed." in "\n".join(lines)

    def row(status: str, kind: str, item: str) -> str:
        found = [line for line in lines if line.split()[:3] == [status, kind, item]]
        assert len(found) == 1, (status, kind, item, lines)
        return found[0]

    assert row("changed", "part", first["id"]).endswith("“A new title” (title)")
    assert row("changed", "part", last["id"]).endswith("(paragraphs, text)")
    assert "“Afterword”" in row("added", "part", "afterword")
    assert f"part {note_part}, paragraph " in row("changed", "note", note.stem)
