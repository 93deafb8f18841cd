"""The cite output: an edition's citation as CSL-JSON, BibTeX and RIS files (formats.py lists them)."""
from __future__ import annotations

from ...citation import edition_citation
from ...model import Edition, Page
from ... import urls
from ..formats import SiteSettings
from .bibtex import bibtex
from .csljson import csl_json
from .ris import ris


def edition_files(edition: Edition, settings: SiteSettings) -> list[Page]:
    if not settings.base_url:  # G173 has stopped the build: nothing is written
        return []
    citation = edition_citation(edition.meta, settings.site_title, settings.base_url)
    slug = edition.meta.slug
    return [Page(urls.csl_json_file(slug), csl_json(citation)), Page(urls.bibtex_file(slug), bibtex(citation)),
            Page(urls.ris_file(slug), ris(citation))]
