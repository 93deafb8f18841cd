"""A process remembers the files it has checked (read/reader.py): the same text against the same schemas gives the
record made before, and anything else is read afresh: a changed file, a changed schema, the same text elsewhere.
Likewise the glossary's resolved context (resolve/resolver.py), made again when an entry or the editions change."""
from __future__ import annotations

import json
from pathlib import Path

from glossa.read.reader import Reader, _note
from glossa.read.schema import SchemaSet
from scratch import Scratch

NOTE = "editions/gettysburg/notes/four-score.yaml"


def read_note(project: Scratch, rel: str = NOTE) -> object:
    reader = Reader(project.root, SchemaSet.load(project.root / "schemas"))
    record, problems = reader.read_one(project.content / rel, "note.schema.json", _note)
    assert not problems, [p.format() for p in problems]
    return record


def test_an_unchanged_file_gives_the_record_made_before(small_project: Scratch) -> None:
    first = read_note(small_project)
    assert read_note(small_project) is first


def test_a_changed_file_is_read_again(small_project: Scratch) -> None:
    first = read_note(small_project)
    path = small_project.content / NOTE
    path.write_text(path.read_text(encoding="utf-8").replace("A score is twenty", "A score is 20"), encoding="utf-8")
    again = read_note(small_project)
    assert again is not first and "A score is 20" in repr(again)


def test_the_same_text_in_another_file_is_its_own_record(small_project: Scratch) -> None:
    copy = small_project.write(NOTE.replace("four-score", "four-score-copy"), (small_project.content / NOTE).read_text("utf-8"))
    assert read_note(small_project, copy.relative_to(small_project.content).as_posix()) is not read_note(small_project)


def test_a_changed_schema_checks_unchanged_files_again(small_project: Scratch, capsys) -> None:
    assert small_project.check() == 0
    schema_path = small_project.root / "schemas" / "note.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["body"]["maxLength"] = 10   # every note of the fixture is longer
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    capsys.readouterr()
    assert small_project.check() == 1
    assert f"content/{NOTE}" in capsys.readouterr().err


def test_the_glossarys_context_is_made_again_only_when_its_entries_or_the_editions_change() -> None:
    from dataclasses import replace

    from editions import ROOT
    from glossa.resolve.resolver import resolve_glossary
    reader = Reader(ROOT, SchemaSet.load(ROOT / "schemas"))
    entries, problems = reader.read_glossary(ROOT / "content")
    assert entries and not problems
    context, _ = resolve_glossary(entries, ["one"])
    assert resolve_glossary(tuple(entries), ["one"])[0] is context
    assert resolve_glossary(entries, ["one", "two"])[0] is not context
    edited = (replace(entries[0], definition=entries[0].definition + " Edited."), *entries[1:])
    again, _ = resolve_glossary(edited, ["one"])
    assert again is not context and again.linked[entries[0].id] != context.linked[entries[0].id]
