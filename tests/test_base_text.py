"""The base text's integrity: source.txt must match its recorded checksum, holds no control characters,
and keeps a bidirectional control only where an emendation corrects it (shown visibly, never raw)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from glossa.build.pipeline import Project, build_pages
from glossa.read.transcription import parse_transcription

EDITIONS = Path(__file__).parent / "fixtures" / "content" / "editions"
SLUG = next(p.name for p in sorted(EDITIONS.iterdir()) if p.is_dir())
SOURCE = f"editions/{SLUG}/source.txt"
META = f"editions/{SLUG}/edition.yaml"


def diagnostics(project, code: str | None = None):
    found = build_pages(Project.at(project.root)).diagnostics
    return [d for d in found if code is None or d.code == code]


def read(project, rel: str) -> str:
    return (project.content / rel).read_text(encoding="utf-8")


def set_text(project, text: str) -> None:
    """Write source.txt and record its checksum, as an editor who changed it on purpose would."""
    project.write(SOURCE, text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    project.write(META, re.sub(r"source_sha256: \w+", f"source_sha256: {digest}", read(project, META)))


def test_every_edition_records_the_checksum_of_its_text(project_root):
    for folder in sorted((project_root / "content" / "editions").iterdir()):
        recorded = re.search(r"^source_sha256: (\w+)$", (folder / "edition.yaml").read_text(), re.MULTILINE)
        assert recorded, f"{folder.name}/edition.yaml records no source_sha256"
        assert recorded.group(1) == hashlib.sha256((folder / "source.txt").read_bytes()).hexdigest()


def test_a_changed_character_fails_the_build_and_the_message_gives_both_checksums(small_project, capsys):
    text = read(small_project, SOURCE)
    recorded = re.search(r"source_sha256: (\w+)", read(small_project, META)).group(1)
    changed = text.replace("testing whether", "testing wether")
    small_project.write(SOURCE, changed)
    actual = hashlib.sha256(changed.encode()).hexdigest()

    [problem] = diagnostics(small_project)
    assert problem.code == "G180"
    assert problem.location.path == f"content/{META}"
    assert read(small_project, META).splitlines()[problem.location.line - 1].startswith("source_sha256:")
    assert actual in problem.message and recorded in problem.message
    assert f"content/{SOURCE}" in problem.message and f"source_sha256: {actual}" in problem.hint
    assert small_project.build() == 1 and not small_project.site.exists()

    capsys.readouterr()
    small_project.write(META, read(small_project, META).replace(recorded, actual))  # as the hint says
    assert small_project.build() == 0


def test_a_missing_checksum_is_reported_with_the_line_to_add(small_project):
    small_project.write(META, re.sub(r"source_sha256: \w+\n", "", read(small_project, META)))
    [problem] = diagnostics(small_project)
    assert (problem.code, problem.location.path, problem.location.line) == ("G180", f"content/{META}", 1)
    line = re.search(r"'(source_sha256: \w+)'", problem.hint).group(1)
    small_project.write(META, read(small_project, META) + line + "\n")
    assert diagnostics(small_project) == []


def test_a_checksum_of_the_wrong_form_is_refused(small_project):
    small_project.write(META, re.sub(r"source_sha256: \w+", "source_sha256: ABC", read(small_project, META)))
    assert [d.location.line for d in diagnostics(small_project)] == [13]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x0b", "\x0c", "\x7f", "\x85", "\x9b"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_in_the_text_are_refused_at_their_line_and_column(small_project, char):
    text = read(small_project, SOURCE)
    line_index = next(i for i, line in enumerate(text.split("\n")) if line.startswith("Now we are"))
    lines = text.split("\n")
    lines[line_index] = lines[line_index][:7] + char + lines[line_index][7:]
    set_text(small_project, "\n".join(lines))
    [problem] = diagnostics(small_project)
    assert problem.code == "G181"
    assert (problem.location.line, problem.location.column) == (line_index + 1, 8)
    assert f"U+{ord(char):04X}" in problem.message


def test_tabs_and_windows_line_endings_are_text_not_control_characters(small_project):
    """The checksum is of the text with lines ending in \\n, so a checkout that writes \\r\\n still matches."""
    text = read(small_project, SOURCE).replace("Now we are engaged", "Now we are\tengaged")
    set_text(small_project, text)
    (small_project.content / SOURCE).write_bytes(text.replace("\n", "\r\n").encode())
    assert diagnostics(small_project) == []


def test_an_indented_line_gives_the_column_in_the_file():
    text = "Title\n\nSource: x\n\nFirst line\n   second \x1b line\n"
    _, [problem] = parse_transcription(text, "source.txt")
    assert (problem.location.line, problem.location.column) == (6, 11)


def test_paragraph_offsets_map_back_to_the_file():
    text = "Title\n\nSource: x\n\n  One two\n    three four\nfive\n"
    transcription, _ = parse_transcription(text, "source.txt")
    paragraph = transcription.paragraphs[0]
    assert paragraph.text == "One two three four five"
    for word, line, column in (("One", 5, 3), ("two", 5, 7), ("three", 6, 5), ("four", 6, 11), ("five", 7, 1)):
        where = paragraph.where(paragraph.text.index(word))
        assert (where.line, where.column) == (line, column), word


RLO = "\u202e"


def test_a_bidi_control_in_the_text_must_be_corrected_by_an_emendation(small_project):
    text = read(small_project, SOURCE)
    set_text(small_project, text.replace("we can not hallow", f"we can not {RLO}hallow"))
    [problem] = diagnostics(small_project)
    assert problem.code == "G182" and "U+202E" in problem.message and "emendation" in problem.hint
    line = text.split("\n")[problem.location.line - 1]
    assert problem.location.column == line.index("we can not hallow") + len("we can not ") + 1

    small_project.write(f"editions/{SLUG}/emendations/rlo.yaml",
                        'paragraph: 3\noriginal: "not \\u202ehallow"\ncorrected: "not hallow"\n'
                        "reason: An invisible right-to-left override, which reversed the words after it.\n")
    result = build_pages(Project.at(small_project.root))
    assert result.ok, [d.format() for d in result.diagnostics]
    reader = next(p for p in result.pages if p.path == f"{SLUG}/index.html").content.decode()
    assert "not ⟨U+202E⟩hallow" in reader, "the emendation shows the character it removes"
    for page in result.pages:
        assert RLO.encode() not in page.content, f"a raw U+202E reached {page.path}"


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u061c"], ids=lambda c: f"U+{ord(c):04X}")
def test_a_bidi_control_in_the_title_block_is_refused_as_no_emendation_can_correct_it(small_project, char):
    text = read(small_project, SOURCE)
    set_text(small_project, text.replace("Abraham Lincoln", f"Abraham {char}Lincoln", 1))
    [problem] = diagnostics(small_project)
    assert (problem.code, problem.location.line, problem.location.column) == ("G182", 1, 9)


def test_an_emendation_may_not_write_the_bidi_control_raw(small_project):
    """Raw, it would be invisible in review too; escaped ("\\u202e"), the reviewer sees it."""
    text = read(small_project, SOURCE)
    set_text(small_project, text.replace("we can not hallow", f"we can not {RLO}hallow"))
    small_project.write(f"editions/{SLUG}/emendations/rlo.yaml",
                        f'paragraph: 3\noriginal: "not {RLO}hallow"\ncorrected: "not hallow"\nreason: x\n')
    codes = sorted(d.code for d in diagnostics(small_project))
    assert codes == ["G182", "G183"]


@pytest.mark.parametrize("variant, named", [
    ("we can not\u00a0dedicate", "the quote has U+00A0 NO-BREAK SPACE at character 11 where the text has a space"),
    ("we can not\u200b dedicate", "the quote has U+200B ZERO WIDTH SPACE at character 11, which the text does not"),
    ("we can not\u2028dedicate", "the quote has U+2028 LINE SEPARATOR at character 11 where the text has a space"),
    ("we can\u00ad not dedicate", "the quote has U+00AD SOFT HYPHEN at character 7, which the text does not"),
    ("we can not\u2009dedicate", "the quote has U+2009 THIN SPACE at character 11 where the text has a space"),
])
def test_a_quote_differing_only_by_an_invisible_character_names_it(small_project, variant, named):
    small_project.write(f"editions/{SLUG}/notes/invisible.yaml",
                        f'paragraph: 3\nquote: "{variant}"\nbody: x\nsources:\n  - title: x\n    status: not-seen\n')
    [problem] = diagnostics(small_project)
    assert problem.code == "G130"
    assert named in problem.hint and "paragraph 3" in problem.hint


def test_an_invisible_character_in_the_text_but_not_the_quote_is_named(small_project):
    text = read(small_project, SOURCE)
    set_text(small_project, text.replace("a new nation", "a new na\u00adtion"))
    small_project.write(f"editions/{SLUG}/notes/invisible.yaml",
                        'paragraph: 1\nquote: "a new nation"\nbody: x\nsources:\n  - title: x\n    status: not-seen\n')
    [problem] = diagnostics(small_project)
    assert "the text has U+00AD SOFT HYPHEN after character 8 of the quote" in problem.hint


def test_a_visible_difference_still_gets_the_closest_passage(small_project):
    small_project.write(f"editions/{SLUG}/notes/visible.yaml",
                        'paragraph: 3\nquote: "we can not dedikate"\nbody: x\nsources:\n  - title: x\n    status: not-seen\n')
    [problem] = diagnostics(small_project)
    assert "invisible" not in problem.hint and "closest passage" in problem.hint
