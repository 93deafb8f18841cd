"""Untrusted content stays harmless: hostile annotations from a pull request never reach a page as markup."""
from __future__ import annotations

import os
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossa.build.pipeline import Project, build_pages
from glossa.read.yamlfile import read_text_file

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)" onclick="alert(1)">click</a>',
    "<iframe src=https://evil.example></iframe>",
    '<span style="position:fixed">x</span>',
    "[mixed case](JaVaScRiPt:alert(1))",
    "[entity](&#106;avascript:alert(1))",
    "[hex entity](&#x6A;avascript:alert(1))",
    "[tab inside](java&#9;script:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "![image](https://evil.example/pixel.png)",
    "# A heading that would break the outline",
    "[ok](https://example.org/a)",
]


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(name, value or "") for name, value in attrs]


def hostile_project(small_project):
    body = "\n\n".join(HOSTILE)
    small_project.write("editions/gettysburg/notes/hostile.yaml",
                        'paragraph: 1\nquote: "a new nation"\nbody: |\n' + _indent(body) +
                        "sources:\n  - title: x\n    url: https://example.org/source\n    status: seen\n")
    small_project.write("glossary/hostile.yaml", "term: conceived\nkind: term\ndefinition: |\n" + _indent(body) +
                        "sources:\n  - title: x\n    status: seen\n")
    small_project.write("editions/gettysburg/emendations/hostile.yaml",
                        'paragraph: 3\noriginal: "consecrate --"\ncorrected: "consecrate <script>alert(2)</script>"\n'
                        'reason: "<b onmouseover=alert(3)>bold</b> [x](javascript:alert(4))"\n')
    return small_project


def _indent(text: str) -> str:
    return "".join("  " + line + "\n" for line in text.splitlines())


def test_hostile_markdown_and_html_never_become_markup(small_project):
    project = hostile_project(small_project)
    assert project.build() == 0
    pages = [p for p in project.site.rglob("*.html")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = Collector()
        parsed.feed(html)
        assert "iframe" not in parsed.tags and "img" not in parsed.tags
        scripts = re.findall(r"<script[^>]*>", html)
        assert all(re.fullmatch(r'<script type="module" src="[./]*assets/(main|search)\.js">|<script type="application/ld\+json">', s)
                   for s in scripts), scripts
        for name, value in parsed.attrs:
            assert not name.startswith("on"), (page, name, value)
            assert name != "style", (page, value)
            if name in ("href", "src", "action"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (page, value)
        assert "alert(1)</script>" not in html
    reader = (project.site / "gettysburg" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reader       # shown as text, harmlessly
    assert '<a href="https://example.org/a" rel="noopener noreferrer">ok</a>' in reader
    assert "<h1>" in reader and reader.count("<h1") == 1


def test_hostile_ids_and_references_cannot_point_outside_content(small_project):
    small_project.write("editions/gettysburg/computations/escape.yaml",
                        'title: t\nparagraph: 1\nquote: "Four score"\ninputs:\n  x:\n    computation: '
                        '"../../../etc/passwd"\nformula: "x"\nclaim:\n  comparator: equals\n  value: "1"\nkind: claim\nrationale: r\n')
    small_project.write("editions/gettysburg/notes/escape-note.yaml",
                        'paragraph: 1\nquote: "Four score"\nbody: "[x](glossary:../../etc/passwd)"\nsources:\n'
                        "  - title: x\n    status: seen\n")
    codes = {(d.code, d.location.path) for d in build_pages(Project.at(small_project.root)).diagnostics}
    assert codes == {("G113", "content/editions/gettysburg/computations/escape.yaml"),
                     ("G121", "content/editions/gettysburg/notes/escape-note.yaml")}


def test_a_million_character_quote_is_refused_without_searching(small_project):
    small_project.write("editions/gettysburg/notes/long.yaml",
                        'paragraph: 1\nquote: "' + "a" * 1_000_000 + '"\nbody: x\nsources:\n  - title: x\n    status: seen\n')
    codes = [d.code for d in build_pages(Project.at(small_project.root)).diagnostics]
    assert codes == ["G103"]


def test_a_long_quote_under_the_file_limit_is_refused_by_the_schema(small_project):
    small_project.write("editions/gettysburg/notes/long.yaml",
                        'paragraph: 1\nquote: "' + "a" * 20_000 + '"\nbody: x\nsources:\n  - title: x\n    status: seen\n')
    diagnostics = build_pages(Project.at(small_project.root)).diagnostics
    assert [d.code for d in diagnostics] == ["G116"] and "20,000 characters" in diagnostics[0].message


@pytest.mark.parametrize("number", ["1" * 25, "99999999999999999999"])
def test_enormous_stated_numbers_are_refused(small_project, number):
    path = small_project.content / "editions/gettysburg/computations/four-score-and-seven.yaml"
    path.write_text(path.read_text().replace('value: "1863"', f'value: "{number}"'))
    codes = [d.code for d in build_pages(Project.at(small_project.root)).diagnostics]
    assert codes and set(codes) <= {"G113", "G144"}


def test_every_page_carries_a_strict_content_security_policy(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        csp = unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1))
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        # A JSON-LD data block is never executed (and CSP does not apply to it): the one inline form allowed.
        assert not re.search(r'<script(?![^>]*\ssrc=)(?! type="application/ld\+json">)[^>]*>', html), \
            "inline scripts are not allowed"
    headers = (built_site / "_headers").read_text()
    assert "Content-Security-Policy: default-src 'none'" in headers


def test_no_page_requests_another_origin(built_site):
    for page in built_site.rglob("*.html"):
        parsed = Collector()
        parsed.feed(page.read_text(encoding="utf-8"))
        for name, value in parsed.attrs:
            if name == "src" or (name == "href" and value.endswith((".css", ".js", ".svg", ".woff2"))):
                assert not re.match(r"https?:|//", value), (page, value)


@pytest.mark.parametrize("escape", ["\\ud800", "\\x1b", "\\u0000"])
def test_control_characters_written_as_escapes_are_refused(small_project, escape):
    """libyaml (PyYAML's C loader) refuses a lone surrogate escape itself (G100); the Python loader
    decodes it and Glossa refuses the character (G119). Either way the file is refused at its line."""
    small_project.write("editions/gettysburg/notes/escaped.yaml",
                        f'paragraph: 1\nquote: "Four score"\nbody: "bad {escape} char"\nsources:\n  - title: x\n    status: seen\n')
    found = [(d.code, d.location.line) for d in build_pages(Project.at(small_project.root)).diagnostics]
    assert found in ([("G100", 3)], [("G119", 3)])


# --- links out of content/ are never followed, and nothing read through one reaches any output --------

SECRET = "glossasecret7f3a"


def _outside_note(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "leak.yaml"  # a quote that is not in the text: its G130 message would repeat it
    path.write_text(f'paragraph: 1\nquote: "{SECRET}"\nbody: x\nsources:\n  - title: x\n')
    return path


def _outside_edition(folder: Path, fixture: Path) -> Path:
    shutil.copytree(fixture, folder)
    source = folder / "source.txt"  # a text the fixture's notes do not match: G130 hints would quote it
    source.write_text(source.read_text().replace("Four score and seven years ago", f"{SECRET} years ago"))
    return folder


LINKS = {  # what is replaced by a link -> how to make its target outside content/
    "source.txt": lambda out, ed: _outside_edition(out / "ed", ed) / "source.txt",
    "edition.yaml": lambda out, ed: _write(out / "edition.yaml", (ed / "edition.yaml").read_text()
                                           + f"{SECRET}: x\n"),
    "notes/leak.yaml": lambda out, ed: _outside_note(out / "notes"),
    "notes": lambda out, ed: _outside_note(out / "notes").parent,
    "../../glossary": lambda out, ed: _write(out / "glossary" / "leak.yaml", f"term: {SECRET}\nkind: term\n"
                                             "definition: x\nsources:\n  - title: x\n").parent,
    "../../site.yaml": lambda out, ed: _write(out / "site.yaml", f"title: x\n{SECRET}: x\n"),
    ".": lambda out, ed: _outside_edition(out / "ed", ed),
    "..": lambda out, ed: _outside_edition(out / "editions" / ed.name, ed).parent,
}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize("linked", LINKS, ids=lambda k: {".": "edition-folder", "..": "editions-folder"}.get(k, k))
def test_a_link_out_of_content_is_never_followed_and_its_secret_reaches_no_output(small_project, tmp_path,
                                                                                capsys, monkeypatch, linked):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # the workflow annotations are output too
    edition = next(p for p in (small_project.content / "editions").iterdir() if p.is_dir())
    fixture = tmp_path / "fixture-edition"
    shutil.copytree(edition, fixture)
    target = LINKS[linked](tmp_path / "outside", fixture)
    link = Path(os.path.normpath(edition / linked))
    if link.is_dir():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.symlink_to(target, target_is_directory=target.is_dir())

    assert small_project.build() == 1
    out = capsys.readouterr()
    assert SECRET not in out.out and SECRET not in out.err
    assert "G170" in out.err and f"content/{link.relative_to(small_project.content).as_posix()}" in out.err
    assert not small_project.site.exists(), "nothing is built"
    assert small_project.check() == 1
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err



def test_a_file_swapped_for_a_link_after_the_check_is_still_not_followed(tmp_path):
    """The reader checks each path with lstat before opening it; the open itself refuses a link too, so a link
    put in place between the check and the open (a race) reads nothing."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    note = tmp_path / "note.yaml"
    note.symlink_to(secret)
    text, problems = read_text_file(note, "content/editions/x/notes/note.yaml", 1_000_000)
    assert text is None
    assert [(str(p.code), p.location.path) for p in problems] == [("G170", "content/editions/x/notes/note.yaml")]
    assert SECRET not in problems[0].message

# --- invisible characters in annotations ----------------------------------------------------------------

@pytest.mark.parametrize("file, text, line", [
    ("editions/gettysburg/notes/rlo.yaml", 'paragraph: 1\nquote: "a new nation"\nbody: "safe \u202eexe.txt"\n'
     "sources:\n  - title: x\n", 3),
    ("editions/gettysburg/notes/rlo.yaml", 'paragraph: 1\nquote: "a new nation"\nbody: "safe \\u202eexe.txt"\n'
     "sources:\n  - title: x\n", 3),
    ("editions/gettysburg/notes/rlo.yaml", 'paragraph: 1\nquote: "a new nation"\nbody: x\nsources:\n'
     "  - title: \"A book \\u2067title\"\n", 5),
    ("editions/gettysburg/notes/rlo.yaml", '# a comment \u202e\nparagraph: 1\nquote: "a new nation"\nbody: x\n'
     "sources:\n  - title: x\n", 1),
    ("editions/gettysburg/notes/c1.yaml", 'paragraph: 1\nquote: "a new nation"\nbody: "CSI \\x9b31m"\n'
     "sources:\n  - title: x\n", 3),
    ("glossary/rlo.yaml", "term: Liberty\u200f\nkind: term\ndefinition: x\nsources:\n  - title: x\n", 1),
    ("editions/gettysburg/emendations/rlo.yaml", 'paragraph: 2\noriginal: "battle-field"\ncorrected: "battle\\u202efield"\n'
     "reason: x\n", 3),
    ("site.yaml", "title: Glossa \u2066fixtures\n", 1),
])
def test_bidi_and_control_characters_in_annotations_are_refused(small_project, file, text, line):
    small_project.write(file, text)
    found = [(d.code, d.location.path, d.location.line) for d in build_pages(Project.at(small_project.root)).diagnostics
             if d.code == "G183"]
    assert found == [("G183", f"content/{file}", line)]


def test_a_bidi_control_in_an_edition_title_is_refused(small_project):
    path = small_project.content / "editions/gettysburg/edition.yaml"
    path.write_text(path.read_text().replace("title: Address at Gettysburg", "title: Address at \u202eGettysburg"))
    [problem] = build_pages(Project.at(small_project.root)).diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("G183", 1, 19)
    assert "U+202E" in problem.message
