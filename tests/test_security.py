"""Untrusted content stays harmless: hostile annotations from a pull request never reach a page as markup."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from glossa.pipeline import Project, build_pages

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
        assert all(re.fullmatch(r'<script src="[./]*assets/glossa\.js" defer>', s) for s in scripts), scripts
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
                        '"../../../etc/passwd"\nformula: "x"\nclaim:\n  comparator: equals\n  value: "1"\n')
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
    assert [d.code for d in diagnostics] == ["G113"] and "20,000 characters" in diagnostics[0].message


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
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), "inline scripts are not allowed"
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
    decodes it and Glossa refuses the character (G113). Either way the file is refused at its line."""
    small_project.write("editions/gettysburg/notes/escaped.yaml",
                        f'paragraph: 1\nquote: "Four score"\nbody: "bad {escape} char"\nsources:\n  - title: x\n    status: seen\n')
    found = [(d.code, d.location.line) for d in build_pages(Project.at(small_project.root)).diagnostics]
    assert found in ([("G100", 3)], [("G113", 3)])
