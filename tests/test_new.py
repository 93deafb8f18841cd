"""`build.py new`: a source text brought in and normalised, and skeletons that build at once, their anchors
checked against the text before anything is written."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from glossa.read.checksum import text_sha256
from glossa.commands.new_edition import parse_date
from glossa.commands.new_source import SourceImportError, import_text
from glossa.read.transcription import parse_transcription

MIA_STYLE = (
    "\ufeffAbraham Lincoln\r\n\r\nA Letter on Numbers   \r\n\r\n\r\n"
    "Written: November 21, 1864.\r\nSource: The Boston Evening Transcript November 25, 1864. Reprinted.\r\n"
    "Transcribed: A test.\r\n\r\n"
    "I have been shown in the files of the War Department a statement that you are the mother of five sons.\r\n\r\n"
    "Of the five sons, 2 died gloriously; the other 3 live.\u00a0That is 40 percent of five.\r\n"
)

if TYPE_CHECKING:  # the name only: tests/browser has a conftest too, so importing it at run time is ambiguous
    from conftest import Scratch


def new(project: Scratch, *args: str) -> int:
    from glossa.cli import main
    return main(["new", *args], root=project.root)


def incoming(tmp_path: Path, text: str | bytes, name: str = "incoming.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# --- bringing a text in ----------------------------------------------------------------------------------

def test_normalising_removes_the_bom_carriage_returns_trailing_spaces_and_extra_blank_lines():
    imported = import_text(MIA_STYLE.encode(), title="t", author="a", source_label="x")
    assert not imported.text.startswith("\ufeff")
    assert "\r" not in imported.text
    assert "Numbers\n" in imported.text and "Numbers \n" not in imported.text
    assert "\n\n\n" not in imported.text
    assert imported.text.endswith("live.\u00a0That is 40 percent of five.\n")
    assert not imported.added_heading  # it has its own provenance block
    assert any("byte-order mark" in change for change in imported.changes)
    transcription, problems = parse_transcription(imported.text, "source.txt")
    assert problems == [] and transcription is not None
    assert [label for label, _ in transcription.provenance] == ["Written", "Source", "Transcribed"]
    assert len(transcription.paragraphs) == 2


def test_suspicious_characters_are_reported_at_their_line_and_column_in_the_written_file():
    text = 'Title\n\nSource: x.\n\nA \u201ccurly\u201d and a "straight" quote,\u00a0a soft\u00adhyphen, zero\u200bwidth.\n'
    imported = import_text(text.encode(), title="t", author="a", source_label="x")
    lines = imported.text.split("\n")
    found = {(s.kind, s.char): (s.line, s.column) for s in imported.suspicious}
    for (kind, char), (line, column) in found.items():
        assert lines[line - 1][column - 1] == char, kind
    assert {kind for kind, _ in found} == {"straight quote", "space-like", "soft hyphen", "zero-width"}


def test_control_characters_are_removed_and_reported_where_they_stood():
    imported = import_text(b"Title\n\nSource: x.\n\nA bell\x07 rang.\n", title="t", author="a", source_label="x")
    assert "\x07" not in imported.text
    [control] = [s for s in imported.suspicious if s.kind == "control"]
    assert (control.line, control.column, control.char) == (5, 7, "\x07")


def test_a_file_without_blank_lines_gets_one_paragraph_per_line_keeping_its_provenance_together():
    text = "The Title\nWritten: 1901.\nSource: A book.\nFirst paragraph.\nSecond paragraph.\n"
    imported = import_text(text.encode(), title="t", author="a", source_label="x")
    transcription, problems = parse_transcription(imported.text, "source.txt")
    assert problems == [] and transcription is not None
    assert transcription.heading == ("The Title",)
    assert [label for label, _ in transcription.provenance] == ["Written", "Source"]
    assert [p.text for p in transcription.paragraphs] == ["First paragraph.", "Second paragraph."]


def test_a_text_without_provenance_gets_a_title_block_and_a_source_line():
    imported = import_text(b"Only a paragraph.\n\nAnd another.\n", title="My Title", author="Someone",
                           source_label="letter.txt")
    assert imported.added_heading
    transcription, _ = parse_transcription(imported.text, "source.txt")
    assert transcription is not None
    assert transcription.heading == ("Someone", "My Title")
    assert transcription.provenance == (("Source", "letter.txt"),)
    assert [p.text for p in transcription.paragraphs] == ["Only a paragraph.", "And another."]


def test_a_file_that_is_not_utf8_is_refused_with_its_line():
    with pytest.raises(SourceImportError, match="line 2"):
        import_text(b"Title\nCaf\xe9\n", title="t", author="a", source_label="x")


@pytest.mark.parametrize("text, date", [
    ("January 11, 1936.", "1936-01-11"), ("11 January 1936", "1936-01-11"), ("February 1936", "1936-02"),
    ("The New Militant February 15, 1936. From the Holt Labor Library", "1936-02-15"), ("about 1917", "1917"),
    ("no date at all", None),
])
def test_dates_are_read_from_provenance_lines(text, date):
    assert parse_date(text) == date


# --- a new edition, end to end -----------------------------------------------------------------------------

def test_an_edition_made_only_by_the_commands_passes_the_strict_check(small_project, tmp_path, capsys):
    slug = "letter-on-numbers"
    source = incoming(tmp_path, MIA_STYLE)
    assert new(small_project, "edition", slug, "--source", str(source), "--author", "Abraham Lincoln",
               "--title", "Letter to Mrs. Bixby", "--source-url", "https://example.org/bixby") == 0
    out = capsys.readouterr().out
    assert f"Created content/editions/{slug}/" in out
    folder = small_project.content / "editions" / slug
    text = (folder / "source.txt").read_text(encoding="utf-8")
    [(line, column)] = [(n, row.index("\u00a0") + 1) for n, row in enumerate(text.split("\n"), 1) if "\u00a0" in row]
    assert f"{line}:{column}  U+00A0 NO-BREAK SPACE" in out
    meta = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert f"source_sha256: {text_sha256(text)}" in meta
    assert 'written: "1864-11-21"' in meta and 'periodical: "The Boston Evening Transcript"' in meta
    assert 'source_url: "https://example.org/bixby"' in meta
    edition = ("--edition", slug)
    assert new(small_project, "note", "five-sons", *edition, "--paragraph", "1", "--quote", "five sons") == 0
    assert new(small_project, "computation", "share-of-five", *edition, "--paragraph", "2",
               "--quote", "40 percent of five") == 0
    assert new(small_project, "emendation", "gloriously", *edition, "--paragraph", "2", "--quote", "gloriously",
               "--corrected", "gloriously,") == 0
    assert new(small_project, "entry", "war-department", "--term", "War Department") == 0
    capsys.readouterr()
    assert small_project.check("--strict") == 0, capsys.readouterr().err
    computation = (folder / "computations" / "share-of-five.yaml").read_text(encoding="utf-8")
    assert 'value: "40%"' in computation  # "40 percent" read as the number the claim states


def test_an_existing_edition_folder_is_never_replaced(small_project, tmp_path, capsys):
    existing = sorted(p.name for p in (small_project.content / "editions").iterdir())[0]
    before = (small_project.content / "editions" / existing / "source.txt").read_bytes()
    assert new(small_project, "edition", existing, "--source", str(incoming(tmp_path, MIA_STYLE))) == 1
    assert "already exists" in capsys.readouterr().err
    assert (small_project.content / "editions" / existing / "source.txt").read_bytes() == before


# --- anchors are checked before anything is written ---------------------------------------------------------

def _only_edition(project: Scratch) -> Path:
    [edition] = [p for p in (project.content / "editions").iterdir() if p.is_dir()]
    return edition


def _paragraph(edition: Path, number: int) -> str:
    transcription, _ = parse_transcription((edition / "source.txt").read_text(encoding="utf-8"), "source.txt")
    assert transcription is not None
    return transcription.paragraphs[number - 1].text


def test_a_quote_not_in_the_paragraph_is_refused_with_the_closest_passage(small_project, capsys):
    edition = _only_edition(small_project)
    words = " ".join(_paragraph(edition, 1).split()[:4])
    typo = words[:-1] + "X"
    assert new(small_project, "note", "typo", "--paragraph", "1", "--quote", typo) == 1
    err = capsys.readouterr().err
    assert "G130" in err and f"“{words}" in err and "Nothing was written." in err
    assert not (edition / "notes" / "typo.yaml").exists()


def test_an_ambiguous_quote_asks_for_an_occurrence_then_is_accepted_with_one(small_project, capsys):
    edition = _only_edition(small_project)
    text = _paragraph(edition, 2)
    word = next(w for w in text.split() if len(w) > 3 and text.count(w) > 1)
    assert new(small_project, "note", "twice", "--paragraph", "2", "--quote", word) == 1
    assert "G131" in (err := capsys.readouterr().err) and "--occurrence N" in err
    assert not (edition / "notes" / "twice.yaml").exists()
    assert new(small_project, "note", "twice", "--paragraph", "2", "--quote", word, "--occurrence", "2") == 0
    assert "occurrence: 2\n" in (edition / "notes" / "twice.yaml").read_text(encoding="utf-8")
    assert small_project.check() == 0


def test_without_an_anchor_a_note_is_anchored_to_the_first_words_and_builds(small_project, capsys):
    assert new(small_project, "note", "somewhere") == 0
    assert "first words of paragraph 1" in capsys.readouterr().out
    assert small_project.check("--strict") == 0


def test_an_existing_file_is_never_overwritten(small_project, capsys):
    edition = _only_edition(small_project)
    existing = sorted((edition / "notes").glob("*.yaml"))[0]
    before = existing.read_bytes()
    assert new(small_project, "note", existing.stem) == 1
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == before


def test_an_emendation_without_its_correction_is_written_but_says_the_build_refuses_it(small_project, capsys):
    edition = _only_edition(small_project)
    word = _paragraph(edition, 1).split()[0]
    assert new(small_project, "emendation", "todo", "--paragraph", "1", "--quote", word) == 0
    assert "G136" in capsys.readouterr().out
    assert small_project.check() == 1
    assert "G136" in capsys.readouterr().err


@pytest.mark.parametrize("args, code, message", [
    (("variant", "x"), 1, "not available yet"),
    (("poem", "x"), 2, "the kinds are edition, note, entry, computation, emendation"),
    (("note", "Bad_Id"), 2, "cannot be an id"),
    (("note", "x", "--paragraph", "1"), 2, "give both --paragraph N and --quote"),
    (("edition", "x"), 2, "--source FILE"),
])
def test_refusals_say_what_to_do(small_project, capsys, args, code, message):
    assert new(small_project, *args) == code
    assert message in capsys.readouterr().err


def test_with_two_editions_a_note_must_name_its_edition(small_project, tmp_path, capsys):
    assert new(small_project, "edition", "second", "--source", str(incoming(tmp_path, MIA_STYLE))) == 0
    assert new(small_project, "note", "which") == 1
    assert "--edition SLUG" in capsys.readouterr().err


# --- a book-length edition: paragraph numbers restart in each part, so an anchor names its part -------------

def _book_parts(project: Scratch) -> dict[str, list[str]]:
    from glossa.commands.new_annotation import edition_paragraphs
    [edition] = (project.content / "editions").iterdir()
    paragraphs, problems = edition_paragraphs(edition, project.root)
    assert paragraphs and not problems
    parts: dict[str, list[str]] = {}
    for p in paragraphs:
        parts.setdefault(p.part, []).append(p.text)
    return parts


def test_a_note_in_a_book_names_its_part_and_builds(book_project, capsys):
    part, texts = list(_book_parts(book_project).items())[1]     # a later part: its paragraph 1 is not the book's
    words = " ".join(texts[0].split()[:5])
    assert new(book_project, "note", "in-a-part", "--part", part, "--paragraph", "1", "--quote", words) == 0
    assert f"paragraph 1 of part {part}" in capsys.readouterr().out
    [path] = book_project.content.rglob("notes/in-a-part.yaml")
    assert f"part: {part}\nparagraph: 1\nquote: \"{words}\"\n" in path.read_text(encoding="utf-8")
    assert new(book_project, "computation", "in-a-part", "--part", part, "--paragraph", "1", "--quote", words) == 0
    assert f"    part: {part}\n" in next(book_project.content.rglob("computations/in-a-part.yaml")).read_text()
    assert book_project.check("--strict") == 0


def test_a_quote_from_another_part_is_refused_at_its_line(book_project, capsys):
    parts = list(_book_parts(book_project).items())
    (first, _), (_, later) = parts[0], parts[1]
    words = " ".join(later[0].split()[:5])
    assert words not in _book_parts(book_project)[first][0]   # the fixture's premise
    assert new(book_project, "note", "wrong-part", "--part", first, "--paragraph", "1", "--quote", words) == 1
    err = capsys.readouterr().err
    assert "wrong-part.yaml:5: error G130" in err and f"paragraph 1 of part {first}" in err   # quote: is on line 5
    assert not list(book_project.content.rglob("wrong-part.yaml"))


def test_a_book_anchor_without_a_part_or_with_an_unknown_one_is_refused(book_project, capsys):
    parts = _book_parts(book_project)
    words = " ".join(next(iter(parts.values()))[0].split()[:3])
    assert new(book_project, "note", "x", "--paragraph", "1", "--quote", words) == 2
    assert f"say which with --part ID (its parts are {', '.join(parts)})" in capsys.readouterr().err
    assert new(book_project, "note", "x", "--part", "no-such", "--paragraph", "1", "--quote", words) == 1
    assert "there is no part 'no-such'" in capsys.readouterr().err
    assert not list(book_project.content.rglob("x.yaml"))


def test_without_an_anchor_a_book_note_takes_the_first_words_of_the_part_given(book_project, capsys):
    part = list(_book_parts(book_project))[-1]
    assert new(book_project, "note", "first-words", "--part", part) == 0
    assert f"part: {part}\nparagraph: 1\n" in next(book_project.content.rglob("notes/first-words.yaml")).read_text()
    assert book_project.check("--strict") == 0


def test_part_is_refused_in_an_edition_of_one_text(small_project, capsys):
    assert new(small_project, "note", "x", "--part", "opening", "--paragraph", "1", "--quote", "x") == 1
    assert "it is not in parts: leave out --part" in capsys.readouterr().err
