"""The one list of the files a reader can download for an edition, beside its pages: name, label, where it is
(a path function of urls.py) and its media type. The reader's title block, the about page and the site index
link every entry (templates/_formats.html), and each output module writes the files its entries name.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .. import urls


class SiteSettings(Protocol):
    """What an output needs to know of the site besides the edition (build.editionbuild.SharedInputs is one)."""

    @property
    def site_title(self) -> str: ...

    @property
    def base_url(self) -> str: ...   # ends in '/'; '' only when site.yaml lacks it (G173, and no build)


@dataclass(frozen=True, kw_only=True)
class Format:
    name: str                          # short and stable: the key tests and scripts use
    label: str                         # as the link says it
    path: Callable[[str], str]         # slug -> path under site/ (a function of urls.py)
    media_type: str
    printed: bool = False              # exists only once `build.py pdf` has printed it (outputs/pdf/)


@dataclass(frozen=True, kw_only=True)
class Download:
    """A format of one edition, as a template links it."""

    name: str
    label: str
    target: urls.Target
    media_type: str


FORMATS: tuple[Format, ...] = (
    Format(name="text", label="Plain text", path=urls.plain_text_file, media_type="text/plain; charset=utf-8"),
    Format(name="annotations", label="Annotations (W3C Web Annotation, JSON-LD)", path=urls.annotations_file,
           media_type="application/ld+json"),
    Format(name="computations", label="Calculations (JSON)", path=urls.computations_data,
           media_type="application/json"),
    Format(name="csl-json", label="Citation (CSL-JSON)", path=urls.csl_json_file,
           media_type="application/vnd.citationstyles.csl+json"),
    Format(name="bibtex", label="Citation (BibTeX)", path=urls.bibtex_file, media_type="application/x-bibtex"),
    Format(name="ris", label="Citation (RIS)", path=urls.ris_file, media_type="application/x-research-info-systems"),
    Format(name="epub", label="EPUB", path=urls.epub_file, media_type="application/epub+zip"),
    Format(name="pdf", label="PDF", path=urls.pdf_file, media_type="application/pdf", printed=True),
)


def downloads(slug: str, printed: frozenset[str] = frozenset()) -> tuple[Download, ...]:
    """Every format of the edition `slug`, in the order the links are shown; a printed one only when `printed`
    (the slugs whose PDF is published with this build) names the edition, so no link leads nowhere."""
    return tuple(Download(name=f.name, label=f.label, target=urls.Target(page=f.path(slug)), media_type=f.media_type)
                 for f in FORMATS if not f.printed or slug in printed)


def format_named(name: str) -> Format:
    return next(f for f in FORMATS if f.name == name)
