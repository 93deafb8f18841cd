"""The edition as an EPUB 3 book (SLUG/SLUG.epub): a title page, the text with the notes as EPUB footnotes, the
glossary entries it uses, the calculations with their verdicts as static tables, and the licence. It reads the
resolved model only (glossa/model.py), like every output, and is checked with epubcheck by the tests."""
from .book import epub_book

__all__ = ["epub_book"]
