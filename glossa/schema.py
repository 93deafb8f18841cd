"""Check loaded YAML against the JSON Schemas in `schemas/`, with messages a contributor can act on.

Only the part of JSON Schema that the annotation schemas use is understood: type, enum, pattern,
minLength/maxLength, minimum, required, properties, additionalProperties, propertyNames,
minProperties/maxProperties, items, minItems, $ref (with keywords beside it) and if/then. The same files give editors completion
through a YAML language server, so the schema is written once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, did_you_mean, error
from .yamlfile import YamlDocument

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "boolean": "true or false",
               "object": "a group of fields", "array": "a list"}


@dataclass(frozen=True)
class SchemaSet:
    """All schemas of the project, by file name."""

    schemas: dict[str, dict]

    @classmethod
    def load(cls, folder: Path) -> "SchemaSet":
        return cls({p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))})

    def validate(self, doc: YamlDocument, schema_name: str) -> list[Diagnostic]:
        """Every way `doc` departs from the schema, each at the line of the offending value."""
        problems: list[Diagnostic] = []
        schema = self.schemas[schema_name]
        self._check(doc.data, schema, schema, (), doc, problems)
        return problems

    def _resolve(self, schema: dict, root: dict) -> tuple[dict, dict]:
        while "$ref" in schema:
            ref = schema["$ref"]
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            if ref.startswith("#/"):
                target: Any = root
                for part in ref[2:].split("/"):
                    target = target[part]
            else:
                root = target = self.schemas[ref]
            schema = {**siblings, **target}
            # Keywords beside a $ref apply together with it (JSON Schema 2020-12): a `required` there adds fields.
            if "required" in siblings:
                schema["required"] = list(dict.fromkeys([*target.get("required", []), *siblings["required"]]))
        return schema, root

    def _check(self, value: Any, schema: dict, root: dict, path: tuple, doc: YamlDocument, out: list) -> None:
        schema, root = self._resolve(schema, root)
        where = doc.where(path)
        name = _field_name(path)
        if "enum" in schema:
            if value not in schema["enum"]:
                choices = ", ".join(str(c) for c in schema["enum"])
                out.append(error("G113", f"{name} is '{value}', which is not one of: {choices}.", where,
                                 "Use one of the listed values." + did_you_mean(str(value), map(str, schema["enum"]))))
            return
        types = schema.get("type")
        if types is not None:
            allowed = [types] if isinstance(types, str) else list(types)
            if not any(_is_type(value, t) for t in allowed):
                wanted = " or ".join(_TYPE_NAMES[t] for t in allowed)
                hint = "Write it as " + wanted + "."
                if "string" in allowed and value is not None:
                    hint += ' Put the value in double quotes, e.g. "' + str(value) + '".'
                out.append(error("G110", f"{name} should be {wanted}, not {_describe(value)}.", where, hint))
                return
        if isinstance(value, str):
            self._check_string(value, schema, name, where, out)
        elif isinstance(value, int) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                out.append(error("G113", f"{name} is {value}; it must be at least {schema['minimum']}.", where,
                                 "Paragraphs and occurrences count from 1."))
        elif isinstance(value, dict):
            self._check_object(value, schema, root, path, doc, out)
            # if/then: a rule that holds only in some cases, e.g. `via` is required when status is "quoted".
            if "if" in schema and "then" in schema and not self._problems(value, schema["if"], root, path, doc):
                self._check(value, schema["then"], root, path, doc, out)
        elif isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                out.append(error("G111", f"{name} needs at least {schema['minItems']} item(s).", where,
                                 "Add an item; see CONTRIBUTING.md for an example."))
            if "items" in schema:
                for i, item in enumerate(value):
                    self._check(item, schema["items"], root, path + (i,), doc, out)

    def _problems(self, value: Any, schema: dict, root: dict, path: tuple, doc: YamlDocument) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        self._check(value, schema, root, path, doc, found)
        return found

    def _check_string(self, value: str, schema: dict, name: str, where, out: list) -> None:
        if len(value) < schema.get("minLength", 0):
            out.append(error("G113", f"{name} is empty.", where, "Write something, or remove the field if it is optional."))
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            out.append(error("G113", f"{name} is {len(value):,} characters long; the limit is {schema['maxLength']:,}.",
                             where, "Shorten it."))
        elif "pattern" in schema and not re.fullmatch(schema["pattern"], value):  # fullmatch: no trailing "\n"
            out.append(error("G113", f"{name} '{value}' is not in the expected form.", where,
                             _pattern_hint(schema)))

    def _check_object(self, value: dict, schema: dict, root: dict, path: tuple, doc: YamlDocument, out: list) -> None:
        props = schema.get("properties", {})
        name = _field_name(path)
        for field in schema.get("required", []):
            if field not in value:
                out.append(error("G111", f"The required field '{field}' is missing"
                                 + (f" from {name}." if path else "."), doc.where(path),
                                 f"Add '{field}:' with a value; see CONTRIBUTING.md for a complete example."))
        count = len(value)
        if count < schema.get("minProperties", 0):
            out.append(error("G111", f"{name} needs at least {schema['minProperties']} entry.", doc.where(path),
                             "Add one."))
        if count > schema.get("maxProperties", 10**9):
            out.append(error("G113", f"{name} has {count} entries; at most {schema['maxProperties']} are allowed.",
                             doc.where(path), "Split the computation into smaller ones."))
        name_pattern = schema.get("propertyNames", {}).get("pattern")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if name_pattern and not re.fullmatch(name_pattern, key):
                out.append(error("G113", f"The name '{key}' is not allowed here.", doc.where(path + (key,)),
                                 "Use lowercase letters, digits and underscores, starting with a letter."))
                continue
            if key in props:
                self._check(item, props[key], root, path + (key,), doc, out)
            elif extra is False:
                out.append(error("G112", f"Unknown field '{key}'" + (f" in {name}." if path else "."),
                                 doc.where(path + (key,)),
                                 "Remove it or correct its name." + did_you_mean(key, props)
                                 + " Known fields: " + ", ".join(props) + "."))
            elif isinstance(extra, dict):
                self._check(item, extra, root, path + (key,), doc, out)


def _is_type(value: Any, type_name: str) -> bool:
    if type_name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "boolean":
        return isinstance(value, bool)
    return isinstance(value, {"string": str, "object": dict, "array": list}[type_name])


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    return "a list" if isinstance(value, list) else "a group of fields"


def _field_name(path: tuple) -> str:
    if not path:
        return "The file"
    return "'" + ".".join(str(p) for p in path) + "'"


def _pattern_hint(schema: dict) -> str:
    description = schema.get("description", "")
    return description or f"It must match the pattern {schema['pattern']}."
