"""The site's address scheme, in one place: where each page is written, the id of every linkable element,
and the relative URL from one page to a place on another.

Everything else asks this module: resolve for the targets of cross-references, render for the links
between pages, the templates for the ids they write (they never spell a pattern themselves), and the
browser script reads whatever it needs from data- attributes the templates write from these values.
Page paths are relative to the site root and use '/' on every system.
"""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

# --- pages and files under site/ ---------------------------------------------------------------------

INDEX_PAGE = "index.html"
GLOSSARY_PAGE = "glossary/index.html"   # every entry, defined; where each occurs is on its own page
EDITIONS_PER_INDEX_PAGE = 100            # the site index and its verdicts are paginated, so their pages stay small
PLACES_PER_ENTRY_PAGE = 100              # and so are a glossary entry's places (an edition's text, or a book's part)
VERDICTS_PAGE = "verdicts.html"   # every claim of every edition, with its verdict (first of its pages)
ASSETS_FOLDER = "assets"
HEADERS_FILE = "_headers"        # read by Netlify, Cloudflare Pages and similar hosts
NOJEKYLL_FILE = ".nojekyll"      # GitHub Pages: publish the folder as it is
SEARCH_PAGE = "search.html"      # full-text search (Pagefind): the one page that runs WebAssembly
SEARCH_FOLDER = "pagefind"       # Pagefind's index and its script, as its own files expect to be named
# Names the site itself takes at its root: an edition's slug must not be one of them.
SITEMAP_FILE = "sitemap.xml"
FEED_FILE = "feed.xml"           # Atom: the editions and each of their versions
ROBOTS_FILE = "robots.txt"
TOP_LEVEL_NAMES = ("index.html", "glossary", VERDICTS_PAGE, ASSETS_FOLDER, HEADERS_FILE, NOJEKYLL_FILE, SITEMAP_FILE,
                   FEED_FILE, ROBOTS_FILE, SEARCH_PAGE, SEARCH_FOLDER)
SCRIPT_ENTRY = "main.js"         # the browser script's entry module (it imports the others itself)
STYLESHEET = "glossa.css"
ICON = "favicon.svg"


def entry_page(entry: str, number: int = 1) -> str:
    """A glossary entry's own page: its definition and the places it occurs (a folder, so no entry id can
    collide with the glossary's index). Page `number` (from 1) of its places, when they take more than one."""
    return f"glossary/{entry}/index.html" if number == 1 else f"glossary/{entry}/{number}.html"


def index_page(number: int) -> str:
    """Page `number` (from 1) of the site's list of editions."""
    return INDEX_PAGE if number == 1 else f"index-{number}.html"


def site_verdicts_page(number: int) -> str:
    """Page `number` (from 1) of the verdicts of every edition, its editions those of the index's page `number`."""
    return VERDICTS_PAGE if number == 1 else f"verdicts-{number}.html"


def page_count(items: int, per_page: int) -> int:
    """How many pages a list of `items` takes at `per_page` a page: at least one, even for none."""
    return max(1, -(-items // per_page))


def reader_page(slug: str) -> str:
    return f"{slug}/index.html"


def contents_page(slug: str) -> str:
    """A book-length edition's first page: its title block and table of contents (where the reader of an
    edition of one text is)."""
    return reader_page(slug)


def part_page(slug: str, part: str) -> str:
    """One part (chapter) of a book-length edition: its own folder, so its paragraphs' anchors (#p-N) are
    stable whatever other parts are added or removed."""
    return f"{slug}/{part}/index.html"


def text_page(slug: str, part: str) -> str:
    """The page that shows the paragraphs of `part` ('' in an edition of one text: its reader)."""
    return part_page(slug, part) if part else reader_page(slug)


def about_page(slug: str) -> str:
    return f"{slug}/about.html"


def verdicts_page(slug: str) -> str:
    """An edition's claims and their verdicts, one row each, linked to their places in the text."""
    return f"{slug}/verdicts.html"


def computations_data(slug: str) -> str:
    return f"{slug}/computations.json"


def csl_json_file(slug: str) -> str:
    """The edition's citation as CSL-JSON (what Zotero, Pandoc and citeproc read)."""
    return f"{slug}/cite.json"


def bibtex_file(slug: str) -> str:
    return f"{slug}/cite.bib"


def ris_file(slug: str) -> str:
    return f"{slug}/cite.ris"


def annotations_file(slug: str) -> str:
    """Every note, glossary link and computation as W3C Web Annotations (JSON-LD)."""
    return f"{slug}/annotations.jsonld"


def transcription_file(slug: str, name: str) -> str:
    """A file of the transcription as received (`name`: "source.txt", or a part's "parts/01-….txt"), published
    where it is in the edition's folder, for the exported annotations, which count offsets in it. (An edition
    named "source" would have its plain text, SLUG/SLUG.txt, at the same path: edition_file_clashes refuses it.)"""
    return f"{slug}/{name}"


def plain_text_file(slug: str) -> str:
    """The base text as plain text, with its paragraph numbers."""
    return f"{slug}/{slug}.txt"


def epub_file(slug: str) -> str:
    """The edition as an EPUB 3 book."""
    return f"{slug}/{slug}.epub"


def pdf_file(slug: str) -> str:
    """The edition printed (`build.py pdf`): present only once it has been printed from these pages."""
    return f"{slug}/{slug}.pdf"


VERSIONS_FOLDER = "v"   # in an edition's folder: its released versions, each in a folder of its own


def version_folder(slug: str, version: str) -> str:
    """Where a released version's frozen files are published (`build.py release`): never rewritten, so a
    citation of that version keeps pointing at what it said."""
    return f"{slug}/{VERSIONS_FOLDER}/{version}"


def version_file(slug: str, version: str, name: str) -> str:
    """A frozen file of a released version, under the name it has beside the edition's current pages
    (annotations.jsonld, computations.json, cite.json, SLUG.txt)."""
    return f"{version_folder(slug, version)}/{name}"


def edition_file_clashes(slug: str) -> tuple[str, ...]:
    """The files in an edition's folder that one of its files named after the edition would overwrite (compared
    without case, as many file systems and hosts compare): for "source", source.txt, the transcription as
    received, and source.txt, the plain text. Checked whatever the edition's kind, so that a name stays valid
    when an edition of one text becomes a book or back."""
    def own(path: str) -> str:
        return path.removeprefix(f"{slug}/").casefold()

    fixed = {own(path): path for path in (
        reader_page(slug), about_page(slug), verdicts_page(slug), computations_data(slug), csl_json_file(slug),
        bibtex_file(slug), ris_file(slug), annotations_file(slug), transcription_file(slug, "source.txt"))}
    named = {own(path) for path in (plain_text_file(slug), epub_file(slug), pdf_file(slug))}
    return tuple(sorted(fixed[name] for name in named & fixed.keys()))


def asset(name: str) -> str:
    return f"{ASSETS_FOLDER}/{name}"


# --- ids of linkable elements (URL fragments) ----------------------------------------------------------

MAIN_CONTENT_ID = "main_content"
TERMS_SECTION_ID = "terms"
EMENDATIONS_SECTION_ID = "emendations"
VARIANTS_SECTION_ID = "variants"        # the apparatus of variant readings, with the witnesses


def paragraph_id(number: int | str) -> str:
    return f"p-{number}"


def paragraph_citation_id(number: int | str) -> str:
    """A paragraph's citation, printed with its permalink."""
    return f"cite-p-{number}"


def version_id(version: str) -> str:
    """A version's entry in the changelog on the about page, which citations of that version link to."""
    return f"v-{version}"


CITE_SECTION_ID = "cite"             # on the about page: how to cite, in each style and format
CHANGELOG_SECTION_ID = "versions"    # on the about page: every version and what it changed


def annotation_id(kind: str, ident: str, part: str = "", paragraph: int = 0, start: int = 0) -> str:
    """An exported annotation's fragment in annotations.jsonld: a note or computation by its id, a glossary
    link by its entry and where it is (an entry is linked once per paragraph at most, but say where anyway)."""
    if not paragraph:
        return f"{kind}-{ident}"
    return f"{kind}-{ident}-{part + '-' if part else ''}p{paragraph}-{start}"


def contents_item_id(part: str) -> str:
    """A part's entry in the table of contents."""
    return f"toc-{part}"


def note_id(note: str) -> str:
    return f"note-{note}"


def note_ref_id(note: str) -> str:
    """The note's mark in the text, which the note's back link returns to."""
    return f"ref-{note}"


def emendation_id(emendation: str) -> str:
    return f"em-{emendation}"


def emendation_ref_id(emendation: str) -> str:
    return f"emref-{emendation}"


def variant_id(variant: str) -> str:
    return f"var-{variant}"


def variant_ref_id(variant: str) -> str:
    """The variant's mark in the text."""
    return f"varref-{variant}"


def verdict_row_id(slug: str, computation: str) -> str:
    """A claim's row on a verdicts page (the site's page lists every edition's, so the slug is part of it)."""
    return f"{slug}_{computation}"


def callout_id(computation: str) -> str:
    return f"calc-{computation}"


def callout_title_id(computation: str) -> str:
    return f"calc-{computation}_title"


def callout_ref_id(computation: str) -> str:
    """The calculation's chip in the text."""
    return f"calcref-{computation}"


def entry_id(entry: str) -> str:
    """A glossary entry on the glossary page: its bare id, so /glossary/#thermidor reads well."""
    return entry


def entry_heading_id(entry: str) -> str:
    """The entry's heading, which labels it ('_' cannot occur in an id, so no entry can take this)."""
    return f"{entry}_term"


def term_definition_id(entry: str) -> str:
    """A glossary entry's definition in an edition's own list of terms (what the popover shows)."""
    return f"term-{entry}"


def glossary_kind_id(kind: str) -> str:
    return f"kind_{kind}"


# --- places and the links between them ------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Target:
    """A place in the site: a page (path from the site root) and, optionally, an element on it."""

    page: str
    fragment: str = ""


def href(here: str, target: Target) -> str:
    """The URL of `target` relative to the page `here`, so the site works from any folder or host path
    and no link can climb above the site root. A folder's index.html is linked as the folder."""
    fragment = "#" + quote(target.fragment, safe="-_.~") if target.fragment else ""
    if target.page == here and fragment:
        return fragment
    return page_url(here, target.page) + fragment


BASE_URL_PATTERN = re.compile(r"https?://[^\s?#]+")   # as schemas/site.schema.json's base_url


def site_address(text: str) -> str:
    """A site's public address as given on the command line, ending in '/'; ValueError when it is not one."""
    if len(text) > 500 or not BASE_URL_PATTERN.fullmatch(text):
        raise ValueError(f"'{text}' is not a site address: give an http:// or https:// URL without ? or #, "
                         "e.g. https://example.org/editions/")
    return text if text.endswith("/") else text + "/"


def absolute(base_url: str, target: Target) -> str:
    """The public URL of `target` on a site published at `base_url` (which ends in '/'). A folder's index.html
    is written as the folder, as relative links do."""
    if not base_url:
        raise ValueError("an absolute URL needs the site's base_url (site.yaml)")
    page = target.page
    folder, name = posixpath.split(page)
    path = "/".join(quote(part) for part in (folder.split("/") if folder else []))
    path = (path + "/" if path else "") + ("" if name == "index.html" else quote(name))
    fragment = "#" + quote(target.fragment, safe="-_.~") if target.fragment else ""
    return base_url + path + fragment


def page_url(here: str, page: str) -> str:
    """The URL of `page` written on the page `here` (both paths from the site root)."""
    return _relative(posixpath.dirname(here), page)


@functools.lru_cache(maxsize=4096)
def _relative(here_folder: str, page: str) -> str:
    # Pure string work on normalised paths (posixpath.relpath would consult the working directory): the
    # same few folder pairs recur on every page, so the answers are remembered.
    folder, name = posixpath.split(page)
    here_parts = here_folder.split("/") if here_folder else []
    page_parts = folder.split("/") if folder else []
    common = 0
    while common < min(len(here_parts), len(page_parts)) and here_parts[common] == page_parts[common]:
        common += 1
    parts = [".."] * (len(here_parts) - common) + [quote(part) for part in page_parts[common:]]
    if name != "index.html":
        parts.append(quote(name))
        return "/".join(parts)
    return "/".join(parts) + "/" if parts else "./"
