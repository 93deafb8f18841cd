"""Find the words an annotation is anchored to: a paragraph, an exact quote, and which occurrence."""
from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import dataclass

from .codes import Code
from .diagnostics import Diagnostic, error
from .records import Anchor, Paragraph


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) in a paragraph's transcribed text (internal only, never in content)."""

    paragraph: int
    start: int
    end: int


def locate(anchor: Anchor, paragraphs: tuple[Paragraph, ...], what: str = "quote",
           code_not_found: Code = Code.QUOTE_NOT_FOUND) -> tuple[Span | None, list[Diagnostic]]:
    """The span of `anchor.quote` in its paragraph, or a diagnostic naming the file, line and what was sought."""
    if not 1 <= anchor.paragraph <= len(paragraphs):
        return None, [error(Code.NO_SUCH_PARAGRAPH, f"There is no paragraph {anchor.paragraph}; this text has paragraphs "
                                    f"1 to {len(paragraphs)}.", anchor.location,
                            "Use the number shown in the reader's margin (the #p-N permalink).")]
    text = paragraphs[anchor.paragraph - 1].text
    starts = _occurrences(text, anchor.quote)
    if not starts:
        return None, [error(code_not_found, f"The {what} “{_short(anchor.quote)}” is not in paragraph "
                                           f"{anchor.paragraph}.", anchor.location,
                            closest_passage(anchor.quote, paragraphs))]
    if anchor.occurrence is None and len(starts) > 1:
        return None, [error(Code.QUOTE_AMBIGUOUS, f"The {what} “{_short(anchor.quote)}” occurs {len(starts)} times in paragraph "
                                    f"{anchor.paragraph}.", anchor.location,
                            f"Add 'occurrence: N' (1 to {len(starts)}) to say which, or quote more words.")]
    index = (anchor.occurrence or 1) - 1
    if index >= len(starts):
        return None, [error(Code.OCCURRENCE_OUT_OF_RANGE, f"occurrence is {anchor.occurrence}, but the {what} occurs only "
                                    f"{len(starts)} time(s) in paragraph {anchor.paragraph}.", anchor.location,
                            f"Use an occurrence from 1 to {len(starts)}.")]
    start = starts[index]
    return Span(anchor.paragraph, start, start + len(anchor.quote)), []


def _occurrences(text: str, quote: str) -> list[int]:
    starts, at = [], text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


MAX_CANDIDATES = 8  # windows compared character by character, whatever the size of the text
MAX_COMPARED = 600  # characters of each compared, so the comparison's cost is bounded too


def closest_passage(quote: str, paragraphs: tuple[Paragraph, ...]) -> str:
    """A hint quoting the passage most like `quote`, and its paragraph, so an anchor can be mended at once.

    Work is bounded: every word-aligned window is first scored by how many of the quote's words it
    shares (one sliding pass over the text), and only the best few are compared character by character.
    """
    quote_words = quote.split()
    if not quote_words:
        return "Copy the words exactly from the paragraph, including quotation marks and dashes."
    wanted = Counter(quote_words)
    best: list[tuple[int, int, int, int]] = []  # (shared words, -paragraph, -start, end) heap of the top windows
    for paragraph in paragraphs:
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", paragraph.text)]
        width = len(quote_words)
        window: Counter = Counter()
        shared = 0  # words of the window that the quote also has, kept up to date as the window slides
        for i, (_, _, word) in enumerate(words):
            window[word] += 1
            if window[word] <= wanted[word]:
                shared += 1
            if i >= width:
                gone = words[i - width][2]
                if window[gone] <= wanted[gone]:
                    shared -= 1
                window[gone] -= 1
            if i >= width - 1 or i == len(words) - 1:
                first = max(0, i - width + 1)
                entry = (shared, -paragraph.number, -words[first][0], words[i][1])
                if len(best) < MAX_CANDIDATES:
                    heapq.heappush(best, entry)
                elif entry > best[0]:
                    heapq.heapreplace(best, entry)
    by_number = {p.number: p for p in paragraphs}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote[:MAX_COMPARED])
    best_ratio, found = 0.0, None
    for _, number, start, end in sorted(best, reverse=True):
        window_text = by_number[-number].text[-start:end]
        matcher.set_seq1(window_text[:MAX_COMPARED])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, found = ratio, (-number, window_text)
    if found is None or best_ratio < 0.5:
        return "Copy the words exactly from the paragraph, including quotation marks (“ ”) and dashes (–)."
    number, window_text = found
    return (f"The closest passage is in paragraph {number}: “{window_text}”. Copy the quote exactly from there "
            f"(and set paragraph: {number}).")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
