"""The editor's prose and the glossary as a reader sees them: typographic quotes and dashes (never in code),
languages marked, people filed by surname, headings without nested brackets, paragraph lists in English."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editions import FIRST_EDITION
from glossa.outputs.html.languages import mark_languages, split_languages
from glossa.markdown import parse, render
from glossa.resolve.names import entry_order, surname_key
from glossa.records import EntryKind


def test_the_editors_quotes_and_dashes_are_typographic_except_in_code() -> None:
    html = render(parse('He called it a "check-up" -- Stalin\'s word --- and wrote `"quoted" -- code`.'), {})
    assert "“check-up” – Stalin’s word — and" in html
    assert '<code>&quot;quoted&quot; -- code</code>' in html


def test_cyrillic_runs_are_marked_russian_or_ukrainian_and_english_is_left_alone() -> None:
    assert split_languages("Левая оппозиция в РКП(б) (Left Opposition)") == [
        ("Левая оппозиция в РКП(б)", "ru"), (" (Left Opposition)", None)]
    assert split_languages("Перенесення столиці України")[0][1] == "uk"
    assert mark_languages("A & B") == "A &amp; B"
    assert mark_languages("«Правда» <b>") == '<span lang="ru">«Правда»</span> &lt;b&gt;'
    assert render(parse("See *Правда*."), {}) == '<p>See <em><span lang="ru">Правда</span></em>.</p>'


@pytest.mark.parametrize("name, key", [("Leon Trotsky", "trotsky"), ("Charles de Gaulle", "gaulle"),
                                       ("Martin Luther King Jr.", "king"), ("Tarov", "tarov"), ("Émile Zola", "zola")])
def test_people_are_filed_by_surname(name: str, key: str) -> None:
    assert surname_key(name)[0] == key


def test_only_people_are_filed_by_surname() -> None:
    assert entry_order(EntryKind.TERM, "Left Opposition") < entry_order(EntryKind.TERM, "Thermidor")
    assert entry_order(EntryKind.PERSON, "Karl Marx") < entry_order(EntryKind.PERSON, "Joseph Stalin")


class Headings(HTMLParser):
    """The text of each h2 and h3 of a page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self.open = tag
            self.found.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self.open:
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open:
            tag, text = self.found[-1]
            self.found[-1] = (tag, text + data)


@pytest.fixture(scope="module")
def glossary_page(built_site: Path) -> str:
    return (built_site / "glossary" / "index.html").read_text(encoding="utf-8")


def test_the_glossary_files_people_by_surname_and_nests_no_brackets(glossary_page: str) -> None:
    parser = Headings()
    parser.feed(glossary_page)
    groups: dict[str, list[str]] = {}
    current = ""
    for tag, text in parser.found:
        if tag == "h2":
            current = text.strip()
        else:
            groups.setdefault(current, []).append(text.strip())
    people = [h.split(",")[0] for h in groups["People"]]
    assert len(people) > 3
    assert [surname_key(p) for p in people] == sorted(surname_key(p) for p in people)
    nested = [h for hs in groups.values() for h in hs if re.search(r"\([^)]*\(", h)]
    assert nested == []


def test_paragraph_lists_read_as_english(built_site: Path, glossary_page: str) -> None:
    reader = (built_site / FIRST_EDITION / "index.html").read_text(encoding="utf-8")
    for page in (reader, glossary_page):
        text = re.sub(r"<[^>]+>", "", page)
        assert not re.search(r"paragraphs \d+\.", text), "a plural before a single paragraph"
        assert not re.search(r"paragraph \d+, \d+", text), "a singular before a list"
        assert not re.search(r"paragraphs (\d+, )+\d+\.", text), "a list without 'and'"
    assert re.search(r"paragraphs (\d+, )*\d+ and \d+", re.sub(r"<[^>]+>", "", reader))
