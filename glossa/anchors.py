"""Find the words an annotation is anchored to: a paragraph, an exact quote, and which occurrence."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .diagnostics import Diagnostic, error
from .records import Anchor, Paragraph


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) in a paragraph's transcribed text (internal only, never in content)."""

    paragraph: int
    start: int
    end: int


def locate(anchor: Anchor, paragraphs: tuple[Paragraph, ...], what: str = "quote",
           code_not_found: str = "G130") -> tuple[Span | None, list[Diagnostic]]:
    """The span of `anchor.quote` in its paragraph, or a diagnostic naming the file, line and what was sought."""
    if not 1 <= anchor.paragraph <= len(paragraphs):
        return None, [error("G132", f"There is no paragraph {anchor.paragraph}; this text has paragraphs "
                                    f"1 to {len(paragraphs)}.", anchor.location,
                            "Use the number shown in the reader's margin (the #p-N permalink).")]
    text = paragraphs[anchor.paragraph - 1].text
    starts = _occurrences(text, anchor.quote)
    if not starts:
        return None, [error(code_not_found, f"The {what} “{_short(anchor.quote)}” is not in paragraph "
                                           f"{anchor.paragraph}.", anchor.location,
                            closest_passage(anchor.quote, paragraphs))]
    if anchor.occurrence is None and len(starts) > 1:
        return None, [error("G131", f"The {what} “{_short(anchor.quote)}” occurs {len(starts)} times in paragraph "
                                    f"{anchor.paragraph}.", anchor.location,
                            f"Add 'occurrence: N' (1 to {len(starts)}) to say which, or quote more words.")]
    index = (anchor.occurrence or 1) - 1
    if index >= len(starts):
        return None, [error("G133", f"occurrence is {anchor.occurrence}, but the {what} occurs only "
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


def closest_passage(quote: str, paragraphs: tuple[Paragraph, ...]) -> str:
    """A hint quoting the passage most like `quote`, and its paragraph, so an anchor can be mended at once."""
    best_ratio, best = 0.0, None
    width = len(quote)
    if width == 0 or width > 1000:
        return "Copy the words exactly from the paragraph, including quotation marks and dashes."
    for paragraph in paragraphs:
        text = paragraph.text
        # Candidate windows start at word boundaries; SequenceMatcher scores each against the quote.
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == " "]
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(quote)
        for start in starts:
            window = text[start:start + width]
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best_ratio, best = ratio, (paragraph.number, window)
    if best is None or best_ratio < 0.5:
        return "Copy the words exactly from the paragraph, including quotation marks (“ ”) and dashes (–)."
    number, window = best
    return (f"The closest passage is in paragraph {number}: “{window}”. Copy the quote exactly from there "
            f"(and set paragraph: {number}).")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
