"""Glossary term linking: the one-pass matcher links exactly what the regex-per-form implementation it
replaced linked (kept below as the oracle), and a hostile glossary cannot make it take hours."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossa.diagnostics import SourceLocation
from glossa.build.pipeline import Project
from glossa.resolve.placement import AnnotationKind, plan_edition
from glossa.read.reader import Reader
from glossa.records import Citation, EntryKind, GlossaryEntrySource
from glossa.read.schema import SchemaSet
from glossa.resolve.terms import TermMatch, is_word_character, build_matcher, find_term_links

ROOT = Path(__file__).resolve().parents[1]


# --- The oracle: the implementation before the one-pass matcher, unchanged but for its name. ---

def oracle_form_pattern(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?<!\w-)" + re.escape(form) + r"(?![\w])(?!-\w)")


def oracle_find_term_links(text: str, entries: tuple[GlossaryEntrySource, ...],
                           blocked: list[tuple[int, int]]) -> list[TermMatch]:
    candidates: list[TermMatch] = []
    for entry in entries:
        if not entry.match:
            continue
        for form in (entry.term, *entry.aliases):
            for m in oracle_form_pattern(form).finditer(text):
                candidates.append(TermMatch(entry.id, m.start(), m.end()))
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


# --- Helpers ---

def entry(id_: str, term: str, *aliases: str, match: bool = True) -> GlossaryEntrySource:
    return GlossaryEntrySource(id_, term, EntryKind.TERM, "", tuple(aliases), match, "A definition.",
                               (Citation("A source"),), SourceLocation(f"content/glossary/{id_}.yaml"))


def links(text: str, entries: tuple[GlossaryEntrySource, ...],
          blocked: tuple[tuple[int, int], ...] = ()) -> list[tuple[str, str]]:
    """(entry id, linked text) in reading order, checked against the oracle on the way."""
    found = find_term_links(text, build_matcher(entries), blocked)
    assert found == oracle_find_term_links(text, entries, list(blocked))
    return [(m.entry_id, text[m.start:m.end]) for m in found]


# --- The rules, one example each ---

def test_longest_form_wins_at_the_same_place() -> None:
    glossary = (entry("fi", "Fourth International"), entry("intl", "International"))
    assert links("the Fourth International and the International", glossary) == [
        ("fi", "Fourth International"), ("intl", "International")]


def test_whole_words_only_and_hyphenated_compounds_are_one_word() -> None:
    glossary = (entry("trotskyist", "Trotskyist"),)
    assert links("Trotskyist-Zinovievist bloc", glossary) == []
    assert links("anti-Trotskyist line", glossary) == []
    assert links("Trotskyists", glossary) == []
    assert links("a Trotskyist - and", glossary) == [("trotskyist", "Trotskyist")]
    assert links("a Trotskyist-", glossary) == [("trotskyist", "Trotskyist")]


def test_unicode_letters_and_digits_are_word_characters() -> None:
    glossary = (entry("gpu", "GPU"),)
    assert links("ÉGPU", glossary) == []
    assert links("GPUé", glossary) == []
    assert links("GPU٣", glossary) == []     # an Arabic-Indic digit is \w
    assert links("GPU²", glossary) == []     # so is a superscript digit
    assert links("GPU\u0301", glossary) == [("gpu", "GPU")]   # a combining accent is not
    assert links("«GPU»", glossary) == [("gpu", "GPU")]


def test_word_characters_are_exactly_pythons_unicode_word_characters() -> None:
    every_char = "".join(map(chr, range(0x110000)))
    by_regex = re.findall(r"\w", every_char)
    assert by_regex == [c for c in every_char if is_word_character(c)]


def test_case_and_punctuation_exact() -> None:
    glossary = (entry("ussr", "U.S.S.R."),)
    assert links("the u.s.s.r. and the USSR", glossary) == []
    assert links("the U.S.S.R. and the U.S.S.R.", glossary) == [("ussr", "U.S.S.R.")]


def test_first_occurrence_per_entry_through_any_form() -> None:
    glossary = (entry("stalin", "Stalin", "Stalinist"),)
    found = find_term_links("Stalinist and Stalin", build_matcher(glossary), ())
    assert found == [TermMatch("stalin", 0, 9)]


def test_blocked_spans_and_unmatched_entries() -> None:
    glossary = (entry("zinoviev", "Zinoviev"), entry("kamenev", "Kamenev", match=False))
    text = "Zinoviev, Kamenev and Zinoviev"
    assert links(text, glossary, blocked=((0, 3),)) == [("zinoviev", "Zinoviev")]
    assert find_term_links(text, build_matcher(glossary), ((0, 3),))[0].start == 22


def test_an_overlapped_occurrence_of_the_same_form_is_skipped_as_a_scan_skips_it() -> None:
    # "x x" occurs at 2 and at 4; a scan for it resumes after the first, so the second is never a candidate.
    glossary = (entry("bx", "b x"), entry("xx", "x x"))
    assert links("b x x x", glossary) == [("bx", "b x")]
    assert links("b x x x x", glossary) == [("bx", "b x"), ("xx", "x x")]


def test_empty_glossary_links_nothing() -> None:
    assert find_term_links("Anything at all", build_matcher(()), ()) == []


# --- Property: the matcher and the oracle agree on generated texts and glossaries ---

# Letters (ASCII, accented, a dotted capital), digits and numerals (ASCII, Arabic-Indic, superscript, ½), the
# underscore, hyphens, spaces, punctuation and a combining mark: every class the boundary rule treats apart.
ALPHABET = "ab AéßİÉ1٣²½_-–.’,\u0301\u00a0"
WORDS = ["a", "ab", "b", "é", "A", "1", "x_y", "ß"]
SEPARATORS = [" ", " ", "-", ". ", "–", "’"]


# Strategies are made once, here: making them inside each draw (a new one_of, a new composite per form) was
# most of the time this property took.
SEPARATOR = st.sampled_from(SEPARATORS)
WORD_LIST = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14)
BOOLEAN = st.booleans()


@st.composite
def worded_text(draw: st.DrawFn) -> str:
    words = draw(WORD_LIST)
    out = words[0]
    for word in words[1:]:
        out += draw(SEPARATOR) + word
    return out


@st.composite
def repetitive_text(draw: st.DrawFn) -> str:
    """Few words, one separator: forms overlap themselves and each other everywhere ("a a" in "a a a")."""
    return draw(st.sampled_from([" ", "-", ". "])).join(draw(st.lists(st.sampled_from(["a", "b", "ab"]),
                                                                       min_size=1, max_size=16)))


TEXT = st.one_of(worded_text(), repetitive_text(), st.text(alphabet=ALPHABET, max_size=40))
FORM = st.one_of(worded_text(), st.text(alphabet=ALPHABET, min_size=1, max_size=6))


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, tuple[GlossaryEntrySource, ...], list[tuple[int, int]]]:
    text = draw(TEXT)

    def form() -> str:
        if text and draw(BOOLEAN):  # a piece of the text itself, so forms do occur, overlapping
            start = draw(st.integers(0, len(text) - 1))
            return text[start:draw(st.integers(start + 1, min(len(text), start + 12)))]
        return draw(FORM)

    entries: list[GlossaryEntrySource] = []
    for n in range(draw(st.integers(0, 6))):
        forms = [form() for _ in range(draw(st.integers(1, 4)))]
        forms += [f[:cut] for f in forms[:1] for cut in range(1, len(f)) if draw(BOOLEAN)]  # its prefixes
        entries.append(entry(draw(st.sampled_from("pqrstuvw")) + str(n), *forms, match=draw(st.integers(0, 5)) > 0))
    if draw(BOOLEAN) and entries:  # a form claimed by two entries (refused by the build, still linked alike)
        entries.append(entry("z", draw(st.sampled_from(entries)).term))
    blocked: list[tuple[int, int]] = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(0, len(text)))
        blocked.append((start, draw(st.integers(start, len(text)))))
    return text, tuple(entries), blocked


@given(cases())   # as many cases as the Hypothesis profile gives (tests/conftest.py: 200 quick, 1,000 thorough)
def test_matcher_agrees_with_the_regex_per_form_oracle(case: tuple[str, tuple[GlossaryEntrySource, ...],
                                                                   list[tuple[int, int]]]) -> None:
    text, entries, blocked = case
    assert find_term_links(text, build_matcher(entries), blocked) == oracle_find_term_links(text, entries, blocked)


def test_one_matcher_serves_many_texts() -> None:
    """Built once per build: the same matcher must give each paragraph the answer it would give alone."""
    glossary = (entry("fi", "Fourth International"), entry("intl", "International"), entry("x", "x x"))
    matcher = build_matcher(glossary)
    texts = ["the International", "x x x and Fourth International", "International x x"]
    for text in texts * 2:
        assert find_term_links(text, matcher, ()) == oracle_find_term_links(text, glossary, [])


# --- The real edition: every paragraph links what the oracle links ---

def test_real_editions_paragraphs_agree_with_the_oracle() -> None:
    project = Project.at(ROOT)
    source, problems = Reader(project.root, SchemaSet.load(project.schemas)).read_site(project.content)
    assert source is not None and source.editions, problems
    matcher = build_matcher(source.glossary)
    linked = 0
    for edition in source.editions:
        plan, _ = plan_edition(edition, matcher)
        for paragraph in edition.transcription.paragraphs:
            blocked = [(p.span.start, p.span.end) for p in plan.placed
                       if p.kind is AnnotationKind.EMENDATION and p.span.paragraph == paragraph.number]
            expected = oracle_find_term_links(paragraph.text, source.glossary, blocked)
            assert list(plan.terms[(paragraph.part, paragraph.number)]) == expected, paragraph.number
            linked += len(expected)
    assert linked > 0


# --- A hostile glossary: thousands of aliases, each a prefix of others, and a long paragraph ---

def test_hostile_glossary_finishes_with_the_right_links() -> None:
    # Every phrase of one to eleven words "a"/"b" (4,094 aliases, nested), plus a 60-deep chain
    # "a", "a a", "a a a", … up to the schema's 120 characters; the text is 100,000 such words, so
    # forms of the linked entry start at every word. Two more entries keep the scan from stopping early.
    phrases = [""]
    aliases: list[str] = []
    for _ in range(11):
        phrases = [f"{p} {w}".strip() for p in phrases for w in "ab"]
        aliases += phrases
    aliases += [" ".join("a" * n) for n in range(1, 61)]
    rng = random.Random(10)
    words = [rng.choice("ab") for _ in range(100_000)]
    words[:70] = ["a"] * 70   # the text opens with the longest alias, and more
    text = " ".join(words) + " and at last Zebra"
    glossary = (entry("ab", "ab", *aliases), entry("zebra", "Zebra"), entry("never", "Unicorn"))
    assert max(map(len, aliases)) <= 120 and len(aliases) > 4000

    matcher = build_matcher(glossary)
    found = find_term_links(text, matcher, [(11, 12)])  # a blocked word inside the longest

    # At 0 the longer aliases cross the blocked space, so the longest one that ends before it wins.
    assert found[0] == TermMatch("ab", 0, 11)   # "a a a a a a"
    assert found[1:] == [TermMatch("zebra", len(text) - 5, len(text))]
    unblocked = find_term_links(text, matcher, [])
    assert unblocked[0] == TermMatch("ab", 0, 119)  # sixty "a"s


@pytest.mark.parametrize("text, expected", [("", []), ("-", [("dash", "-")]), ("a-", [("a", "a")]),
                                            ("-a", []), ("a-a", [])])
def test_degenerate_texts(text: str, expected: list[tuple[str, str]]) -> None:
    assert links(text, (entry("a", "a"), entry("dash", "-"))) == expected
