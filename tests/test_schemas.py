"""Every content file names its JSON Schema, so a YAML language server can complete and check it as it is typed."""
from __future__ import annotations

import json
import re

import pytest

EXPECTED = {"glossary": "glossary-entry", "notes": "note", "emendations": "emendation",
            "computations": "computation", "variants": "variant"}


def content_files(root):
    return sorted((root / "content").rglob("*.yaml"))


def expected_schema(rel_parts: tuple[str, ...]) -> str:
    if rel_parts == ("site.yaml",):
        return "site"
    if rel_parts[-1] == "edition.yaml":
        return "edition"
    return EXPECTED[rel_parts[-2]]


def test_every_content_file_references_the_right_schema(project_root):
    files = content_files(project_root)
    assert len(files) > 60
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path} does not start with a yaml-language-server schema line"
        schema = (path.parent / match.group(1)).resolve()
        assert schema.is_file(), f"{path}: {match.group(1)} does not exist"
        rel = path.relative_to(project_root / "content").parts
        assert schema.name == expected_schema(rel) + ".schema.json", path


@pytest.mark.parametrize("name", ["citation", "glossary-entry", "note", "emendation", "computation", "edition",
                                  "site"])
def test_schemas_are_json_schema_documents(project_root, name):
    schema = json.loads((project_root / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["$id"] == f"{name}.schema.json"
    assert schema["type"] == "object" and schema["additionalProperties"] is False


# --- validation: jsonschema's findings as Glossa's diagnostics ------------------------------------------

from pathlib import Path  # noqa: E402

from jsonschema.validators import validator_for  # noqa: E402

from glossa.codes import Code  # noqa: E402
from glossa.read.schema import SchemaSet  # noqa: E402
from glossa.read.yamlfile import parse_yaml  # noqa: E402

NOTE = 'paragraph: 1\nquote: "Four score"\nbody: x\nsources:\n  - title: x\n    status: not-seen\n'


def check(schemas: SchemaSet, text: str, schema: str = "note.schema.json") -> list[tuple[str, int, str]]:
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is not None and problems == []
    return [(d.code.value, d.location.line, d.message) for d in schemas.validate(doc, schema)]


def test_committed_schemas_are_valid_for_the_draft_they_declare(project_root):
    """The build does not re-check the schemas against their meta-schema each run (it costs a third of a
    check); this test does, so a schema that would be misread never lands."""
    for path in sorted((project_root / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        validator_for(schema).check_schema(schema)


def test_a_valid_note_has_no_problems(project_root):
    assert check(SchemaSet.load(project_root / "schemas"), NOTE) == []


def test_each_kind_of_violation_has_its_own_code_and_line(project_root):
    schemas = SchemaSet.load(project_root / "schemas")
    text = ('paragraph: 0\nquote: ""\nbody: x\noccurrence: "2"\nsoruces:\n  - title: x\n    pages: "'
            + "p" * 101 + '"\n')
    found = sorted(check(schemas, text))
    assert [(code, line) for code, line, _ in found] == [
        ("G110", 4), ("G111", 1), ("G112", 5), ("G115", 1), ("G115", 2)]
    messages = " ".join(message for *_, message in found)
    assert "'paragraph' is 0; it must be at least 1." in messages and "'quote' is empty." in messages
    assert "Unknown field 'soruces'." in messages and "The required field 'sources' is missing." in messages


def test_a_pattern_anchored_with_dollar_refuses_a_trailing_newline(project_root):
    schemas = SchemaSet.load(project_root / "schemas")
    block = NOTE + "    url: |\n      https://example.org/\n"  # a block scalar ends with a newline
    assert [(c, line) for c, line, _ in check(schemas, block)] == [("G113", 7)]
    assert check(schemas, NOTE + "    url: https://example.org/\n") == []


def test_dates_must_be_in_the_calendar(project_root):
    schemas = SchemaSet.load(project_root / "schemas")
    edition = (project_root / "tests/fixtures/content/editions/gettysburg/edition.yaml").read_text(encoding="utf-8")
    for date, codes in [("1936-02-29", []), ("1936", []), ("1936-02", []), ("1936-02-30", ["G113"]),
                        ("1937-02-29", ["G113"]), ("1936-04-31", ["G113"]), ("1936-13-01", ["G113"])]:
        text = re.sub(r'^written: .*$', f'written: "{date}"', edition, flags=re.MULTILINE)
        assert [c for c, *_ in check(schemas, text, "edition.schema.json")] == codes, date


def test_a_schema_the_validator_cannot_use_is_a_diagnostic_not_a_traceback(tmp_path: Path):
    (tmp_path / "note.schema.json").write_text(json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "note.schema.json",
         "type": "object", "properties": {"paragraph": {"type": "whole number"}}}), encoding="utf-8")
    (tmp_path / "site.schema.json").write_text('{"type": "object", "pattern": "(unclosed"}', encoding="utf-8")
    schemas = SchemaSet.load(tmp_path)
    assert [(d.code, d.location.path) for d in schemas.problems] == [
        (Code.BROKEN_SCHEMA, f"{tmp_path.name}/site.schema.json")]
    assert [code for code, *_ in check(schemas, NOTE)] == ["G151"]
    assert [code for code, *_ in check(schemas, NOTE, "citation.schema.json")] == ["G151"]  # missing
