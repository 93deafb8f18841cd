"""Words in another script, marked with their language so that a screen reader reads them in its voice.

The editions are in English; what else they show is mostly Russian (and some Ukrainian) in the titles of
sources. A run of Cyrillic words, with the spaces, digits and punctuation between them, is one span:
lang="uk" when it holds a letter only Ukrainian uses (і, ї, є, ґ), lang="ru" otherwise.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

_CYRILLIC = "\u0400-\u04ff"
# Starts and ends on a Cyrillic letter (or a closing bracket or quote after one), so "Title (English)"
# leaves the English out.
_RUN = re.compile(rf"[«„“]?[{_CYRILLIC}](?:[{_CYRILLIC}\s\d.,:;!?«»„“”'’()\[\]/–—-]*[{_CYRILLIC})»\]])?")
_UKRAINIAN_ONLY = frozenset("ґєіїҐЄІЇ")


def language_of(run: str) -> str:
    """The BCP 47 tag of a run of Cyrillic text: 'uk' or 'ru'."""
    return "uk" if any(c in _UKRAINIAN_ONLY for c in run) else "ru"


def split_languages(text: str) -> list[tuple[str, str | None]]:
    """The text in pieces: (piece, language tag) for each Cyrillic run, (piece, None) for the rest."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for found in _RUN.finditer(text):
        if found.start() > cursor:
            pieces.append((text[cursor:found.start()], None))
        pieces.append((found.group(), language_of(found.group())))
        cursor = found.end()
    if cursor < len(text):
        pieces.append((text[cursor:], None))
    return pieces


def mark_languages(text: str) -> Markup:
    """The text as escaped HTML, each Cyrillic run in a <span lang="…">."""
    return Markup("").join(escape(piece) if lang is None else Markup('<span lang="{}">{}</span>').format(lang, piece)
                           for piece, lang in split_languages(text))
