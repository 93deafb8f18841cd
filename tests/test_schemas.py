"""Every content file names its JSON Schema, so a YAML language server can complete and check it as it is typed."""
from __future__ import annotations

import json
import re

import pytest

EXPECTED = {"glossary": "glossary-entry", "notes": "note", "emendations": "emendation",
            "computations": "computation"}


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
