"""Diagnostics quote untrusted content; printed, they must neither forge CI log lines nor drive the terminal."""
from __future__ import annotations

import re

from glossa.codes import Code
from glossa.diagnostics import Excerpt, SourceLocation, error, visible, warning
from glossa.build.pipeline import Project, build_pages

# Everything the escaping must catch: C0 (newline, CR, tab, ESC), DEL, C1 (NEL, CSI), bidi controls,
# and the Unicode line and paragraph separators.
HOSTILE = "a\n::error file=README.md,line=1::forged\r\x1b[31mred\t\x7f\x85\x9b\u202eevil\u202c\u2066\u2069" \
          "\u200e\u200f\u061c\u2028\u2029z"
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_visible_escapes_every_unsafe_character_and_nothing_else():
    shown = visible(HOSTILE)
    assert not UNSAFE.search(shown)
    for escape in ["\\n::error", "\\r", "\\x1b[31m", "\\t", "\\x7f", "\\x85", "\\x9b", "<U+202E>", "<U+202C>",
                   "<U+2066>", "<U+2069>", "<U+200E>", "<U+200F>", "<U+061C>", "<U+2028>", "<U+2029>"]:
        assert escape in shown, escape
    ordinary = "“Liberty” – é, ß, 😀, Trotsky’s 20,000 (‰)"
    assert visible(ordinary) == ordinary


def test_format_prints_one_line_for_the_message_and_one_for_the_hint():
    d = error(Code.QUOTE_NOT_FOUND, f"The quote “{HOSTILE}” is not in paragraph 1.",
              SourceLocation("content/notes/x\n::error::y.yaml", 2), f"Closest: {HOSTILE}")
    lines = d.format().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("content/notes/x\\n::error::y.yaml:2: error G130: The quote “a\\n::error")
    assert lines[1].startswith("    how to fix: Closest: a\\n::error")
    assert not UNSAFE.search(d.format().replace("\n", ""))


def test_github_annotation_is_one_workflow_command():
    d = warning(Code.UNUSED_INPUT, HOSTILE + " 100%", SourceLocation("content/a,b:c\n.yaml", 3, 7), HOSTILE)
    annotation = d.github_annotation()
    assert "\n" not in annotation and "\r" not in annotation
    assert not UNSAFE.search(annotation)
    assert annotation.startswith("::warning file=content/a%2Cb%3Ac\\n.yaml,line=3,col=7,title=G142::a\\n::error")
    assert "100%25" in annotation


def test_the_caret_stays_under_its_character_when_the_formula_holds_escaped_characters():
    formula = "a\u202e + b $ c"
    excerpt = Excerpt(label="formula", text=formula, column=formula.index("$"))
    text_line, caret_line = error(Code.FORMULA_SYNTAX, "Unknown character.", SourceLocation("f", 1),
                                  excerpt=excerpt).format().split("\n")[1:3]
    assert text_line == "    formula: a<U+202E> + b $ c"
    assert text_line[caret_line.index("^")] == "$"


def test_a_hostile_quote_prints_no_forged_command_under_github_actions(small_project, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    small_project.write("editions/gettysburg/notes/forged.yaml",
                        'paragraph: 1\nquote: "x\\n::error file=README.md,line=1::forged \\u202e\\u2028"\n'
                        "body: x\nsources:\n  - title: x\n")
    count = len(build_pages(Project.at(small_project.root)).diagnostics)
    assert small_project.check() == 1
    out, err = capsys.readouterr()
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == count == 1, out
    assert not any(line.startswith("::") for line in err.splitlines()), err
    assert not UNSAFE.search(out.replace("\n", "") + err.replace("\n", ""))
