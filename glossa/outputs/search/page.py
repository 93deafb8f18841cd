"""What the search page lays out: the kinds of place a search can be narrowed to, the editions, and the URLs its
script needs, all computed here so the template and the script spell no path of their own."""
from __future__ import annotations

from dataclasses import dataclass

from ... import urls
from ...model import SiteOverview

# The one policy that differs from the site's: Pagefind's index is searched by WebAssembly, which a policy
# allows only with 'wasm-unsafe-eval'. No other page gets it (tests/test_search_index.py checks every page).
WASM = "'wasm-unsafe-eval'"
SCRIPT = urls.asset("search.js")


@dataclass(frozen=True, kw_only=True)
class SearchKind:
    name: str       # the value of the pages' data-pagefind-filter="kind:…"
    label: str      # one result's kind, as a result names it
    plural: str     # as the choice is offered


KINDS = (SearchKind(name="text", label="Text", plural="The texts"),
         SearchKind(name="note", label="Note", plural="Notes"),
         SearchKind(name="glossary", label="Glossary", plural="The glossary"),
         SearchKind(name="computation", label="Calculation", plural="Calculations"))


@dataclass(frozen=True, kw_only=True)
class SearchPage:
    bundle: str                   # Pagefind's folder, relative to the page, ending in '/'
    site_root: str                # the site's root, relative to the page (Pagefind's URLs start from it)
    glossary: str
    index: str
    kinds: tuple[SearchKind, ...]
    editions: tuple[str, ...]     # titles, as the reader pages give them to the edition filter

    @classmethod
    def of(cls, site: SiteOverview) -> "SearchPage":
        here = urls.SEARCH_PAGE
        return cls(bundle=urls.page_url(here, urls.SEARCH_FOLDER + "/index.html"), site_root=urls.page_url(here, urls.INDEX_PAGE),
                   glossary=urls.page_url(here, urls.GLOSSARY_PAGE), index=urls.page_url(here, urls.INDEX_PAGE),
                   kinds=KINDS, editions=tuple(sorted({e.meta.title for e in site.editions})))


def search_csp(csp: str) -> str:
    """The site's policy with WebAssembly allowed to scripts: for the search page alone."""
    return csp.replace("script-src 'self'", f"script-src 'self' {WASM}", 1)


def search_headers(header_csp: str) -> str:
    """Rules for site/_headers that give the search page and Pagefind's files (its worker runs the WebAssembly too)
    the relaxed policy: `!` first detaches the site-wide one, which would otherwise be sent as well (two policies
    are both enforced)."""
    relaxed = search_csp(header_csp)
    return "".join(f"{path}\n  ! Content-Security-Policy\n  Content-Security-Policy: {relaxed}\n"
                   for path in ("/" + urls.SEARCH_PAGE, "/" + urls.SEARCH_PAGE.removesuffix(".html"),
                                f"/{urls.SEARCH_FOLDER}/*"))
