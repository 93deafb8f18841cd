"""Lay out an edition's EPUB: its documents from the templates beside this file, its package document and
navigation, zipped deterministically (archive.py). The book's modified date comes from the edition's content."""
from __future__ import annotations

import re
import uuid
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ...markdown import render as render_markdown
from ...model import Edition, Prose
from .archive import epub_zip
from ..html.compiled import compiled_templates
from .places import COMPUTATIONS, GLOSSARY, LICENCE, NAV, STYLESHEET, TITLE, Places, entry_anchor

TEMPLATES = Path(__file__).with_name("templates")
PACKAGE = "EPUB/package.opf"
_UNLINKED = "glossa-unlinked:"          # a cross-reference the book cannot hold: its link is removed
_UNLINKED_LINK = re.compile(r'<a href="' + re.escape(_UNLINKED) + r'"[^>]*>(.*?)</a>', re.DOTALL)


def epub_book(edition: Edition, compiled: Path | None = None) -> bytes:
    """The EPUB's bytes: the same edition always gives the same bytes."""
    env = _environment(compiled)
    places = Places.of(edition)
    context = {"edition": edition, "places": places, "entry_anchor": entry_anchor, "files": {
        "title": TITLE, "glossary": GLOSSARY, "computations": COMPUTATIONS, "licence": LICENCE, "nav": NAV,
        "css": STYLESHEET}}

    def render(template: str, **more: object) -> bytes:
        return env.get_template(template).render(**context, **more).encode("utf-8")

    documents = [(TITLE, render("title.xhtml"))]
    for text in places.texts:
        paragraphs = [p for p in edition.paragraphs if p.part == text.part]
        emendations = [e for e in edition.emendations if e.part == text.part]
        documents.append((text.name, render("text.xhtml", text=text, paragraphs=paragraphs, emendations=emendations)))
    if edition.terms:
        documents.append((GLOSSARY, render("glossary.xhtml")))
    if edition.callouts:
        documents.append((COMPUTATIONS, render("computations.xhtml")))
    documents.append((LICENCE, render("licence.xhtml")))
    names = [name for name, _ in documents]
    files = [("META-INF/container.xml", render("container.xml", package=PACKAGE)),
             (PACKAGE, render("package.opf", documents=names, identifier=identifier(edition),
                              modified=modified(edition))),
             ("EPUB/" + NAV, render("nav.xhtml", documents=names)),
             ("EPUB/" + STYLESHEET, (TEMPLATES / STYLESHEET).read_bytes()),
             *[("EPUB/" + name, data) for name, data in documents]]
    return epub_zip(files)


def identifier(edition: Edition) -> str:
    """A stable identifier per edition and version: a name-based UUID, so no clock or randomness is involved."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"glossa:{edition.meta.slug}:{edition.meta.version}"))


def modified(edition: Edition) -> str:
    """EPUB requires a last-modified date-time; the content's own date is the edition's publication date, made
    whole at its first day (a partial date '1936-02' -> 1936-02-01)."""
    parts = (edition.meta.published.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


@lru_cache(maxsize=4)
def _environment(compiled: Path | None) -> jinja2.Environment:
    # The same setting as the site's templates: autoescape, and a missing value fails the build. `compiled`:
    # where the build cache keeps compiled templates (outputs/html/compiled.py).
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             bytecode_cache=compiled_templates(compiled))
    env.filters["markdown"] = _markdown
    return env


@jinja2.pass_context
def _markdown(context: jinja2.runtime.Context, prose: Prose) -> Markup:
    """Annotation Markdown as XHTML inside the book: cross-references to places the book holds become links to
    them, the others plain text (markdown-it's CommonMark preset already writes XHTML: `<br />`)."""
    places: Places = context["places"]
    hrefs = {ref: places.href(target) or _UNLINKED for ref, target in prose.targets}
    return Markup(_UNLINKED_LINK.sub(r"\1", str(render_markdown(prose.markdown, hrefs))))
