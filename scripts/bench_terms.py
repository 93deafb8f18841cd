#!/usr/bin/env python3
"""Benchmark: glossary term linking on synthetic glossaries and texts (a benchmark, not a test).

Compares, on the same deterministic corpus (about 1 MB of text in 2 KB paragraphs, glossaries of
50, 500 and 5,000 forms), the regex-per-form linking Glossa used before, the one-pass trie pattern it
uses now, and the two Aho-Corasick libraries on PyPI when they are importable (they are not
dependencies: install them into a scratch folder on PYTHONPATH to include them). Then times a
hostile glossary. Usage: python scripts/bench_terms.py [MEGABYTES] [SECONDS-PER-OLD-RUN]
"""
from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glossa.diagnostics import SourceLocation  # noqa: E402
from glossa.records import Citation, EntryKind, GlossaryEntrySource  # noqa: E402
from glossa.resolve.terms import TermMatch, build_matcher, find_term_links, is_word_character  # noqa: E402

Linker = Callable[[str, list[tuple[int, int]]], list[TermMatch]]


def entry(id_: str, forms: Sequence[str]) -> GlossaryEntrySource:
    return GlossaryEntrySource(id_, forms[0], EntryKind.TERM, "", tuple(forms[1:]), True, "d", (Citation("s"),),
                               SourceLocation(f"content/glossary/{id_}.yaml"))


def pseudo_word(rng: random.Random, capital: bool) -> str:
    word = "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiouy") for _ in range(rng.randint(1, 4)))
    return word.capitalize() if capital else word


def corpus(forms: int, megabytes: float, seed: int = 1) -> tuple[tuple[GlossaryEntrySource, ...], list[str]]:
    """Entries of three forms each (a name, the name with a second word, an initial form); paragraphs of
    about 2 KB where one word in thirty is a glossary form."""
    rng = random.Random(seed)
    names: set[str] = set()
    entries: list[GlossaryEntrySource] = []
    while len(names) < forms:
        first = pseudo_word(rng, True)
        group = [first, f"{first} {pseudo_word(rng, True)}", f"{first[0]}. {pseudo_word(rng, True)}"]
        group = [f for f in group if f not in names][:forms - len(names)]
        if group:
            names.update(group)
            entries.append(entry(f"e{len(entries)}", group))
    all_forms = sorted(names)
    common = [pseudo_word(rng, False) for _ in range(2000)]
    paragraphs, size = [], 0
    while size < megabytes * 1_000_000:
        words = [rng.choice(all_forms) if rng.random() < 1 / 30 else rng.choice(common) for _ in range(300)]
        paragraph = " ".join(words) + "."
        paragraphs.append(paragraph)
        size += len(paragraph)
    return tuple(entries), paragraphs


def previous(entries: tuple[GlossaryEntrySource, ...]) -> Linker:
    """The implementation before the one-pass matcher: one regex per form, run over every paragraph."""
    def link(text: str, blocked: list[tuple[int, int]]) -> list[TermMatch]:
        candidates = []
        for e in entries:
            for form in (e.term, *e.aliases):
                pattern = re.compile(r"(?<![\w-])(?<!\w-)" + re.escape(form) + r"(?![\w])(?!-\w)")
                candidates += [TermMatch(e.id, m.start(), m.end()) for m in pattern.finditer(text)]
        return select(candidates, blocked)
    return link


def select(candidates: list[TermMatch], blocked: list[tuple[int, int]]) -> list[TermMatch]:
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start), c.entry_id))
    taken, linked = list(blocked), {}
    for match in candidates:
        if match.entry_id not in linked and not any(match.start < e and s < match.end for s, e in taken):
            linked[match.entry_id] = match
            taken.append((match.start, match.end))
    return sorted(linked.values(), key=lambda m: m.start)


def whole_word(text: str, start: int, end: int) -> bool:
    before_ok = start == 0 or not (is_word_character(text[start - 1]) or text[start - 1] == "-")
    after_ok = end >= len(text) or not (is_word_character(text[end]) or (
        text[end] == "-" and end + 1 < len(text) and is_word_character(text[end + 1])))
    return before_ok and after_ok


def owners(entries: tuple[GlossaryEntrySource, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for e in entries:
        for form in (e.term, *e.aliases):
            found.setdefault(form, []).append(e.id)
    return found


def pyahocorasick(entries: tuple[GlossaryEntrySource, ...]) -> Linker | None:
    """Aho-Corasick (C): every overlapping occurrence, then the boundary rule and the selection in Python."""
    try:
        import ahocorasick  # type: ignore[import-not-found]
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for form, ids in owners(entries).items():
        automaton.add_word(form, (len(form), ids))
    automaton.make_automaton()

    def link(text: str, blocked: list[tuple[int, int]]) -> list[TermMatch]:
        candidates = []
        for last, (length, ids) in automaton.iter(text):
            start, end = last + 1 - length, last + 1
            if whole_word(text, start, end):
                candidates += [TermMatch(i, start, end) for i in ids]
        return select(candidates, blocked)
    return link


def ahocorasick_rs(entries: tuple[GlossaryEntrySource, ...]) -> Linker | None:
    """Aho-Corasick (Rust): the same, with the automaton of the `aho-corasick` crate."""
    try:
        import ahocorasick_rs as acrs  # type: ignore[import-not-found]
    except ImportError:
        return None
    table = owners(entries)
    forms = list(table)
    automaton = acrs.AhoCorasick(forms, matchkind=acrs.MatchKind.Standard)

    def link(text: str, blocked: list[tuple[int, int]]) -> list[TermMatch]:
        candidates = []
        for index, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
            if whole_word(text, start, end):
                candidates += [TermMatch(i, start, end) for i in table[forms[index]]]
        return select(candidates, blocked)
    return link


def trie_pattern(entries: tuple[GlossaryEntrySource, ...]) -> Linker:
    matcher = build_matcher(entries)
    return lambda text, blocked: find_term_links(text, matcher, blocked)


def timed_run(link: Linker, paragraphs: list[str], budget: float) -> tuple[float, int, bool]:
    """The best of three runs over all paragraphs, in seconds (one run, extrapolated by length, when it
    exceeds the budget), the links made, and whether the time was extrapolated. The machine is shared,
    so the best run is the least disturbed one."""
    total, best, links = sum(map(len, paragraphs)), float("inf"), 0
    for _ in range(3):
        start, chars, links = time.perf_counter(), 0, 0
        for paragraph in paragraphs:
            links += len(link(paragraph, []))
            chars += len(paragraph)
            if time.perf_counter() - start > budget:
                return (time.perf_counter() - start) * total / chars, links, chars < total
        best = min(best, time.perf_counter() - start)
    return best, links, False


def hostile(words: int) -> tuple[tuple[GlossaryEntrySource, ...], str]:
    """The test's hostile case: 4,154 nested aliases of one entry, a paragraph of `words` words "a"/"b"."""
    phrases, aliases = [""], []
    for _ in range(11):
        phrases = [f"{p} {w}".strip() for p in phrases for w in "ab"]
        aliases += phrases
    aliases += [" ".join("a" * n) for n in range(1, 61)]
    rng = random.Random(10)
    text = " ".join(rng.choice("ab") for _ in range(words)) + " and at last Zebra"
    return (entry("ab", ["ab", *aliases]), entry("zebra", ["Zebra"]), entry("never", ["Unicorn"])), text


def rows() -> Iterator[str]:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    makers: list[tuple[str, Callable[[tuple[GlossaryEntrySource, ...]], Linker | None]]] = [
        ("regex per form (before)", previous), ("trie pattern (now)", trie_pattern),
        ("pyahocorasick", pyahocorasick), ("ahocorasick-rs", ahocorasick_rs)]
    yield f"| forms | text | method | set-up | linking | links |"
    yield "|---|---|---|---|---|---|"
    for forms in (50, 500, 5000):
        entries, paragraphs = corpus(forms, megabytes)
        size = sum(map(len, paragraphs)) / 1e6
        for name, make in makers:
            start = time.perf_counter()
            link = make(entries)
            setup = time.perf_counter() - start
            if link is None:
                continue
            seconds, links, extrapolated = timed_run(link, paragraphs, budget)
            mark = " (extrapolated)" if extrapolated else ""
            yield (f"| {forms} | {size:.2f} MB in {len(paragraphs)} paragraphs | {name} | {setup * 1000:.0f} ms "
                   f"| {seconds:.2f} s{mark} | {links if not extrapolated else '-'} |")
    for words in (100_000, 300_000):
        entries, text = hostile(words)
        for name, make in makers[1:]:
            start = time.perf_counter()
            link = make(entries)
            setup = time.perf_counter() - start
            if link is None:
                continue
            seconds, links, extrapolated = timed_run(link, [text], budget)
            mark = " (extrapolated)" if extrapolated else ""
            yield (f"| hostile: 4,154 nested aliases | one paragraph of {len(text) / 1e6:.2f} MB | {name} "
                   f"| {setup * 1000:.0f} ms | {seconds:.2f} s{mark} | {links} |")
    entries, text = hostile(5_000)
    seconds, _, _ = timed_run(previous(entries), [text], budget)
    yield (f"| hostile: 4,154 nested aliases | one paragraph of {len(text) / 1e6:.3f} MB | regex per form (before) "
           f"| - | {seconds:.2f} s | - |")


def main() -> int:
    for row in rows():
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
