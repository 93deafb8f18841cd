"""Where glossary terms occur in a paragraph, and which occurrences become links.

The rule, documented in CONTRIBUTING.md: a term (or any of its aliases) is linked at its first
occurrence in each paragraph, so every paragraph that mentions it links to it once and no paragraph
is cluttered with repeats. Forms match exactly, case and punctuation included, as whole words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .records import GlossaryEntrySource


@dataclass(frozen=True)
class TermMatch:
    entry_id: str
    start: int
    end: int


def form_pattern(form: str) -> re.Pattern:
    """A whole-word pattern: "Trotskyist" must not match inside "Trotskyist-Zinovievist"."""
    return re.compile(r"(?<![\w-])(?<!\w-)" + re.escape(form) + r"(?![\w])(?!-\w)")


def find_term_links(text: str, entries: tuple[GlossaryEntrySource, ...],
                    blocked: list[tuple[int, int]]) -> list[TermMatch]:
    """The first occurrence of each entry in `text` that overlaps neither another link nor a `blocked` span."""
    candidates: list[TermMatch] = []
    for entry in entries:
        if not entry.match:
            continue
        for form in (entry.term, *entry.aliases):
            for m in form_pattern(form).finditer(text):
                candidates.append(TermMatch(entry.id, m.start(), m.end()))
    # Earlier first; at the same place the longer form wins ("Fourth International" over "International").
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start), c.entry_id))
    taken: list[tuple[int, int]] = list(blocked)
    linked: dict[str, TermMatch] = {}
    for match in candidates:
        if match.entry_id in linked:
            continue
        if any(match.start < end and start < match.end for start, end in taken):
            continue
        linked[match.entry_id] = match
        taken.append((match.start, match.end))
    return sorted(linked.values(), key=lambda m: m.start)
