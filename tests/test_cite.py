"""Citation: the page's embedded metadata (as Zotero's "Embedded Metadata" translator reads it), JSON-LD, the
CSL-JSON, BibTeX and RIS files, the formatted references and the versions, all compared with edition.yaml."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import rispy
import yaml

from glossa import urls
from glossa.outputs.formats import FORMATS

from editions import FIRST_EDITION, ROOT

META = yaml.safe_load((ROOT / "content/editions" / FIRST_EDITION / "edition.yaml").read_text(encoding="utf-8"))
SITE = yaml.safe_load((ROOT / "content/site.yaml").read_text(encoding="utf-8"))
READER_URL = SITE["base_url"] + FIRST_EDITION + "/"

# The HighWire tags Zotero's Embedded Metadata translator reads (zotero/translators, "Embedded Metadata.js" at
# commit f6350edad7f4b627903eb6a5601ac3f700aacfbd: its HIGHWIRE_MAPPINGS, and the tags addHighwireMetadata
# reads itself), each either supplied or left out for the reason given.
ZOTERO_READS = {
    "citation_title", "citation_publication_date", "citation_cover_date", "citation_date", "citation_journal_title",
    "citation_journal_abbrev", "citation_inbook_title", "citation_book_title", "citation_volume", "citation_issue",
    "citation_series_title", "citation_conference_title", "citation_conference", "citation_dissertation_institution",
    "citation_technical_report_institution", "citation_technical_report_number", "citation_publisher",
    "citation_isbn", "citation_abstract", "citation_doi", "citation_public_url", "citation_language",
    "citation_author", "citation_authors", "citation_editor", "citation_editors", "citation_firstpage",
    "citation_lastpage", "citation_issn", "citation_eIssn", "citation_pdf_url", "citation_abstract_html_url",
    "citation_fulltext_html_url", "citation_pmid", "citation_online_date", "citation_year", "citation_keywords"}
NOT_SUPPLIED = {
    # other spellings of tags we give: a second date or list of names could disagree with the first
    "citation_cover_date": "same", "citation_date": "same", "citation_year": "same", "citation_authors": "same",
    "citation_editors": "same",
    # they make Zotero file the item as a book, chapter, paper, thesis or report, which it is not
    "citation_inbook_title": "type", "citation_book_title": "type", "citation_series_title": "type",
    "citation_conference_title": "type", "citation_conference": "type", "citation_dissertation_institution": "type",
    "citation_technical_report_institution": "type", "citation_technical_report_number": "type",
    "citation_isbn": "type",
    # edition.yaml records none of these for the original publication
    "citation_journal_abbrev": "content", "citation_doi": "content", "citation_firstpage": "content",
    "citation_lastpage": "content", "citation_issn": "content", "citation_eIssn": "content",
    "citation_keywords": "content", "citation_pmid": "content",
    # the PDF exists only once printed, and Zotero would attach it instead of a snapshot of the annotated page;
    # the abstract is on the page itself
    "citation_pdf_url": "choice", "citation_abstract_html_url": "choice"}
# The tags given, and the values edition.yaml says they must have (Zotero keeps the first of each).
ZOTERO_FIELDS = {
    "citation_title": META["title"],
    "citation_publication_date": META["first_published"]["date"].replace("-", "/"),
    "citation_journal_title": META["first_published"]["periodical"],   # makes the item a journal article
    "citation_volume": META["first_published"]["volume"],
    "citation_issue": META["first_published"]["number"],
    "citation_language": META["language"],
    "citation_public_url": READER_URL,
    "citation_fulltext_html_url": READER_URL,
    "citation_publisher": SITE["title"],
    "citation_online_date": next(v["date"] for v in META["changelog"] if v["version"] == META["version"])
    .replace("-", "/"),   # this version's date
}


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str | None]] = []
        self.json_ld: list[str] = []
        self._in_ld = False
        self.ids: set[str] = set()
        self.data_attrs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.append(((a.get("name") or a.get("property")) or "", a.get("content") or ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
        if "data-format" in a or "data-cite-for" in a or "data-style" in a:
            self.data_attrs.append(a)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)


def parse(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def tags_of(page: Path) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for name, content in parse(page).meta:
        tags.setdefault(name, []).append(content)
    return tags


def test_every_tag_zotero_reads_is_given_or_left_out_for_a_reason():
    given = set(ZOTERO_FIELDS) | {"citation_author", "citation_editor", "citation_abstract"}
    assert given.isdisjoint(NOT_SUPPLIED) and given | set(NOT_SUPPLIED) == ZOTERO_READS


def test_the_reader_carries_the_fields_zotero_reads_with_the_values_of_edition_yaml(built_site):
    head = parse(built_site / urls.reader_page(FIRST_EDITION))
    tags = tags_of(built_site / urls.reader_page(FIRST_EDITION))
    for name, expected in ZOTERO_FIELDS.items():
        assert tags.get(name) == [expected], name
    family, given = META["author"].rsplit(" ", 1)[1], META["author"].rsplit(" ", 1)[0]
    assert tags["citation_author"] == [f"{family}, {given}"]
    # With one author tag, Zotero splits its value at a comma into two authors when both sides hold a space:
    # the inverted name must not look like two names.
    assert not all(" " in side.strip() for side in tags["citation_author"][0].split(","))
    assert tags["citation_editor"] == META["editors"]
    [abstract] = tags["citation_abstract"]
    assert META["author"] in abstract
    assert not set(tags) & set(NOT_SUPPLIED)
    assert tags["og:url"] == [READER_URL] and tags["og:type"] == ["article"]
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [READER_URL]


def test_every_page_of_the_edition_gives_zotero_the_same_item(built_site):
    """Saved from the about page, the edition must be the same item as from the reader: Zotero falls back to
    the page's description for the abstract, which differs between the two, so the abstract is given."""
    reader = tags_of(built_site / urls.reader_page(FIRST_EDITION))
    about = tags_of(built_site / urls.about_page(FIRST_EDITION))
    assert reader["description"] != about["description"]
    citation = {k: v for k, v in reader.items() if k.startswith("citation_")}
    assert "citation_abstract" in citation, "else Zotero takes each page's own description as the abstract"
    assert citation == {k: v for k, v in about.items() if k.startswith("citation_")}


def test_the_json_ld_is_an_article_based_on_the_original_publication(built_site):
    [text] = parse(built_site / urls.reader_page(FIRST_EDITION)).json_ld
    data = json.loads(text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == META["title"] and data["version"] == META["version"]
    assert data["author"]["name"] == META["author"]
    original = data["isBasedOn"]
    assert original["datePublished"] == META["first_published"]["date"]
    issue = original["isPartOf"]
    assert issue["issueNumber"] == META["first_published"]["number"]
    assert issue["isPartOf"]["isPartOf"]["name"] == META["first_published"]["periodical"]


def test_the_citation_files_parse_and_agree_with_edition_yaml(built_site):
    [item] = json.loads((built_site / urls.csl_json_file(FIRST_EDITION)).read_text(encoding="utf-8"))
    assert item["title"] == META["title"] and item["version"] == META["version"] and item["URL"] == READER_URL
    assert item["issued"]["date-parts"] == [[int(p) for p in META["first_published"]["date"].split("-")]]
    assert item["container-title"] == META["first_published"]["periodical"]
    assert [e["literal"] for e in item["editor"]] == META["editors"]

    bib = bibtexparser.loads((built_site / urls.bibtex_file(FIRST_EDITION)).read_text(encoding="utf-8"))
    [entry] = bib.entries
    assert entry["ID"] == FIRST_EDITION and entry["ENTRYTYPE"] == "article"
    assert entry["title"].strip("{}") == META["title"] and entry["journal"] == META["first_published"]["periodical"]
    assert entry["date"] == META["first_published"]["date"] and entry["url"] == READER_URL
    assert entry["version"] == META["version"] and entry["number"] == META["first_published"]["number"]

    [ris] = rispy.loads((built_site / urls.ris_file(FIRST_EDITION)).read_text(encoding="utf-8"))
    assert ris["type_of_reference"] == "NEWS" and ris["title"] == META["title"]
    assert ris["urls"] == [READER_URL] and ris["volume"] == META["first_published"]["volume"]


def test_the_about_page_shows_chicago_and_mla_and_every_version_at_its_own_address(built_site):
    page = built_site / urls.about_page(FIRST_EDITION)
    head, text = parse(page), page.read_text(encoding="utf-8")
    styles = {a["data-style"] for a in head.data_attrs if "data-style" in a}
    assert any(s and s.startswith("chicago") for s in styles) and "modern-language-association" in styles
    assert "Trotsky, Leon." in text     # the processor's inverted name, not cut to an initial
    for version in META["changelog"]:
        assert urls.version_id(version["version"]) in head.ids
    # The citation of this version links to its changelog entry.
    assert f'href="#{urls.version_id(META["version"])}"' in text


def test_each_paragraph_carries_its_citation_with_version_number_and_address(built_site):
    head = parse(built_site / urls.reader_page(FIRST_EDITION))
    cited = [a for a in head.data_attrs if "data-cite-for" in a]
    assert cited and all(a["id"] == urls.paragraph_citation_id(a["data-cite-for"][2:]) for a in cited)
    text = (built_site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8")
    assert f"version {META['version']}, ¶ 3, {READER_URL}#p-3" in text


def test_every_format_is_linked_from_the_reader_the_about_page_and_the_index_and_exists(built_site):
    for page in (urls.reader_page(FIRST_EDITION), urls.about_page(FIRST_EDITION), urls.INDEX_PAGE):
        linked = {a["data-format"] for a in parse(built_site / page).data_attrs if "data-format" in a}
        assert linked == {f.name for f in FORMATS if not f.printed}, page   # a PDF only once printed
    for f in (f for f in FORMATS if not f.printed):
        assert (built_site / f.path(FIRST_EDITION)).stat().st_size > 0, f.name
