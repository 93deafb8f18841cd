"""Where a place of the site is inside the EPUB: the book has its own few documents, so a link the site makes
between pages (a paragraph, a note, a glossary entry, a calculation) is mapped to the document that holds the same
element here, and a place the book does not contain (another edition, the about page) stays unlinked."""
from __future__ import annotations

from dataclasses import dataclass

from ... import urls
from ...model import Edition

TITLE = "title.xhtml"
GLOSSARY = "glossary.xhtml"
COMPUTATIONS = "computations.xhtml"
LICENCE = "licence.xhtml"
NAV = "nav.xhtml"
STYLESHEET = "book.css"


@dataclass(frozen=True, kw_only=True)
class TextDocument:
    """One document of the text: the whole text of a single-text edition, or one part of a book."""

    name: str           # file name inside the book
    title: str
    part: str           # the part id ('' for an edition of one text)
    page: str           # the site page that shows the same paragraphs


@dataclass(frozen=True, kw_only=True)
class Places:
    texts: tuple[TextDocument, ...]
    entries: frozenset[str]              # glossary entries the book includes

    @classmethod
    def of(cls, edition: Edition) -> "Places":
        slug = edition.meta.slug
        if edition.parts:
            texts = tuple(TextDocument(name=f"text-{p.number:03d}.xhtml", title=p.title, part=p.id, page=p.page)
                          for p in edition.parts)
        else:
            texts = (TextDocument(name="text.xhtml", title="Text", part="", page=urls.reader_page(slug)),)
        return cls(texts=texts, entries=frozenset(use.entry.id for use in edition.terms))

    def text_of(self, part: str) -> TextDocument:
        return next((t for t in self.texts if t.part == part), self.texts[0])

    def href(self, target: urls.Target) -> str | None:
        """The link to `target` inside the book, or None when the book does not hold it."""
        fragment = target.fragment
        if fragment.startswith("calc-"):
            return f"{COMPUTATIONS}#{fragment}"
        for text in self.texts:
            if target.page == text.page:
                return f"{text.name}#{fragment}" if fragment else text.name
        entry = _entry_of(target)
        if entry is not None:
            return f"{GLOSSARY}#{entry_anchor(entry)}" if entry in self.entries else None
        if target.page.endswith("/verdicts.html") or target.page == urls.VERDICTS_PAGE:
            return COMPUTATIONS
        return None


def entry_anchor(entry: str) -> str:
    """A glossary entry's id in the book (prefixed: an XML id may not start with a digit, an entry id may)."""
    return urls.term_definition_id(entry)


def _entry_of(target: urls.Target) -> str | None:
    if target.page == urls.GLOSSARY_PAGE:
        return target.fragment or None
    parts = target.page.split("/")
    if len(parts) == 3 and parts[0] == "glossary" and parts[2] == "index.html":
        return parts[1]
    return None
