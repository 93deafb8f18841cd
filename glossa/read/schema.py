"""Check loaded YAML against the JSON Schemas in `schemas/`, with messages a contributor can act on.

Validation is done by the `jsonschema` library, so every keyword of the schemas' declared draft is
enforced; this module only translates its findings into Glossa's diagnostics, each at the line of the
offending value. The same files give editors completion through a YAML language server, so the schema
is written once.

Two refinements of the standard behaviour, both stricter: a pattern's final `$` means the end of the
text (as in JavaScript, where JSON Schema regexes come from; Python's `$` would also accept a trailing
newline), and the format `partial-date` (YYYY, YYYY-MM or YYYY-MM-DD) refuses days the calendar lacks.
"""
from __future__ import annotations

import calendar
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import FormatChecker, ValidationError
from jsonschema.exceptions import SchemaError, UnknownType
from jsonschema.protocols import Validator
from jsonschema.validators import extend, validator_for
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012, specification_with

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, did_you_mean, error
from .yamlfile import ValuePath, YamlDocument

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "object": "a group of fields", "array": "a list", "null": "empty"}
_FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


# eq=False: two sets are the same set only when they are one object, which `load` makes sure of for equal files
# (see there), so a set can key a memo of what was checked against it (reader.py).
@dataclass(frozen=True, kw_only=True, eq=False)
class SchemaSet:
    """All schemas of the project, by file name, ready to validate; `problems` lists the broken ones."""

    validators: Mapping[str, Validator]
    problems: tuple[Diagnostic, ...] = ()

    @classmethod
    def load(cls, folder: Path) -> SchemaSet:
        """The schemas in `folder`: the same object again while its files are unchanged (a build loads them
        twice, serve at every save, the tests in every build)."""
        files = tuple((path.name, path.read_bytes()) for path in sorted(folder.glob("*.schema.json")))
        return _loaded(folder.name, files)

    def validate(self, doc: YamlDocument, schema_name: str) -> list[Diagnostic]:
        """Every way `doc` departs from the schema, each at the line of the offending value."""
        validator = self.validators.get(schema_name)
        if validator is None:
            return [error(Code.BROKEN_SCHEMA, f"The schema {schema_name} is missing, so this file cannot be checked.",
                          doc.file, f"Restore schemas/{schema_name}.")]
        problems: list[Diagnostic] = []
        reported: set[tuple[ValuePath, str]] = set()
        try:
            for found in validator.iter_errors(doc.data):
                problems += _translate(found, doc, reported)
        except (SchemaError, UnknownType, Unresolvable, LookupError, TypeError, ValueError, re.error) as exc:
            # Schemas are read before any content, so this is a schema that is valid JSON but not a usable
            # JSON Schema (an unknown type name, a $ref to nothing, a limit written as text ...).
            return [error(Code.BROKEN_SCHEMA, f"The schema {schema_name} cannot be used: {_short(str(exc), 200)}",
                          SourceLocation(f"schemas/{schema_name}", 1))]
        return problems


@functools.lru_cache(maxsize=4)
def _loaded(folder: str, files: tuple[tuple[str, bytes], ...]) -> SchemaSet:
    schemas: dict[str, dict[str, Any]] = {}
    problems: list[Diagnostic] = []
    for name, raw in files:
        schema, problem = _read_schema(raw, f"{folder}/{name}")
        if problem:
            problems.append(problem)
        elif schema is not None:
            schemas[name] = schema
    problems += _check_patterns(schemas, folder)
    # jsonschema switches to its stock validator class wherever a schema names its draft with "$schema",
    # which would drop the stricter `pattern` below inside every $ref'd schema: so the draft is taken
    # from "$schema" here, and the schemas are handed over without it.
    bases = {name: validator_for(schema) for name, schema in schemas.items()}
    drafts = {name: specification_with(str(schema.get("$schema", "")), default=DRAFT202012)
              for name, schema in schemas.items()}
    schemas = {name: {k: v for k, v in schema.items() if k != "$schema"} for name, schema in schemas.items()}
    registry: Registry[Any] = Registry().with_resources(
        (schema.get("$id", name), drafts[name].create_resource(schema))
        for name, schema in schemas.items())
    checker = FormatChecker(formats=())
    checker.checks("partial-date")(_is_calendar_date)
    validators = {name: _strict(bases[name])(schema, registry=registry, format_checker=checker)
                  for name, schema in schemas.items()}
    return SchemaSet(validators=validators, problems=tuple(problems))


def _read_schema(raw: bytes, rel: str) -> tuple[dict[str, Any] | None, Diagnostic | None]:
    try:
        schema = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, error(Code.BROKEN_SCHEMA, "The schema is not valid UTF-8.", SourceLocation(rel, 1))
    except json.JSONDecodeError as exc:
        return None, error(Code.BROKEN_SCHEMA, f"The schema is not valid JSON: {exc.msg}.",
                           SourceLocation(rel, exc.lineno, exc.colno))
    if not isinstance(schema, dict):
        return None, error(Code.BROKEN_SCHEMA, "The schema is not a JSON object.", SourceLocation(rel, 1))
    return schema, None


@functools.cache
def _strict(base: type[Validator]) -> type[Validator]:
    """`base` with the stricter `pattern` keyword. Made once per draft in a process, not per load: jsonschema
    builds a class each time (about 5 ms, most of what loading the schemas cost a serve rebuild or a test)."""
    strict: type[Validator] = extend(base, {"pattern": _pattern})  # type: ignore[no-untyped-call]  # jsonschema types extend loosely
    return strict


def _pattern(validator: Validator, text: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _regex(text).search(instance):
        yield ValidationError(f"{instance!r} does not match {text!r}")


@functools.lru_cache(maxsize=1024)
def _regex(text: str) -> re.Pattern[str]:
    """A schema pattern compiled once (re.search(text, …) per value cost more than the rest of a check)."""
    return re.compile(_to_the_end(text))


def _check_patterns(schemas: dict[str, dict[str, Any]], folder: str) -> list[Diagnostic]:
    """A schema with an invalid pattern is reported and dropped from `schemas`."""
    problems: list[Diagnostic] = []
    for name, schema in list(schemas.items()):
        for text in _patterns(schema):
            try:
                _regex(text)
            except re.error as exc:
                problems.append(error(Code.BROKEN_SCHEMA, f"The pattern {text!r} is not a valid regular expression: "
                                      f"{exc}.", SourceLocation(f"{folder}/{name}", 1)))
                del schemas[name]
                break
    return problems


def _to_the_end(pattern: str) -> str:
    """A final `$` made to mean the end of the text, as it does in the JavaScript regexes schemas are written in."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _patterns(schema: Any) -> Iterator[str]:
    """Every `pattern` keyword's text in a schema, at any depth."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _patterns(item)


def _is_calendar_date(value: object) -> bool:
    """False only for a YYYY-MM-DD date whose day is not in its month; the form itself is the pattern's job."""
    match = _FULL_DATE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return True
    year, month, day = (int(part) for part in match.groups())
    return not 1 <= month <= 12 or 1 <= day <= calendar.monthrange(year, month)[1]


# --- translation: one jsonschema error -> Glossa diagnostics ----------------------------------------

def _translate(found: ValidationError, doc: YamlDocument, reported: set[tuple[ValuePath, str]]) -> list[Diagnostic]:
    path: ValuePath = tuple(found.absolute_path)
    kind = str(found.validator)
    rule: Any = found.validator_value
    value: Any = found.instance
    schema: Any = found.schema
    name = _field_name(path)
    where = doc.where(path)
    if "propertyNames" in found.relative_schema_path:
        return [error(Code.BAD_NAME, f"The name '{value}' is not allowed in {name}.", doc.where(path + (value,)),
                      _description(schema) or "Use lowercase letters, digits and underscores, starting with a letter.")]
    if kind == "required":
        missing = [field for field in rule if field not in value and (path, field) not in reported]
        reported.update((path, field) for field in missing)
        return [error(Code.MISSING_FIELD, f"The required field '{field}' is missing"
                      + (f" from {name}." if path else "."), where,
                      f"Add '{field}:' with a value; see CONTRIBUTING.md for a complete example.")
                for field in missing]
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        extra = [key for key in value if key not in known and not any(re.search(p, key) for p in patterns)]
        return [error(Code.UNKNOWN_FIELD, f"Unknown field '{key}'" + (f" in {name}." if path else "."),
                      doc.where(path + (key,)),
                      "Remove it or correct its name." + did_you_mean(key, known)
                      + (" Known fields: " + ", ".join(known) + "." if known else ""))
                for key in extra]
    if kind == "type":
        allowed = [rule] if isinstance(rule, str) else list(rule)
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in allowed)
        hint = "Write it as " + wanted + "."
        if "string" in allowed and value is not None:
            hint += ' Put the value in double quotes, e.g. "' + str(value) + '".'
        return [error(Code.WRONG_TYPE, f"{name} should be {wanted}, not {_describe(value)}.", where, hint)]
    if kind in ("enum", "const"):
        choices = [str(c) for c in (rule if kind == "enum" else [rule])]
        return [error(Code.NOT_A_CHOICE, f"{name} is '{_short(str(value))}', which is not one of: "
                      f"{', '.join(choices)}.", where, "Use one of the listed values." + did_you_mean(str(value), choices))]
    if kind == "pattern":
        return [error(Code.BAD_FORM, f"{name} '{_short(str(value))}' is not in the expected form.", where,
                      _description(schema) or f"It must match the pattern {rule}.")]
    if kind == "format":
        return [error(Code.BAD_FORM, f"{name} '{_short(str(value))}' is not a date in the calendar.", where,
                      _calendar_hint(str(value)))]
    return _limit(kind, rule, value, name, where) or [
        error(Code.SCHEMA_RULE, f"{name} does not meet the schema's '{kind}' rule: {_short(found.message, 160)}.",
              where, _description(schema) or Code.SCHEMA_RULE.fix)]


def _limit(kind: str, rule: Any, value: Any, name: str, where: SourceLocation) -> list[Diagnostic]:
    """The lower and upper limits: lengths, counts and magnitudes."""
    if kind == "minLength":
        message = f"{name} is empty." if not value else f"{name} is shorter than {rule:,} characters."
        return [error(Code.TOO_SMALL, message, where, "Write something, or remove the field if it is optional.")]
    if kind == "maxLength":
        return [error(Code.TOO_LARGE, f"{name} is {len(value):,} characters long; the limit is {rule:,}.", where,
                      "Shorten it.")]
    if kind in ("minItems", "minProperties"):
        return [error(Code.TOO_SMALL, f"{name} needs at least {rule} {'item' if rule == 1 else 'items'}.", where,
                      "Add one; see CONTRIBUTING.md for an example.")]
    if kind in ("maxItems", "maxProperties"):
        return [error(Code.TOO_LARGE, f"{name} has {len(value)} entries; at most {rule} are allowed.", where,
                      "Remove some, or split the file into several.")]
    if kind in ("minimum", "exclusiveMinimum"):
        bound = "at least" if kind == "minimum" else "more than"
        return [error(Code.TOO_SMALL, f"{name} is {value}; it must be {bound} {rule}.", where,
                      "Paragraphs and occurrences count from 1." if rule == 1 else f"Use a number {bound} {rule}.")]
    if kind in ("maximum", "exclusiveMaximum"):
        bound = "at most" if kind == "maximum" else "less than"
        return [error(Code.TOO_LARGE, f"{name} is {value}; it must be {bound} {rule}.", where,
                      f"Use a number {bound} {rule}.")]
    return []


def _calendar_hint(value: str) -> str:
    match = _FULL_DATE.fullmatch(value)
    if not match:
        return "Write a date as YYYY, YYYY-MM or YYYY-MM-DD."
    year, month = int(match.group(1)), int(match.group(2))
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days; check the day against the source."


def _description(schema: Any) -> str:
    return str(schema.get("description", "")) if isinstance(schema, dict) else ""


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


def _field_name(path: ValuePath) -> str:
    if not path:
        return "The file"
    return "'" + ".".join(str(p) for p in path) + "'"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
