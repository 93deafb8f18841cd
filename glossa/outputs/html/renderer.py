"""Stage 3, render: the resolved model and the templates into pages, one edition or the site-wide pages at a time.

Templates only lay out what resolve decided. Autoescaping is on everywhere and undefined values are
errors, so a template that asks for something missing fails the build instead of printing nothing.
Every link between pages is made here, relative to the page being rendered (urls.py): templates get
ready URLs (PageInfo) or pass a place to the `href` filter, and annotation Markdown to `markdown`.
"""
from __future__ import annotations

import functools
import json
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ... import urls
from ...codes import Code
from ...diagnostics import Diagnostic, SourceLocation, error
from ...citation import EditionCitation, edition_citation
from ...references import references
from ..formats import downloads
from .bundle import bundle
from .book import PartNav, part_navs, part_view
from .compiled import compiled_templates
from .citing import AboutCitation, paragraph_citations
from .compact import compact_html
from .head import Head, edition_abstract, edition_head, site_head
from .languages import mark_languages
from .minify import minify
from .paging import Paged, paged
from ...markdown import render as render_markdown
from ...model import Edition, EditionListing, GlossaryEntry, Page, Prose, SiteOverview
from ...records import Citation
from ..formats import downloads
from ..search.page import SCRIPT as SEARCH_SCRIPT, SearchPage, search_csp, search_headers
from .verdict_rows import VerdictRow, edition_listing

__all__ = ["CSP", "HEADERS", "Renderer", "computations_json"]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'")
# Sent as HTTP headers where the host reads site/_headers (README, "Security headers"). A meta tag cannot
# forbid framing, so frame-ancestors and X-Frame-Options exist only here.
HEADERS = (("Content-Security-Policy", CSP + "; frame-ancestors 'none'"), ("X-Frame-Options", "DENY"),
           ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))
# The text face's regular and bold, fetched with the stylesheet rather than after it: they then arrive before the
# first paint, so no line moves when they replace the stand-in (Lighthouse's layout shift). The italic is rarer.
PRELOADED_FONTS = ("fonts/source-serif-4-400.woff2", "fonts/source-serif-4-600.woff2")


@dataclass(frozen=True, kw_only=True)
class NavLink:
    label: str
    href: str
    current: bool


@dataclass(frozen=True, kw_only=True)
class PageInfo:
    """What base.html lays out for every page, with its URLs already relative to the page."""

    path: str                   # the page's own path under site/, which every relative URL starts from
    title: str
    description: str
    lang: str
    csp: str
    site_title: str
    home: str
    nav: tuple[NavLink, ...]
    body_class: str
    icon: str
    stylesheet: str
    scripts: tuple[str, ...]    # ES modules; only the reader loads any (main.js, its start-up modules bundled in)
    fonts: tuple[str, ...] = ()  # font files fetched at once (PRELOADED_FONTS)
    main_id: str
    head: Head = Head()         # canonical URL, Open Graph, citation_* tags, JSON-LD (head.py)


@dataclass(frozen=True, kw_only=True)
class Job:
    path: str
    template: str
    info: PageInfo
    context: Mapping[str, Any]


@dataclass(frozen=True, kw_only=True)
class Renderer:
    """The templates, compiled once per process, and the assets they link. Renders one edition's pages at a
    time, or the site-wide pages, so no stage ever holds the whole site's HTML."""

    env: jinja2.Environment
    assets: Mapping[str, Path]       # path under site/ -> file under templates/assets/

    @classmethod
    def load(cls, templates: Path, printed: frozenset[str] = frozenset(), compiled: Path | None = None) -> "Renderer":
        """`printed`: the editions whose PDF this build publishes (their pages link it). `compiled`: where the
        build cache keeps compiled templates."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                                 undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                 bytecode_cache=compiled_templates(compiled))   # compiled.py: once per source
        env.filters["href"] = _href
        env.filters["markdown"] = _markdown
        env.filters["languages"] = mark_languages  # Cyrillic runs in lang="ru"/"uk" spans (languages.py)
        env.globals["downloads"] = functools.partial(downloads, printed=printed)   # outputs/formats.py
        folder = templates / urls.ASSETS_FOLDER
        assets = {urls.asset(a.relative_to(folder).as_posix()): a for a in sorted(folder.rglob("*")) if a.is_file()}
        missing = [font for font in PRELOADED_FONTS if urls.asset(font) not in assets]
        if missing:  # a renamed subset would otherwise be preloaded from a 404 on every page
            raise FileNotFoundError(f"{folder}: the preloaded fonts {missing} are missing (scripts/subset_fonts.py)")
        return cls(env=env, assets=assets)

    def edition_pages(self, edition: Edition, site_title: str, base_url: str = ""
                      ) -> tuple[list[Page], list[Diagnostic]]:
        """An edition's own files: its reader, its about page and its calculations as data."""
        pages, problems = self.render(_edition_jobs(edition, site_title, base_url))
        pages.append(Page(urls.computations_data(edition.meta.slug), computations_json(edition)))
        return pages, problems

    def site_pages(self, site: SiteOverview) -> tuple[list[Page], list[Diagnostic]]:
        """The pages that belong to no edition (index, glossary, verdicts), the assets and the host's files."""
        pages, problems = self.render(site_jobs(site))
        return pages + self.static_files(), problems

    def static_files(self) -> list[Page]:
        """The assets and the files for the host, the same whatever the content. The reader's entry script is
        shipped with the modules it imports at start-up written into it (bundle.py), and those not on their own."""
        entry = urls.asset(urls.SCRIPT_ENTRY)
        start_up = bundle(urls.SCRIPT_ENTRY, lambda name: self.assets[urls.asset(name)].read_text(encoding="utf-8"))
        inlined = {urls.asset(name) for name in start_up.inlined}
        pages = [Page(path, minify(path, start_up.text.encode("utf-8") if path == entry else file.read_bytes()))
                 for path, file in self.assets.items() if path not in inlined]
        headers = "".join(f"  {name}: {value}\n" for name, value in HEADERS)
        pages.append(Page(urls.HEADERS_FILE, f"/*\n{headers}{search_headers(HEADERS[0][1])}".encode()))
        pages.append(Page(urls.NOJEKYLL_FILE, b""))
        return pages

    def render(self, jobs: list[Job]) -> tuple[list[Page], list[Diagnostic]]:
        pages: list[Page] = []
        problems: list[Diagnostic] = []
        for job in jobs:
            try:
                html = self.env.get_template(job.template).render(page=job.info, **job.context)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(error(Code.TEMPLATE_ERROR, f"Template error: {exc.message}",
                                      SourceLocation(f"templates/{exc.name or job.template}", exc.lineno or 1),
                                      "Fix the template syntax on this line."))
                continue
            except Exception as exc:  # a runtime template error: point at the template line, not Python
                problems.append(error(Code.TEMPLATE_ERROR, f"Template error while rendering {job.path}: {exc}",
                                      _template_location(exc, job.template), "Fix the template on this line, or "
                                      "supply the value it needs from the model."))
                continue
            pages.append(Page(job.path, compact_html(html).encode("utf-8")))
        return pages, problems


@dataclass(frozen=True, kw_only=True)
class SiteHeading:
    title: str
    description: str


def site_jobs(site: SiteOverview) -> list[Job]:
    """The pages that belong to no edition: the index (in pages of editions), the glossary's index, a page per
    glossary entry, and the verdicts of every edition (in pages of editions, as the index)."""
    per = urls.EDITIONS_PER_INDEX_PAGE
    jobs = []
    for (path, pages), verdicts in zip(paged(site.editions, per, urls.index_page),
                                       paged(site.editions, per, urls.site_verdicts_page)):
        number = pages.number
        jobs.append(Job(path=path, template="index.html",
                        context={"site": SiteHeading(title=site.title, description=site.description), "pages": pages,
                                 "glossary": urls.page_url(path, urls.GLOSSARY_PAGE),
                                 "verdicts": urls.page_url(path, verdicts[0])},
                        info=_info(site.title, path, site.title if number == 1 else f"{site.title} · page {number}",
                                   site.description, "index", "Editions",
                                   head=site_head(path, site.base_url, site.title, site.description, site.title))))
        jobs.append(site_verdicts_job(site, *verdicts))
    jobs.append(Job(path=urls.GLOSSARY_PAGE, template="glossary.html", context={"groups": site.glossary},
                    info=_info(site.title, urls.GLOSSARY_PAGE, f"Glossary · {site.title}", "Every person, "
                               "organisation, place and term explained, with sources.", "glossary", "Glossary")))
    jobs += [job for group in site.glossary for entry in group.entries for job in entry_jobs(site.title, entry)]
    jobs.append(search_job(site))
    return jobs


def entry_jobs(site_title: str, entry: GlossaryEntry) -> list[Job]:
    """An entry's page, and when it occurs in more places than a page lists, a further page per hundred places
    (only the first carries the definition into the search index, so a search finds the entry once)."""
    jobs = []
    for path, places in paged(entry.occurrences, urls.PLACES_PER_ENTRY_PAGE, lambda n: urls.entry_page(entry.id, n)):
        title = f"{entry.term} · Glossary · {site_title}" if places.number == 1 else \
            f"{entry.term}, places page {places.number} · Glossary · {site_title}"
        jobs.append(Job(path=path, template="glossary-entry.html", context={"entry": entry, "places": places},
                        info=_info(site_title, path, title,
                                   f"{entry.term}: explained, with sources and every place it occurs.",
                                   "glossary-entry", "Glossary")))
    return jobs


def search_job(site: SiteOverview) -> Job:
    """The search page: the only page whose policy allows WebAssembly (Pagefind's index runs in it)."""
    info = _info(site.title, urls.SEARCH_PAGE, f"Search · {site.title}", "Search every edition's text, notes and "
                 "calculations, and the glossary.", "search", "Search")
    return Job(path=urls.SEARCH_PAGE, template="search.html", context={"search": SearchPage.of(site)},
               info=replace(info, csp=search_csp(info.csp), scripts=(urls.page_url(urls.SEARCH_PAGE, SEARCH_SCRIPT),)))


def _reader_job(edition: Edition, site_title: str, path: str, title: str,
                part: PartNav | None, base_url: str = "", citation: EditionCitation | None = None) -> Job:
    page_url = urls.absolute(base_url, urls.Target(page=path)) if base_url else ""
    return Job(path=path, template="reader.html",
               context={"edition": edition, "glossary": urls.page_url(path, urls.GLOSSARY_PAGE),
                        "terms_id": urls.TERMS_SECTION_ID, "emendations_id": urls.EMENDATIONS_SECTION_ID,
                        "variants_id": urls.VARIANTS_SECTION_ID, "part": part,
                        "paragraph_citations": paragraph_citations(edition, citation, page_url)},
               info=_info(site_title, path, title, _plain(edition), "reader", "", edition,
                          head=edition_head(path, edition, site_title, base_url, title, _plain(edition))))


def _text_jobs(edition: Edition, site_title: str, base_url: str = "",
               citation: EditionCitation | None = None) -> list[Job]:
    """The reader of an edition of one text; or a book's contents page and the reader of each part."""
    meta = edition.meta
    reader = urls.reader_page(meta.slug)
    if not edition.parts:
        return [_reader_job(edition, site_title, reader, f"{meta.title} · {meta.author}", None, base_url,
                            citation)]
    contents = urls.contents_page(meta.slug)
    title = f"{meta.title} · {meta.author}"
    jobs = [Job(path=contents, template="contents.html", context={"edition": edition},
                info=_info(site_title, contents, title, _plain(edition), "contents", "", edition,
                           head=edition_head(contents, edition, site_title, base_url, title, _plain(edition))))]
    for nav in part_navs(edition):
        jobs.append(_reader_job(part_view(edition, nav.current), site_title, nav.current.page,
                                f"{nav.current.title} · {meta.title} · {meta.author}", nav, base_url, citation))
    return jobs


def _edition_jobs(edition: Edition, site_title: str, base_url: str = "") -> list[Job]:
    about = urls.about_page(edition.meta.slug)
    about_title = f"About this edition · {edition.meta.title}"
    about_description = (f"Source, editorial method, license and citation of the Glossa edition of "
                         f"{edition.meta.author}.")
    citation = edition_citation(edition.meta, site_title, base_url) if base_url else None
    return [*_text_jobs(edition, site_title, base_url, citation),
            Job(path=about, template="about.html",
                context={"edition": edition, "glossary": urls.page_url(about, urls.GLOSSARY_PAGE),
                         "paragraph_id_example": urls.paragraph_id("N"),
                         "citing": AboutCitation.of(edition, references(citation) if citation else ())},
                info=_info(site_title, about, about_title, about_description, "about", "About this edition", edition,
                           head=edition_head(about, edition, site_title, base_url, about_title, about_description))),
            edition_verdicts_job(site_title, edition)]


@dataclass(frozen=True, kw_only=True)
class VerdictGroup:
    edition: EditionListing
    rows: tuple[VerdictRow, ...]


def edition_verdicts_job(site_title: str, edition: Edition) -> Job:
    """An edition's page of verdicts: every claim, its figures and its verdict, linked into the text."""
    path = urls.verdicts_page(edition.meta.slug)
    listing = edition_listing(edition)
    return Job(path=path, template="verdicts.html",
               context={"heading": f"Verdicts: {edition.meta.title}", "pages": None,
                        "groups": (VerdictGroup(edition=listing, rows=listing.verdicts),)},
               info=_info(site_title, path, f"Verdicts · {edition.meta.title}", f"Every figure {edition.meta.author} "
                          "asserts in this text, recomputed, with its verdict.", "verdicts", "", edition))


def site_verdicts_job(site: SiteOverview, path: str, pages: Paged[EditionListing]) -> Job:
    """A page of the site's verdicts: the claims of the editions of one page of the index, edition by edition."""
    title = f"Verdicts · {site.title}" if pages.number == 1 else f"Verdicts · {site.title} · page {pages.number}"
    return Job(path=path, template="verdicts.html",
               context={"heading": "Verdicts on every edition", "pages": pages,
                        "groups": tuple(VerdictGroup(edition=e, rows=e.verdicts) for e in pages.items)},
               info=_info(site.title, path, title, "Every figure the authors assert, recomputed, with its verdict.",
                          "verdicts", ""))


def _info(site_title: str, path: str, title: str, description: str, body_class: str, current: str,
          edition: Edition | None = None, head: Head = Head()) -> PageInfo:
    def url(page: str) -> str:
        return urls.page_url(path, page)

    nav = [NavLink(label="Editions", href=url(urls.INDEX_PAGE), current=current == "Editions"),
           NavLink(label="Glossary", href=url(urls.GLOSSARY_PAGE), current=current == "Glossary"),
           NavLink(label="Search", href=url(urls.SEARCH_PAGE), current=current == "Search")]
    if edition is not None:  # an edition's own pages: its text and its about page
        slug = edition.meta.slug
        nav.insert(1, NavLink(label="Text", href=url(urls.reader_page(slug)), current=body_class == "reader"))
        nav.append(NavLink(label="About this edition", href=url(urls.about_page(slug)),
                           current=current == "About this edition"))
    lang = edition.meta.language if edition is not None else "en"
    reader = body_class == "reader"
    scripts = (url(urls.asset(urls.SCRIPT_ENTRY)),) if reader else ()
    return PageInfo(path=path, title=title, description=description, lang=lang, csp=CSP, site_title=site_title,
                    home=url(urls.INDEX_PAGE), nav=tuple(nav), body_class=body_class,
                    icon=url(urls.asset(urls.ICON)), stylesheet=url(urls.asset(urls.STYLESHEET)), scripts=scripts,
                    fonts=tuple(url(urls.asset(font)) for font in PRELOADED_FONTS),
                    main_id=urls.MAIN_CONTENT_ID, head=head)


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: urls.Target) -> str:
    """A place in the site as a URL relative to the page being rendered."""
    return urls.href(context["page"].path, target)


@jinja2.pass_context
def _markdown(context: jinja2.runtime.Context, prose: Prose) -> Markup:
    """Annotation Markdown as HTML for the page being rendered: its cross-references relative to that page."""
    here = context["page"].path
    return render_markdown(prose.markdown, {ref: urls.href(here, target) for ref, target in prose.targets})


def _plain(edition: Edition) -> str:
    return edition_abstract(edition)


def _template_location(exc: Exception, template: str) -> SourceLocation:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".html"):
            return SourceLocation("templates/" + Path(frame.filename).name, frame.lineno or 1)
    return SourceLocation(f"templates/{template}", 1)


def _source_data(source: Citation) -> dict[str, str]:
    """A citation as data: its fields that are set, an enum (its status) as its value."""
    return {k: (v.value if isinstance(v, Enum) else v) for k, v in vars(source).items() if v}


def computations_json(edition: Edition) -> bytes:
    """Every computation of an edition, with inputs, formula, result, claim and verdict, as data (also what the
    reader's script reads to recompute a calculation, so the page need not carry it). Context has
    kind "context", no claim and a verdict of null; an inherited failure names the calculation it inherits
    from; a calculation on variant readings lists its result on each witness."""
    items = []
    for c in edition.callouts:
        claim = c.spec["claim"]
        # The reader's script recomputes from this file (it is not embedded in the page): each input's precision
        # and the result's display come from the same spec the build judged with.
        precision = {i["name"]: {"decimals": i["decimals"], "percent": i["percent"]} for i in c.spec["inputs"]}
        items.append({
            "id": c.id, "anchor": c.html_id, "number": c.number, "title": c.title, "paragraph": c.paragraph, "quote": c.quote,
            **({"part": c.part} if edition.parts else {}),
            "kind": c.statement.value, "formula": c.formula, "formula_with_values": c.formula_numbers,
            "inputs": [{"name": i.name, "label": i.label, "value": i.value, "shown": i.shown, "from": i.origin.value,
                        "paragraph": i.paragraph, "quote": i.quote, "computation": i.computation,
                        **({"part": i.part or None} if edition.parts else {}),
                        "source": None if i.source is None else _source_data(i.source),
                        "adjustable": i.adjustable, **precision[i.name]} for i in c.inputs],
            "display": c.spec["display"],
            "result": c.result, "result_shown": c.result_shown,
            "claim": None if claim is None else
            claim | {"says": c.claim_quoted, "checked_as": c.claim_checked_as or c.claim_quoted},
            "verdict": c.verdict.value if c.verdict else None, "verdict_label": c.verdict_label,
            "judged_as": c.judged_as, "rationale": c.rationale,
            "inherited_from": c.inherited_from.id if c.inherited_from else None,
            "witnesses": [{"label": r.label, "condition": r.condition, "result": r.result, "shown": r.shown,
                           "verdict": r.verdict.value if r.verdict else None} for r in c.readings],
        })
    data = {"edition": edition.meta.slug, "title": edition.meta.title, "computations": items}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
