"""The order of glossary entries: people by surname, everything else by its headword.

A person's headword is written as the text names them ("Leon Trotsky", "Ante Ciliga", "Tarov"); they are
filed under the last word that is not a particle or a suffix, as an index files them: "Charles de Gaulle"
under Gaulle, "Ludwig van Beethoven" under Beethoven, "Martin Luther King Jr." under King.
"""
from __future__ import annotations

import unicodedata

from ..records import EntryKind

SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def surname_key(name: str) -> tuple[str, str]:
    """(surname, the rest), case- and accent-folded: 'Charles de Gaulle' -> ('gaulle', 'charles de')."""
    words = [w.rstrip(",") for w in name.split()]
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        words.pop()
    if not words:
        return _fold(name), ""
    # Particles stay with the given names: "de Gaulle" is filed under G, as English-language indexes do.
    return _fold(words[-1]), _fold(" ".join(words[:-1]))


def entry_order(kind: EntryKind, term: str) -> tuple[str, str]:
    """The key a glossary group sorts its entries by."""
    return surname_key(term) if kind is EntryKind.PERSON else (_fold(term), "")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
