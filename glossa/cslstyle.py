"""A CSL style loaded for many references in one process: citeproc-py's own classes, with the two lookups it
repeats for every reference remembered.

citeproc-py finds a macro by an XPath query over the style's root (`cs:macro[@name=…]`, about fifty per
reference) and a locale term by an XPath query over the locale's few hundred terms (about twenty per reference):
together, half the time of formatting a reference. The style and its locales never change once loaded, so each
answer is kept on the element that answered it (the style's root and its locales: the style object holds
them, so lxml keeps the same Python objects, with what they remember, for as long as the style lives). Every
other behaviour is citeproc-py's, unchanged; this leans on citeproc-py's internals, hence its exact pin.
"""
from __future__ import annotations

import io
from typing import Any

from citeproc import CitationStylesStyle
from citeproc.model import CitationStylesElement, Locale, Style
from lxml import etree

CSL_URI = "http://purl.org/net/xbiblio/csl"


class _RememberingStyle(Style):  # type: ignore[misc]
    """The style's root: its XPath answers (macros by name, in-style locales) remembered."""

    locales: list[Any]      # set by citeproc-py's set_locale_list: where terms are looked up, in order

    def xpath_search(self, expression: str) -> Any:
        found: dict[str, Any] = self.__dict__.setdefault("_glossa_found", {})
        if expression not in found:
            found[expression] = super().xpath_search(expression)
        return found[expression]

    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        # citeproc-py chooses the locales (in-style ones first, then its locale files); the files it parsed are
        # parsed again with the remembering classes, so that their terms are remembered too.
        super().set_locale_list(output_locale, validate=validate)
        self.locales = [locale if isinstance(locale, _RememberingLocale) else _reparsed(locale)
                        for locale in self.locales]
        for locale in self.locales:
            locale.style = self


class _RememberingLocale(Locale):  # type: ignore[misc]
    """A locale: each term it was asked for (or found it lacks) remembered."""

    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        found: dict[tuple[str, str | None, bool], Any] = self.__dict__.setdefault("_glossa_terms", {})
        key = (name, form, zero_padded)
        if key not in found:
            try:
                found[key] = super().get_term(name, form, zero_padded=zero_padded)
            except IndexError:  # citeproc-py's way of saying "not in this locale": asked again, said again
                found[key] = None
        if found[key] is None:
            raise IndexError(name)
        return found[key]


class RememberingStyle(CitationStylesStyle):  # type: ignore[misc]
    """`CitationStylesStyle(BytesIO(xml), validate=False)`, parsed with the remembering element classes."""

    def __init__(self, xml: bytes) -> None:
        # CitationStylesXML.__init__ builds its parser inline; this is the same parser with two classes swapped.
        self.parser = _parser()
        self.xml = etree.parse(io.BytesIO(xml), self.parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(self.root.get("default-locale", "en-US"), validate=False)


def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_URI)
    namespace[None] = CitationStylesElement
    namespace.update({cls.__name__.replace("_", "-").lower(): cls for cls in CitationStylesElement.__subclasses__()})
    namespace["style"] = _RememberingStyle
    namespace["locale"] = _RememberingLocale
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    parser.set_element_class_lookup(lookup)
    return parser


def _reparsed(locale: Any) -> Any:
    """A locale file citeproc-py parsed, parsed again with the remembering classes."""
    url = locale.getroottree().docinfo.URL
    return etree.parse(url, _parser()).getroot()
