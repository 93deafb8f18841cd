"""Stage 3, render: the resolved Site and the templates into pages held in memory.

Templates only lay out what resolve decided. Autoescaping is on everywhere and undefined values are
errors, so a template that asks for something missing fails the build instead of printing nothing.
"""
from __future__ import annotations

import json
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .codes import Code
from .diagnostics import Diagnostic, SourceLocation, error
from .model import Edition, Site

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class Page:
    """One output file: its path under site/ and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class PageInfo:
    title: str
    description: str
    lang: str
    root: str
    csp: str
    site_title: str
    nav: tuple[NavLink, ...]
    body_class: str
    scripts: tuple[str, ...]   # only the reader needs JavaScript; other pages load none


def render_site(site: Site, templates: Path) -> tuple[list[Page], list[Diagnostic]]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    pages: list[Page] = []
    problems: list[Diagnostic] = []
    jobs = [("index.html", "index.html", _info(site, site.title, site.description, "", "index", "Editions"),
             {"site": site})]
    jobs.append(("glossary/index.html", "glossary.html",
                 _info(site, f"Glossary · {site.title}", "Every person, organisation, place and term explained, "
                       "with sources.", "../", "glossary", "Glossary"), {"site": site}))
    for edition in site.editions:
        slug = edition.meta.slug
        jobs.append((f"{slug}/index.html", "reader.html",
                     _info(site, f"{edition.meta.title} · {edition.meta.author}", _plain(edition), "../", "reader",
                           "", edition), {"edition": edition, "glossary_href": "../glossary/"}))
        jobs.append((f"{slug}/about.html", "about.html",
                     _info(site, f"About this edition · {edition.meta.title}", f"Source, editorial method, license "
                           f"and citation of the Glossa edition of {edition.meta.author}.", "../", "about",
                           "About this edition", edition), {"edition": edition}))
    for path, template, info, context in jobs:
        try:
            html = env.get_template(template).render(page=info, **context)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(error(Code.TEMPLATE_ERROR, f"Template error: {exc.message}",
                                  SourceLocation(f"templates/{exc.name or template}", exc.lineno or 1),
                                  "Fix the template syntax on this line."))
            continue
        except Exception as exc:  # a runtime template error: point at the template line, not Python
            problems.append(error(Code.TEMPLATE_ERROR, f"Template error while rendering {path}: {exc}",
                                  _template_location(exc, template), "Fix the template on this line, or supply the "
                                  "value it needs from the model."))
            continue
        pages.append(Page(path, html.encode("utf-8")))
    for edition in site.editions:
        pages.append(Page(f"{edition.meta.slug}/computations.json", computations_json(edition)))
    for asset in sorted((templates / "assets").iterdir()):
        if asset.is_file():
            pages.append(Page(f"assets/{asset.name}", asset.read_bytes()))
    pages.append(Page("_headers", f"/*\n  Content-Security-Policy: {CSP}\n  Referrer-Policy: no-referrer\n"
                                  f"  X-Content-Type-Options: nosniff\n".encode()))
    pages.append(Page(".nojekyll", b""))
    return pages, problems


def _info(site: Site, title: str, description: str, root: str, body_class: str, current: str,
          edition: Edition | None = None) -> PageInfo:
    nav = [NavLink("Editions", f"{root}index.html", current == "Editions"),
           NavLink("Glossary", f"{root}glossary/", current == "Glossary")]
    if edition is not None:  # edition pages live in the edition's folder, beside each other
        nav.insert(1, NavLink("Text", "./", body_class == "reader"))
        nav.append(NavLink("About this edition", "about.html", current == "About this edition"))
    lang = edition.meta.language if edition is not None else "en"
    scripts = ("glossa.js",) if body_class == "reader" else ()
    return PageInfo(title, description, lang, root, CSP, site.title, tuple(nav), body_class, scripts)


def _plain(edition: Edition) -> str:
    return f"An annotated edition of {edition.meta.author}’s article of {edition.meta.year_written}, with notes, " \
           f"a glossary and every calculation checked."


def _template_location(exc: Exception, template: str) -> SourceLocation:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".html"):
            return SourceLocation("templates/" + Path(frame.filename).name, frame.lineno or 1)
    return SourceLocation(f"templates/{template}", 1)


def computations_json(edition: Edition) -> bytes:
    """Every computation of an edition, with inputs, formula, result, claim and verdict, as data."""
    items = []
    for c in edition.callouts:
        items.append({
            "id": c.id, "number": c.number, "title": c.title, "paragraph": c.paragraph, "quote": c.quote,
            "formula": c.formula, "formula_with_values": c.formula_numbers,
            "inputs": [{"name": i.name, "label": i.label, "value": i.value, "shown": i.shown, "from": i.origin.value,
                        "paragraph": i.paragraph, "quote": i.quote, "computation": i.computation,
                        "source": None if i.source is None else {k: v for k, v in vars(i.source).items() if v},
                        "adjustable": i.adjustable} for i in c.inputs],
            "result": c.result, "result_shown": c.result_shown,
            "claim": c.spec["claim"] | {"says": c.claim_quoted, "checked_as": c.claim_checked_as or c.claim_quoted},
            "verdict": c.verdict.value, "verdict_label": c.verdict_label,
        })
    data = {"edition": edition.meta.slug, "title": edition.meta.title, "computations": items}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
