"""Where glossary terms occur in a paragraph, and which occurrences become links.

The rule, documented in CONTRIBUTING.md: a term (or any of its aliases) is linked at its first
occurrence in each paragraph, so every paragraph that mentions it links to it once and no paragraph
is cluttered with repeats. Forms match exactly, case and punctuation included, as whole words: a
form may not follow a letter, digit, underscore or hyphen, nor be followed by one of the first three
or by a hyphen joined to one ("Trotskyist" is not linked inside "Trotskyist-Zinovievist").

Speed: a `TermMatcher` is built once per build from the whole glossary. Its one regular expression
is the glossary's forms laid out as a trie, so the regex engine walks at most one form's length
from each place in the text, however many forms there are; the text is read once, left to right.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias, Union

from ..records import GlossaryEntrySource

# A trie node while the matcher is built: each character leads to a child node; the key "" (no
# character) holds the form that ends at this node, if one does.
_Node: TypeAlias = dict[str, Union["_Node", str]]

# The same boundary rule as a lookbehind and lookaheads, used around the whole trie.
_STARTS_WORD = r"(?<![\w-])"
_ENDS_WORD = r"(?!\w)(?!-\w)"


@dataclass(frozen=True)
class TermMatch:
    entry_id: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class TermMatcher:
    """Every linkable form of the glossary, compiled once and used for every paragraph of every edition."""

    pattern: re.Pattern[str]                    # finds, leftmost first, the longest whole-word form
    owners: Mapping[str, tuple[str, ...]]       # form -> ids of the entries it links to, sorted
    shorter: Mapping[str, tuple[str, ...]]      # form -> the forms that are its prefixes, longest first
    reachable: Mapping[str, frozenset[str]]     # form -> ids of its owners and of its shorter forms' owners
    self_overlapping: frozenset[str]            # forms of which two whole-word occurrences can overlap
    entry_count: int


def build_matcher(glossary: Iterable[GlossaryEntrySource]) -> TermMatcher:
    """The matcher of every form of every entry that may be linked (`match: false` entries are left out)."""
    owners: dict[str, set[str]] = {}
    for entry in glossary:
        if entry.match:
            for form in (entry.term, *entry.aliases):
                if form:  # the schema requires a letter or digit; an empty form could never be a link
                    owners.setdefault(form, set()).add(entry.id)
    trie: _Node = {}
    for form in owners:
        node = trie
        for char in form:
            child = node.setdefault(char, {})
            assert isinstance(child, dict)  # a character key never holds a form
            node = child
        node[""] = form  # "" is no character, so it can mark the end of a form
    shorter: dict[str, tuple[str, ...]] = {}
    _collect_prefixes(trie, (), shorter)
    sorted_owners = {form: tuple(sorted(ids)) for form, ids in owners.items()}
    reachable = {form: frozenset(id_ for f in (form, *shorter[form]) for id_ in sorted_owners[f]) for form in owners}
    pattern = _STARTS_WORD + "(?:" + _trie_regex(trie) + ")" + _ENDS_WORD if trie else r"(?!)"
    return TermMatcher(pattern=re.compile(pattern), owners=sorted_owners, shorter=shorter, reachable=reachable,
                       self_overlapping=frozenset(f for f in owners if _can_overlap_itself(f)),
                       entry_count=len({id_ for ids in owners.values() for id_ in ids}))


def find_term_links(text: str, matcher: TermMatcher, blocked: Iterable[tuple[int, int]]) -> list[TermMatch]:
    """The first occurrence of each entry in `text` that overlaps neither another link nor a `blocked` span.

    Earlier occurrences first; at the same place the longer form wins ("Fourth International" over
    "International"), then the entry whose id sorts first.
    """
    fence = _Fence.around(blocked)
    linked: dict[str, TermMatch] = {}
    scans: dict[str, tuple[int, int]] = {}
    search = matcher.pattern.search
    pos = 0
    while len(linked) < matcher.entry_count and (found := search(text, pos)):
        start, longest = found.start(), found.group()
        pos = start + 1
        if matcher.reachable[longest] <= linked.keys():
            continue  # every entry that could be linked here already is: the common case in a long text
        for form in (longest, *matcher.shorter[longest]):
            end = start + len(form)
            if form is not longest and not _ends_word(text, end):
                continue
            owner = next((id_ for id_ in matcher.owners[form] if id_ not in linked), None)
            if owner is None or fence.crosses(start, end):
                continue
            if form in matcher.self_overlapping and not _next_of_its_form(text, form, start, scans):
                continue
            linked[owner] = TermMatch(owner, start, end)
            pos = end  # nothing that starts inside a link can be linked
            break
    return list(linked.values())


def _collect_prefixes(root: _Node, above: tuple[str, ...], shorter: dict[str, tuple[str, ...]]) -> None:
    """Walks the trie recording, for each form, the forms on its path from the root (longest first)."""
    stack = [(root, above)]
    while stack:
        node, above = stack.pop()
        form = node.get("")
        if isinstance(form, str):
            shorter[form] = above
            above = (form, *above)
        stack.extend((child, above) for child in node.values() if isinstance(child, dict))


def _trie_regex(node: _Node) -> str:
    """The forms below `node` as one pattern that tries longer forms first, then backs off to shorter ones.

    Recursion depth is bounded by the longest form (120 characters in the schema).
    """
    branches = []
    for char in sorted(c for c in node if c):
        literal, child = char, node[char]
        assert isinstance(child, dict)
        while len(child) == 1 and "" not in child:  # a run with no branch and no form ending: one literal
            (next_char, grandchild), = child.items()
            assert isinstance(grandchild, dict)
            literal, child = literal + next_char, grandchild
        branches.append(re.escape(literal) + _trie_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a form ends here: the longer forms are optional, tried first
        return "(?:" + body + ")?"
    return body


def _can_overlap_itself(form: str) -> bool:
    """Whether the form could occur twice as a whole word with the occurrences overlapping ("x x" in "x x x").

    Such a form needs a border (a start equal to its end) beginning just after a character that may
    precede a word. Rare, but the linking rule then skips the overlapped occurrence, as a scan does.
    """
    return any(form.startswith(form[i:]) for i in range(1, len(form))
               if not is_word_character(form[i - 1]) and form[i - 1] != "-")


def _next_of_its_form(text: str, form: str, start: int, scans: dict[str, tuple[int, int]]) -> bool:
    """Whether a left-to-right scan for `form` alone reaches the occurrence at `start` (one that overlaps an
    earlier whole-word occurrence of the same form is skipped). `scans` keeps each form's progress."""
    at, last_end = scans.get(form, (0, 0))
    at = text.find(form, at)
    while at != -1 and at < start:
        if at >= last_end and _starts_word(text, at) and _ends_word(text, at + len(form)):
            last_end = at + len(form)
        at = text.find(form, at + 1)
    reached = start >= last_end
    scans[form] = (start + 1, start + len(form) if reached else last_end)
    return reached


def is_word_character(char: str) -> bool:
    """Python's Unicode \\w for one character: alphanumeric (str.isalnum) or the underscore."""
    return char.isalnum() or char == "_"


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (is_word_character(text[start - 1]) or text[start - 1] == "-")


def _ends_word(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if is_word_character(after):
        return False
    return not (after == "-" and end + 1 < len(text) and is_word_character(text[end + 1]))


@dataclass(frozen=True, kw_only=True)
class _Fence:
    """Spans no link may overlap (emendations), answering "does [start, end) overlap one?" in log time."""

    starts: tuple[int, ...]   # the spans' starts, in order
    reach: tuple[int, ...]    # the furthest end among the spans up to each one

    @classmethod
    def around(cls, spans: Iterable[tuple[int, int]]) -> _Fence:
        ordered = sorted(spans)
        reach: list[int] = []
        for _, end in ordered:
            reach.append(max(end, reach[-1]) if reach else end)
        return cls(starts=tuple(start for start, _ in ordered), reach=tuple(reach))

    def crosses(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # spans that start before the candidate ends
        return before > 0 and self.reach[before - 1] > start
