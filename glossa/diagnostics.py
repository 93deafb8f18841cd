"""Errors as data: every problem found in content is a Diagnostic with a code, a place and a fix."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Iterable


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


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem. `code` is stable (documented in CONTRIBUTING.md) so contributors can search for it."""

    code: str
    severity: Severity
    message: str
    location: SourceLocation
    hint: str = ""

    def format(self) -> str:
        text = f"{self.location}: {self.severity.value} {self.code}: {self.message}"
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text

    def github_annotation(self) -> str:
        """The same diagnostic as a GitHub Actions workflow command, shown on the pull request's lines."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        props = f"file={_escape_property(self.location.path)},line={self.location.line}"
        if self.location.column:
            props += f",col={self.location.column}"
        props += f",title={self.code}"
        body = self.message + (f" How to fix: {self.hint}" if self.hint else "")
        return f"::{kind} {props}::{_escape_data(body)}"


def error(code: str, message: str, location: SourceLocation, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, location, hint)


def warning(code: str, message: str, location: SourceLocation, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, location, hint)


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
