"""Errors as data: every problem found in content is a Diagnostic with a code, a place and a fix.

Messages quote content written by strangers (a quote, a key, a file name), and they are printed to a
terminal and to CI logs. So everything printed is passed through `visible()`: a newline inside a quote
cannot start a fake `::error` line in GitHub's log, an ESC cannot drive the terminal, and a bidi control
cannot reorder what the reader sees.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from .codes import Code, Severity

__all__ = ["Code", "Diagnostic", "Excerpt", "Severity", "SourceLocation", "did_you_mean", "error",
           "has_errors", "sorted_diagnostics", "visible", "warning"]

# C0 controls (newline and tab included), DEL, C1 controls, the bidi embeddings, overrides, isolates and
# marks, and the two Unicode line/paragraph separators that some viewers break lines at.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` with every control, bidi and line-separator character written as a visible escape."""
    return _UNSAFE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _SHORT:
        return _SHORT[ch]
    if ord(ch) <= 0x9F:
        return f"\\x{ord(ch):02x}"
    return f"<U+{ord(ch):04X}>"


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in a content file. `path` is relative to the project root, lines and columns count from 1."""

    path: str
    line: int = 1
    column: int | None = None

    def __str__(self) -> str:
        if self.column:
            return f"{self.path}:{self.line}:{self.column}"
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, kw_only=True)
class Excerpt:
    """A piece of source shown under the message, with a caret under `column` (0-based), e.g. a formula."""

    label: str
    text: str
    column: int

    def lines(self) -> list[str]:
        shown = visible(self.text)
        caret = len(self.label) + 2 + len(visible(self.text[: self.column]))  # escapes widen the text before it
        return [f"{self.label}: {shown}", " " * caret + "^"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem. `code` is a member of glossa.codes.Code, documented in docs/diagnostics.md."""

    code: Code
    severity: Severity
    message: str
    location: SourceLocation
    hint: str = ""
    excerpt: Excerpt | None = None

    def format(self) -> str:
        text = f"{visible(str(self.location))}: {self.severity.value} {self.code}: {visible(self.message)}"
        if self.excerpt:
            text += "".join("\n    " + line for line in self.excerpt.lines())
        if self.hint:
            text += f"\n    how to fix: {visible(self.hint)}"
        return text

    def github_annotation(self) -> str:
        """The same diagnostic as a GitHub Actions workflow command, shown on the pull request's lines."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        props = f"file={_escape_property(visible(self.location.path))},line={self.location.line}"
        if self.location.column:
            props += f",col={self.location.column}"
        props += f",title={self.code}"
        body = visible(self.message)
        if self.excerpt:  # GitHub shows %0A as a line break inside the annotation, not as a new log line
            body += "".join("\n    " + line for line in self.excerpt.lines())
        if self.hint:
            body += f" How to fix: {visible(self.hint)}"
        return f"::{kind} {props}::{_escape_data(body)}"


def error(code: Code, message: str, location: SourceLocation, hint: str = "",
          excerpt: Excerpt | None = None) -> Diagnostic:
    code = Code.of(code)  # also takes a code's number as text, and refuses one the registry does not hold
    return Diagnostic(code, Severity.ERROR, message, location, hint or code.fix, excerpt)


def warning(code: Code, message: str, location: SourceLocation, hint: str = "") -> Diagnostic:
    code = Code.of(code)
    return Diagnostic(code, Severity.WARNING, message, location, hint or code.fix)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.location.path, d.location.line, d.location.column or 0, d.code))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean …?' suffix for a misspelt name, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
