"""Internal links of the built site: every relative href/src reaches a file, every #fragment an id there."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str]] = []  # (line, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append((self.getpos()[0], name, value))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def resolve(site: Path, page: Path, url: str) -> Path | None:
    """The file that a relative URL on `page` names, as a static server would serve it, or None."""
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = page.parent / path if path else page
    target = Path(*_normalise(target.parts))
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or site.resolve() not in target.resolve().parents:
        return None
    return target


def _normalise(parts):
    out = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part != ".":
            out.append(part)
    return out


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many internal links the site's pages make, and those that reach no file or no id (a link that
    climbs above the site root reaches no file of the site)."""
    pages = sorted(site.rglob("*.html"))
    assert pages
    parsed = {p.resolve(): parse(p) for p in pages}
    problems, checked = [], 0
    for page_path in pages:
        for line, attr, url in parsed[page_path.resolve()].links:
            scheme = urlsplit(url).scheme
            if scheme in ("http", "https", "mailto", "data"):
                continue  # external: not fetched
            where = f"{page_path.relative_to(site)}:{line} {attr}={url!r}"
            assert not scheme, f"{where}: unexpected URL scheme"
            checked += 1
            target = resolve(site, page_path, url)
            if target is None:
                problems.append(f"{where}: no such file")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed[target.resolve()].ids:
                problems.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    return checked, problems


def test_internal_links_resolve(built_site):
    checked, problems = broken_links(built_site)
    assert checked > 50, f"only {checked} internal links found: is the checker reading the pages?"
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)


CROSS_REFERENCES = ("[Liberty](glossary:liberty), [the note](note:four-score), [its calculation]"
                    "(computation:four-score-and-seven), [paragraph 2](paragraph:2) and [the text](edition:gettysburg)")


def test_cross_references_are_relative_to_the_page_that_shows_them(small_project):
    """An edition's summary is shown on the index (the site root) and a glossary definition on the glossary
    page and in each reader's list of terms: every cross-reference must work from each of them, and none
    may climb above the site root."""
    edition = small_project.content / "editions" / "gettysburg" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8") + f'summary: "See {CROSS_REFERENCES}."\n', encoding="utf-8")
    entry = small_project.content / "glossary" / "civil-war.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "definition: The American Civil War, between the Union and the Confederacy.",
        'definition: "The war [Lincoln speaks of](edition:gettysburg); see [Liberty](glossary:liberty)."'),
        encoding="utf-8")
    assert "edition:gettysburg" in entry.read_text(encoding="utf-8")
    assert small_project.build() == 0
    site = small_project.site
    index = (site / "index.html").read_text(encoding="utf-8")
    for href in ("glossary/liberty/", "gettysburg/#note-four-score", "gettysburg/#calc-four-score-and-seven",
                 "gettysburg/#p-2", "gettysburg/"):
        assert f'<a href="{href}">' in index, href
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../gettysburg/">Lincoln speaks of</a>' in glossary and '<a href="liberty/">Liberty</a>' in glossary
    entry = (site / "glossary" / "civil-war" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../gettysburg/">Lincoln speaks of</a>' in entry and '<a href="../liberty/">Liberty</a>' in entry
    reader = (site / "gettysburg" / "index.html").read_text(encoding="utf-8")
    assert '<a href="./">Lincoln speaks of</a>' in reader and '<a href="../glossary/liberty/">Liberty</a>' in reader
    checked, problems = broken_links(site)
    assert checked > 10 and not problems, problems
    assert not any('href="../' in p.read_text(encoding="utf-8") for p in site.glob("*.html")), \
        "a page at the site root links above it"


def test_checker_catches_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="x"><a href="a/">a</a> <a href="#x">x</a> <a href="https://example.org/">e</a></p>')
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#y">y</a> <img src="missing.png" alt="">')
    found = {(p.relative_to(tmp_path).as_posix(), url): resolve(tmp_path, p, url)
             for p in tmp_path.rglob("*.html") for _, _, url in parse(p).links}
    assert found[("index.html", "a/")] == tmp_path / "a" / "index.html"
    assert found[("index.html", "#x")] == tmp_path / "index.html"
    assert found[("a/index.html", "missing.png")] is None
    assert found[("a/index.html", "../index.html#y")] == tmp_path / "index.html"
    assert "y" not in parse(tmp_path / "index.html").ids
