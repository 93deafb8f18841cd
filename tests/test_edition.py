"""The first edition, end to end: the built reader against the transcription it comes from."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from glossa.records import EditionSource, EntryKind, GlossaryEntrySource, NoteSource, Paragraph, SiteSource
from glossa.read.reader import Reader
from glossa.read.schema import SchemaSet
from editions import FIRST_EDITION as SLUG
from pagetext import ids_and_links, paragraphs


@pytest.fixture(scope="module")
def edition_dir(project_root) -> Path:
    return project_root / "content" / "editions" / SLUG


@pytest.fixture(scope="module")
def source_paragraphs(edition_dir) -> list[str]:
    """The body paragraphs of the kept transcription, split here independently of the engine."""
    blocks = [b.strip() for b in edition_dir.joinpath("source.txt").read_text(encoding="utf-8").split("\n\n")]
    blocks = [" ".join(line.strip() for line in b.splitlines()) for b in blocks if b]
    provenance = next(i for i, b in enumerate(blocks) if b.startswith("Written:"))
    return blocks[provenance + 1:]


@pytest.fixture(scope="module")
def reader_html(built_site) -> str:
    return (built_site / SLUG / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def glossary_html(built_site) -> str:
    return (built_site / "glossary" / "index.html").read_text(encoding="utf-8")


def load_all(folder: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))}


def test_the_body_is_nineteen_paragraphs_from_the_first_to_the_postscript(source_paragraphs):
    assert len(source_paragraphs) == 19
    assert source_paragraphs[0].startswith("A new purge is being concluded")
    assert source_paragraphs[17].startswith("P.S. –")
    assert source_paragraphs[18].endswith("will be at their posts.")


def test_reading_text_is_the_transcription_except_where_an_emendation_applies(source_paragraphs, reader_html,
                                                                               edition_dir):
    page = paragraphs(reader_html)
    assert sorted(page) == list(range(1, 20))
    emendations = load_all(edition_dir / "emendations")
    assert emendations, "the edition records its emendations"
    for number, text in enumerate(source_paragraphs, start=1):
        assert page[number].original == text, f"paragraph {number} does not reproduce the transcription"
        expected = text
        for em in emendations.values():
            if em["paragraph"] == number:
                assert expected.count(em["original"]) >= 1
                expected = expected.replace(em["original"], em["corrected"], 1)
        assert page[number].reading == expected, f"paragraph {number} differs from the transcription " \
                                                 "beyond its recorded emendations"


def test_every_emendation_is_visible_with_both_readings(reader_html, edition_dir):
    for em_id, em in load_all(edition_dir / "emendations").items():
        assert f'id="em-{em_id}"' in reader_html
        assert f'href="#em-{em_id}"' in reader_html
        entry = re.search(rf'<li id="em-{em_id}">(.*?)</li>', reader_html, re.S).group(1)
        assert em["original"] in entry and (em["corrected"] or "(nothing)") in entry


def test_every_paragraph_has_its_number_and_permalink(reader_html):
    page = paragraphs(reader_html)
    for number, text in page.items():
        assert ("pnum", f"#p-{number}") in text.links
        assert re.search(rf'<p id="p-{number}" class="body"><a class="pnum"[^>]*href="#p-{number}"[^>]*>'
                         rf'<span class="visually-hidden">Paragraph </span>{number}</a>', reader_html)


def test_every_note_has_its_mark_and_back_link(reader_html, edition_dir):
    notes = load_all(edition_dir / "notes")
    assert len(notes) >= 10
    ids, hrefs = ids_and_links(reader_html)
    annotations = "".join(p.read_text(encoding="utf-8") for p in sorted(edition_dir.rglob("*.yaml")))
    for note_id, note in notes.items():
        assert f"note-{note_id}" in ids and f"ref-{note_id}" in ids
        cross_references = annotations.count(f"](note:{note_id})")  # links from other notes, same page
        assert hrefs.count(f"#note-{note_id}") == 1 + cross_references and hrefs.count(f"#ref-{note_id}") == 1
        assert note["sources"], f"note {note_id} cites no source"
    marks = [h for cls, h in sum((p.links for p in paragraphs(reader_html).values()), []) if cls == "noteref"]
    assert len(marks) == len(notes)


def test_notes_are_marked_in_the_paragraph_they_annotate(reader_html, edition_dir):
    page = paragraphs(reader_html)
    for note_id, note in load_all(edition_dir / "notes").items():
        assert ("noteref", f"#note-{note_id}") in page[note["paragraph"]].links


def test_every_glossary_link_resolves_and_every_entry_is_on_the_glossary_page(reader_html, glossary_html,
                                                                              project_root):
    glossary_ids, _ = ids_and_links(glossary_html)
    entries = load_all(project_root / "content" / "glossary")
    assert len(entries) >= 25
    for entry_id in entries:
        assert entry_id in glossary_ids
    for name in ["thermidor", "gpu", "bolshevik-leninists", "ante-ciliga"]:
        assert name in entries
    term_links = [h for p in paragraphs(reader_html).values() for cls, h in p.links if cls == "term"]
    assert term_links
    for href in term_links:  # each term leads to its entry's own page
        assert re.fullmatch(r"\.\./glossary/[a-z0-9-]+/", href) and href.split("/")[2] in entries


def _forms_pattern(entry: dict) -> re.Pattern:
    forms = sorted([entry["term"], *entry.get("aliases", [])], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w]|-\w)")


def test_each_entrys_occurs_in_list_matches_the_text(built_site, source_paragraphs, project_root):
    for entry_id, entry in load_all(project_root / "content" / "glossary").items():
        if entry.get("match") is False:
            continue
        expected = [n for n, text in enumerate(source_paragraphs, 1) if _forms_pattern(entry).search(text)]
        page = (built_site / "glossary" / entry_id / "index.html").read_text(encoding="utf-8")  # its own page
        listed = [int(n) for n in re.findall(rf'href="\.\./\.\./{SLUG}/#p-(\d+)"', page)]
        assert listed == expected, f"glossary entry {entry_id}"


def test_content_loads_into_typed_records(project_root):
    site, problems = Reader(project_root, SchemaSet.load(project_root / "schemas")).read_site(
        project_root / "content")
    assert not [p for p in problems if p.severity.value == "error"]
    assert isinstance(site, SiteSource)
    edition = next(e for e in site.editions if e.meta.slug == SLUG)
    assert isinstance(edition, EditionSource)
    assert all(isinstance(p, Paragraph) for p in edition.transcription.paragraphs)
    assert all(isinstance(n, NoteSource) and n.location.path.endswith(".yaml") for n in edition.notes)
    assert all(isinstance(g, GlossaryEntrySource) and isinstance(g.kind, EntryKind) for g in site.glossary)
    assert dict(edition.transcription.provenance)["Written"] == "January 11, 1936."
    note = edition.notes[0]
    assert note.anchor.location.line > 1  # the quote's own line, not the file's first


def test_title_block_and_provenance_are_metadata_not_body(reader_html):
    page = paragraphs(reader_html)
    assert not any("Written:" in p.reading or "Transcribed:" in p.reading for p in page.values())
    assert '<p class="dateline">Written 11 January 1936</p>' in reader_html  # the title page, from edition.yaml
    assert "From the The Militant Collection" not in reader_html  # the transcription's own lines: about page only
    assert "<h1>20,000 Oppositionists Expelled" in reader_html


def test_building_twice_gives_byte_identical_output(built_site, tmp_path, project_root):
    from glossa.cli import main
    again = tmp_path / "again"
    assert main(["build", "--site", str(again)], root=project_root) == 0
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    everything = b"".join(first.values())
    assert str(project_root).encode() not in everything and str(tmp_path).encode() not in everything


def test_a_second_edition_builds_alongside_the_first(real_project, project_root):
    fixtures = project_root / "tests" / "fixtures" / "content"
    shutil.copytree(fixtures / "editions" / "gettysburg", real_project.content / "editions" / "gettysburg")
    for entry in (fixtures / "glossary").glob("*.yaml"):
        shutil.copy(entry, real_project.content / "glossary" / entry.name)
    assert real_project.build() == 0
    index = (real_project.site / "index.html").read_text(encoding="utf-8")
    assert 'href="gettysburg/"' in index and f'href="{SLUG}/"' in index
    lincoln = (real_project.site / "gettysburg" / "index.html").read_text(encoding="utf-8")
    assert len(paragraphs(lincoln)) == 3 and 'id="note-four-score"' in lincoln
    assert 'id="calc-four-score-and-seven" data-verdict="holds"' in lincoln
    entries = "".join(p.read_text(encoding="utf-8") for p in (real_project.site / "glossary").glob("*/index.html"))
    assert 'href="../../gettysburg/#p-2"' in entries and f'href="../../{SLUG}/#p-7"' in entries
    assert (real_project.site / SLUG / "index.html").read_bytes() != lincoln.encode()


def test_every_claim_has_a_verdict_context_none_and_its_callout_follows_its_quote(reader_html, edition_dir):
    page = paragraphs(reader_html)
    computations = load_all(edition_dir / "computations")
    assert len(computations) >= 20
    for comp_id, comp in computations.items():
        states = "holds|approx|fails" if comp["kind"] == "claim" else "context"
        assert re.search(rf'id="calc-{comp_id}" data-verdict="({states})"', reader_html), comp_id
        text = page[comp["paragraph"]]
        chip = f"#calc-{comp_id}"
        assert ("calcref", chip) in text.links, f"{comp_id}: no chip in paragraph {comp['paragraph']}"
        before = text.original[:text.link_offsets[chip]]
        end = before.rfind(comp["quote"]) + len(comp["quote"])
        assert comp["quote"] in before and len(before) - end <= 40, f"{comp_id}: chip is not after its quote"
