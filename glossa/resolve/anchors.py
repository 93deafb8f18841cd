"""Find the words an annotation is anchored to: a paragraph, an exact quote, and which occurrence."""
from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import dataclass

from ..read.characters import BIDI_CHARS, char_name
from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from ..records import Anchor, Paragraph


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) in a paragraph's transcribed text (internal only, never in content)."""

    paragraph: int
    start: int
    end: int
    part: str = ""      # the part of a book-length edition the paragraph is in ('' in an edition of one text)


def in_part(part: str | None, paragraphs: tuple[Paragraph, ...], location: SourceLocation
            ) -> tuple[tuple[Paragraph, ...] | None, list[Diagnostic]]:
    """The paragraphs an anchor's number counts in: the named part's in a book-length edition (numbers
    restart in each part), all of them in an edition of one text; or why `part` is wrong."""
    book = bool(paragraphs) and paragraphs[0].part != ""
    if not book:
        if part is None:
            return paragraphs, []
        return None, [error(Code.PART_NOT_ALLOWED, f"This edition has no parts, but 'part: {part}' is given.",
                            location, Code.PART_NOT_ALLOWED.fix)]
    ids = list(dict.fromkeys(p.part for p in paragraphs))
    if part is None:
        return None, [error(Code.PART_MISSING, "This edition is in parts: say which part the paragraph is in.",
                            location, f"Add 'part: ID' beside 'paragraph:'; the parts are {', '.join(ids)}.")]
    if part not in ids:
        return None, [error(Code.NO_SUCH_PART, f"There is no part '{part}' in this edition.", location,
                            f"Use one of the parts edition.yaml lists: {', '.join(ids)}.")]
    return tuple(p for p in paragraphs if p.part == part), []


def paragraph_name(number: int, part: str | None) -> str:
    """'paragraph 3', or 'paragraph 3 of part chapter-2' in a book-length edition."""
    return f"paragraph {number}" + (f" of part {part}" if part else "")


def locate(anchor: Anchor, all_paragraphs: tuple[Paragraph, ...], what: str = "quote",
           code_not_found: Code = Code.QUOTE_NOT_FOUND) -> tuple[Span | None, list[Diagnostic]]:
    """The span of `anchor.quote` in its paragraph, or a diagnostic naming the file, line and what was sought."""
    paragraphs, problems = in_part(anchor.part, all_paragraphs, anchor.location)
    if paragraphs is None:
        return None, problems
    if not 1 <= anchor.paragraph <= len(paragraphs):
        return None, [error(Code.NO_SUCH_PARAGRAPH, f"There is no {paragraph_name(anchor.paragraph, anchor.part)}; "
                                    f"{'this part' if anchor.part else 'this text'} has paragraphs "
                                    f"1 to {len(paragraphs)}.", anchor.location,
                            "Use the number shown in the reader's margin (the #p-N permalink).")]
    text = paragraphs[anchor.paragraph - 1].text
    starts = _occurrences(text, anchor.quote)
    if not starts:
        # Only the named paragraph is searched for an invisible difference: the work per quote stays one
        # paragraph's; a quote from elsewhere gets the closest passage, and the next build names it.
        hint = (invisible_difference(anchor.quote, paragraphs[anchor.paragraph - 1:anchor.paragraph])
                or closest_passage(anchor.quote, paragraphs))
        return None, [error(code_not_found, f"The {what} “{_short(anchor.quote)}” is not in "
                                           f"{paragraph_name(anchor.paragraph, anchor.part)}.", anchor.location, hint)]
    if anchor.occurrence is None and len(starts) > 1:
        return None, [error(Code.QUOTE_AMBIGUOUS, f"The {what} “{_short(anchor.quote)}” occurs {len(starts)} times in "
                                    f"{paragraph_name(anchor.paragraph, anchor.part)}.", anchor.location,
                            f"Add 'occurrence: N' (1 to {len(starts)}) to say which, or quote more words.")]
    index = (anchor.occurrence or 1) - 1
    if index >= len(starts):
        return None, [error(Code.OCCURRENCE_OUT_OF_RANGE, f"occurrence is {anchor.occurrence}, but the {what} occurs only "
                                    f"{len(starts)} time(s) in {paragraph_name(anchor.paragraph, anchor.part)}.", anchor.location,
                            f"Use an occurrence from 1 to {len(starts)}.")]
    start = starts[index]
    return Span(anchor.paragraph, start, start + len(anchor.quote), anchor.part or ""), []


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
        window: Counter[str] = Counter()
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


# Characters that look like a space, or like nothing at all: a quote differing from the text only by
# these looks identical to it, so the hint must name the character.
_SPACE_LIKE = ("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
               "\u2028\u2029\u202f\u205f\u3000")
_ZERO_WIDTH = "\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\ufeff" + BIDI_CHARS
_FOLD: dict[int, str | None] = {**{ord(ch): " " for ch in _SPACE_LIKE}, **{ord(ch): None for ch in _ZERO_WIDTH}}


def invisible_difference(quote: str, paragraphs: tuple[Paragraph, ...]) -> str:
    """A hint naming the invisible character by which `quote` differs from a passage, or '' when the
    difference (if any) is visible. E.g. 'the quote has U+00A0 NO-BREAK SPACE at character 12 where
    the text has a space'."""
    folded_quote = quote.translate(_FOLD)
    if not folded_quote:
        return ""
    for paragraph in paragraphs:
        if folded_quote not in paragraph.text.translate(_FOLD):  # in C: the offsets are only mapped on a match
            continue
        folded_text, index = _folded(paragraph.text)
        at = folded_text.find(folded_quote)
        window = paragraph.text[index[at]:index[at + len(folded_quote) - 1] + 1]
        differences = _differences(quote, window)
        if differences:
            return (f"The quote differs from paragraph {paragraph.number} only by invisible characters: "
                    f"{'; '.join(differences)}. Copy the quote from source.txt again, or retype those characters "
                    f"(and set paragraph: {paragraph.number}).")
    return ""


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` with space-like characters as one space and zero-width ones dropped, and for each character
    kept, its offset in `text`."""
    kept, index = [], []
    for offset, ch in enumerate(text):
        folded = _FOLD.get(ord(ch), ch)
        if folded is not None:
            kept.append(folded)
            index.append(offset)
    return "".join(kept), index


def _differences(quote: str, passage: str, limit: int = 3) -> list[str]:
    found = []
    matcher = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ours, theirs = ", ".join(map(char_name, quote[i1:i2])), ", ".join(map(char_name, passage[j1:j2]))
        if tag == "replace":
            found.append(f"the quote has {ours} at character {i1 + 1} where the text has {theirs}")
        elif tag == "delete":
            found.append(f"the quote has {ours} at character {i1 + 1}, which the text does not have")
        elif tag == "insert":
            found.append(f"the text has {theirs} after character {i1} of the quote "
                         f"(“…{quote[max(0, i1 - 20):i1]}”), which the quote does not have")
    return found[:limit]
