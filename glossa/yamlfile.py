"""Read one YAML file into plain values, remembering the line of every value.

PyYAML's own type resolution is not used: it reads `1:20` as 80 and `012` as 10 and drops the trailing
zeros that carry a figure's precision. Here a plain scalar is an integer only when it is written as
one (`7`), `true`/`false` are booleans, and everything else stays the string the contributor typed.
Tags, anchors and aliases are refused: content never needs them, and they are how YAML is abused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, SourceLocation, error

# The safe loader, in C where PyYAML was built with libyaml (about ten times faster), else in Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 12
BRACKET_SCAN_LIMIT = 64  # generous (prose may hold brackets), far below where PyYAML's recursion fails
_INT = re.compile(r"-?(0|[1-9][0-9]{0,15})")
# C0 controls other than tab and newline, DEL, and lone surrogates (which cannot even be written as UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge",
}

@dataclass(frozen=True)
class YamlDocument:
    """A loaded file: its values and, for each path into them, where that value was written."""

    data: Any
    locations: dict[tuple, SourceLocation]
    file: SourceLocation

    def where(self, path: tuple) -> SourceLocation:
        """The location of the value at `path`, or of its nearest written ancestor."""
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path, self.file)


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def parse_yaml(text: str, rel_path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse YAML text; return the document, or None and the diagnostics that explain why not."""
    file_loc = SourceLocation(rel_path, 1)
    if not text.strip() or all(line.strip().startswith("#") or not line.strip() for line in text.splitlines()):
        return None, [error("G102", "The file is empty.", file_loc,
                            "Fill in the fields this kind of file needs (see CONTRIBUTING.md), or delete the file.")]
    control = _CONTROL.search(text)
    if control:  # before parsing: the loaders would report it without a line
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        return None, [error("G113", f"The file contains an invisible control character (U+{ord(control.group()):04X}).",
                            SourceLocation(rel_path, line, column),
                            "Delete it; retype the text if you pasted it from elsewhere.")]
    too_deep = _flow_depth_exceeds(text, BRACKET_SCAN_LIMIT)
    if too_deep:
        return None, [error("G105", f"The YAML nests brackets deeper than {BRACKET_SCAN_LIMIT} levels.",
                            SourceLocation(rel_path, too_deep), "Annotation files are shallow; remove the extra nesting.")]
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except RecursionError:  # deep block nesting that the bracket scan above cannot see
        return None, [error("G105", "The YAML nests too deeply to be read.", file_loc,
                            "Annotation files are shallow; remove the extra nesting.")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = SourceLocation(rel_path, mark.line + 1, mark.column + 1) if mark else file_loc
        problem = exc.problem or exc.context or "the YAML cannot be read"
        return None, [error("G100", f"Malformed YAML: {problem}.", loc,
                            "Check indentation and quoting on this line; put text containing ': ' or starting "
                            "with a quote, '-', '[' or '{' inside double quotes.")]
    except yaml.YAMLError as exc:
        return None, [error("G100", f"Malformed YAML: {exc}.", file_loc, "Check the file's syntax.")]
    locations: dict[tuple, SourceLocation] = {}
    try:
        data = _convert(node, (), rel_path, locations, set(), 0)
    except _Refused as refused:
        return None, [refused.diagnostic]
    return YamlDocument(data, locations, file_loc), []


def _convert(node: yaml.Node, path: tuple, rel_path: str, locations: dict, seen: set, depth: int) -> Any:
    loc = SourceLocation(rel_path, node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen:
        raise _Refused(error("G105", "YAML anchors and aliases (&name, *name) are not allowed.", loc,
                             "Write the value out in full where it is needed."))
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(error("G105", f"The YAML nests deeper than {MAX_DEPTH} levels.", loc,
                             "Annotation files are shallow; remove the extra nesting."))
    if node.tag not in _STANDARD_TAGS:
        raise _Refused(error("G105", f"YAML tags such as '{node.tag}' are not allowed.", loc,
                             "Remove the '!…' tag; write a plain value."))
    locations[path] = loc
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                kloc = SourceLocation(rel_path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                raise _Refused(error("G105", "Only plain names may be used as keys (no '<<' merges or complex keys).",
                                     kloc, "Write each field out as 'name: value'."))
            kloc = SourceLocation(rel_path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = _scalar(key_node, kloc)
            if not isinstance(key, str):
                raise _Refused(error("G105", f"The key '{key_node.value}' is not a name.", kloc,
                                     "Field names are words such as 'paragraph' or 'quote'."))
            if key in result:
                raise _Refused(error("G120", f"The field '{key}' is given twice.", kloc,
                                     "Keep one of the two and delete the other."))
            result[key] = _convert(value_node, path + (key,), rel_path, locations, seen, depth + 1)
            # The key's line is the better pointer: it names the field, even when the value starts below it.
            locations[path + (key,)] = kloc
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), rel_path, locations, seen, depth + 1) for i, item in enumerate(node.value)]
    return _scalar(node, loc)


def _flow_depth_exceeds(text: str, limit: int) -> int:
    """The line on which [ or { brackets nest deeper than `limit`, or 0. A cheap scan before parsing,
    because PyYAML's composer recurses once per level and a small file could exhaust Python's stack."""
    depth, line, quote = 0, 1, ""
    for ch in text:
        if ch == "\n":
            line += 1
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
    return 0


def _scalar(node: yaml.ScalarNode, loc: SourceLocation) -> Any:
    text = node.value
    bad = _CONTROL.search(text)
    if bad:
        raise _Refused(error("G113", f"The value contains an invisible control character (U+{ord(bad.group()):04X}).",
                             loc, "Delete it; retype the value if you pasted it from elsewhere."))
    if node.style not in (None, "") or node.tag == "tag:yaml.org,2002:str":  # quoted, block or !!str: text
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text)
    return text


def read_text_file(path: Path, rel_path: str, max_bytes: int) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file, refusing oversized and undecodable ones with a diagnostic."""
    loc = SourceLocation(rel_path, 1)
    size = path.stat().st_size
    if size > max_bytes:
        return None, [error("G103", f"The file is {size:,} bytes; the limit for this kind of file is {max_bytes:,}.",
                            loc, "Split it, or shorten it: annotation files hold one short annotation each.")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error("G101", f"The file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}).",
                            SourceLocation(rel_path, line), "Save the file as UTF-8 in your editor.")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n"), []
