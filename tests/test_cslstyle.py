"""The references are formatted with citeproc-py's classes whose lookups are remembered (glossa/cslstyle.py):
they must format every kind of citation exactly as citeproc-py's own style object does, however many
citations one loaded style has formatted before."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest
from citeproc import CitationStylesStyle

from glossa.citation import EditionCitation, Name
from glossa.cslstyle import RememberingStyle
from glossa.references import STYLES, formatted, style_xml

PLAIN = EditionCitation(
    key="an-article", title="20,000 Oppositionists Expelled", author=Name(given="Leon", family="Trotsky"),
    translator=None, periodical="The New Militant", volume="2", issue="7", published="1936-02-15", language="en",
    editors=(Name(literal="The Glossa editors"),), version="1.2", version_date="2026-03", publisher="Glossa",
    url="https://example.org/an-article/", version_url="https://example.org/an-article/about.html#v-1.2",
    license_url="https://creativecommons.org/licenses/by-sa/4.0/")
CITATIONS = [
    PLAIN,
    replace(PLAIN, key="translated", translator=Name(given="John G.", family="Wright"), volume="", issue=""),
    replace(PLAIN, key="anonymous", author=Name(literal="Anonymous"), published="1936", version_date="",
            editors=(Name(given="Ann", family="Editor"), Name(given="Bo", family="Second"))),
    replace(PLAIN, key="russian", title="Против течения", language="ru", periodical="Бюллетень оппозиции"),
]


@pytest.mark.parametrize("style", [s.name for s in STYLES])
def test_the_remembering_style_formats_as_citeproc_does(style: str) -> None:
    remembering = RememberingStyle(style_xml(style))
    for _ in range(2):   # the second round is answered from what the first remembered
        for citation in CITATIONS:
            plain = CitationStylesStyle(io.BytesIO(style_xml(style)), validate=False)
            assert formatted(citation, remembering) == formatted(citation, plain), citation.key
