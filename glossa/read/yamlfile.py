"""Read one YAML file into plain values, remembering the line of every value.

PyYAML's own type resolution is not used: it reads `1:20` as 80 and `012` as 10 and drops the trailing
zeros that carry a figure's precision. Here a plain scalar is an integer only when it is written as
one (`7`), `true`/`false` are booleans, and everything else stays the string the contributor typed.

The values are built from PyYAML's event stream rather than its node graph: events still carry the
anchors (`&a`) that the node graph forgets, so an anchor is refused even when nothing uses it, and an
alias is refused where it is met, before anything is expanded. Tags, anchors and aliases are refused:
content never needs them, and they are how YAML is abused.

Lines are counted as an editor counts them (after \\n, \\r\\n or \\r only). PyYAML also breaks lines at
U+0085, U+2028 and U+2029, so its line numbers are not used; its character offsets are.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from .rawfile import read_bytes

# The safe loader, in C where PyYAML was built with libyaml (about ten times faster), else in Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 12
# Brackets are counted before parsing: libyaml's scanner reads a whole bracketed value ahead of its first
# event, so a deep one would fail inside the scanner with a message that names no limit.
BRACKET_SCAN_LIMIT = 64
_INT = re.compile(r"-?(0|[1-9][0-9]{0,15})")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls other than tab and newline, DEL, and lone surrogates (which cannot even be written as UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STANDARD_TAGS = {
    _STR_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp",
}
ValuePath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """A loaded file: its values and, for each path into them, where that value was written."""

    data: Any
    locations: dict[ValuePath, SourceLocation]
    file: SourceLocation

    def where(self, path: ValuePath) -> SourceLocation:
        """The location of the value at `path`, or of its nearest written ancestor."""
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path, self.file)


@dataclass(frozen=True, kw_only=True)
class LineIndex:
    """Turns a character offset into the line and column an editor shows."""

    path: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str, path: str) -> LineIndex:
        return cls(path=path, starts=(0, *(m.end() for m in _LINE_BREAK.finditer(text))))

    def at(self, offset: int) -> SourceLocation:
        line = bisect.bisect_right(self.starts, offset)
        return SourceLocation(self.path, line, offset - self.starts[line - 1] + 1)


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def parse_yaml(text: str, rel_path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse YAML text; return the document, or None and the diagnostics that explain why not."""
    file_loc = SourceLocation(rel_path, 1)
    if not text.strip() or all(line.strip().startswith("#") or not line.strip() for line in text.splitlines()):
        return None, [error(Code.EMPTY_FILE, "The file is empty.", file_loc)]
    lines = LineIndex.of(text, rel_path)
    control = _CONTROL.search(text)
    if control:  # before parsing: the loaders would report it without a line
        return None, [error(Code.CONTROL_CHARACTER,
                            f"The file contains an invisible control character (U+{ord(control.group()):04X}).",
                            lines.at(control.start()))]
    too_deep = _flow_depth_exceeds(text, BRACKET_SCAN_LIMIT)
    if too_deep:
        return None, [error(Code.YAML_TOO_DEEP, f"The YAML nests brackets deeper than {BRACKET_SCAN_LIMIT} levels.",
                            SourceLocation(rel_path, too_deep))]
    builder = _Builder(lines=lines)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            builder.take(event)
    except _Refused as refused:
        return None, [refused.diagnostic]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "the YAML cannot be read"
        return None, [error(Code.MALFORMED_YAML, f"Malformed YAML: {problem}.",
                            lines.at(mark.index) if mark else file_loc)]
    except yaml.YAMLError as exc:
        return None, [error(Code.MALFORMED_YAML, f"Malformed YAML: {exc}.", file_loc, "Check the file's syntax.")]
    return YamlDocument(builder.root, builder.locations, file_loc), []


@dataclass
class _Open:
    """A mapping or sequence whose end event has not come yet."""

    value: dict[str, Any] | list[Any]
    path: ValuePath
    key: str | None = None                       # in a mapping: the key whose value comes next
    key_location: SourceLocation | None = None


@dataclass
class _Builder:
    """Plain values from a stream of parser events, one event at a time, without recursion."""

    lines: LineIndex
    root: Any = None
    locations: dict[ValuePath, SourceLocation] = field(default_factory=dict)
    stack: list[_Open] = field(default_factory=list)
    documents: int = 0

    def take(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Refused(error(Code.MALFORMED_YAML, "Malformed YAML: the file holds more than one document.",
                                     self.at(event), "Remove the '---' line and everything after it."))
        elif isinstance(event, yaml.AliasEvent):
            raise _Refused(error(Code.YAML_ANCHOR, f"The alias '*{event.anchor}' is not allowed.", self.at(event)))
        elif isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.node(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = self.stack.pop()
            self.place(done.value, done.path)

    def node(self, event: yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        loc = self.at(event)
        if event.anchor is not None:
            raise _Refused(error(Code.YAML_ANCHOR, f"The anchor '&{event.anchor}' is not allowed.", loc))
        if event.tag is not None and event.tag not in _STANDARD_TAGS:
            written = event.tag.replace("tag:yaml.org,2002:", "!!")
            what = "'<<' merges" if event.tag == _MERGE_TAG else f"tags such as '{written}'"
            code = Code.YAML_ANCHOR if event.tag == _MERGE_TAG else Code.YAML_TAG
            raise _Refused(error(code, f"YAML {what} are not allowed.", loc))
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            self.key(event, parent, loc)
            return
        path = self.child_path(parent)
        if len(self.stack) > MAX_DEPTH:
            raise _Refused(error(Code.YAML_TOO_DEEP, f"The YAML nests deeper than {MAX_DEPTH} levels.", loc))
        self.locations[path] = loc
        if isinstance(event, yaml.ScalarEvent):
            self.place(_scalar(event, loc), path)
        else:
            self.stack.append(_Open({} if isinstance(event, yaml.MappingStartEvent) else [], path))

    def key(self, event: yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent, parent: _Open,
            loc: SourceLocation) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise _Refused(error(Code.YAML_KEY, "Only plain names may be used as keys, not lists or groups.", loc))
        if event.value == "<<" and not event.style and event.tag is None:
            raise _Refused(error(Code.YAML_ANCHOR, "YAML '<<' merges are not allowed.", loc))
        key = _scalar(event, loc)
        if not isinstance(key, str):
            raise _Refused(error(Code.YAML_KEY, f"The key '{event.value}' is not a name.", loc))
        if key in parent.value:
            raise _Refused(error(Code.DUPLICATE_FIELD, f"The field '{key}' is given twice.", loc))
        parent.key, parent.key_location = key, loc

    def child_path(self, parent: _Open | None) -> ValuePath:
        if parent is None:
            return ()
        if isinstance(parent.value, dict):
            assert parent.key is not None
            return parent.path + (parent.key,)
        return parent.path + (len(parent.value),)

    def place(self, value: Any, path: ValuePath) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, dict):
            assert parent.key is not None and parent.key_location is not None
            parent.value[parent.key] = value
            # The key's line is the better pointer: it names the field, even when the value starts below it.
            self.locations[path] = parent.key_location
            parent.key = None
        else:
            parent.value.append(value)

    def at(self, event: yaml.Event) -> SourceLocation:
        mark = event.start_mark
        return self.lines.at(mark.index) if mark is not None else SourceLocation(self.lines.path, 1)


def _flow_depth_exceeds(text: str, limit: int) -> int:
    """The line on which [ or { brackets nest deeper than `limit`, or 0."""
    if text.count("[") + text.count("{") <= limit:  # cannot nest deeper than there are brackets
        return 0
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


def _scalar(event: yaml.ScalarEvent, loc: SourceLocation) -> Any:
    text: str = event.value
    bad = _CONTROL.search(text)
    if bad:  # written as an escape ("\x1b"), so the scan of the raw file did not see it
        raise _Refused(error(Code.CONTROL_CHARACTER,
                             f"The value contains an invisible control character (U+{ord(bad.group()):04X}).", loc,
                             "Delete it; retype the value if you pasted it from elsewhere."))
    if event.style not in (None, "") or event.tag == _STR_TAG:  # quoted, block or !!str: text
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


def read_text_file(path: Path, rel_path: str, max_bytes: int, raise_hint: str = ""
                   ) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file, refusing oversized and undecodable ones with a diagnostic."""
    loc = SourceLocation(rel_path, 1)
    raw, problems = read_bytes(path, loc, max_bytes, "Split it, or shorten it: annotation files hold one short "
                               "annotation each" + raise_hint + ".")
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(Code.NOT_UTF8, f"The file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}).",
                            SourceLocation(rel_path, line))]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n"), []
