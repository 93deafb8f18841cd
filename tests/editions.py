"""The editions in the real project's content, so tests name none by hand: a renamed slug, or a second
edition, needs no edit here. The "first edition" is the first folder under content/editions/ by name."""
from __future__ import annotations

from pathlib import Path

from glossa import urls

ROOT = Path(__file__).resolve().parents[1]


def edition_slugs(content: Path = ROOT / "content") -> list[str]:
    slugs = sorted(p.name for p in (content / "editions").iterdir() if p.is_dir())
    assert slugs, f"no edition under {content / 'editions'}"
    return slugs


FIRST_EDITION = edition_slugs()[0]
READER_PAGE = urls.reader_page(FIRST_EDITION)           # its reader's file, relative to the site root
READER_URL = "/" + urls.page_url(urls.INDEX_PAGE, READER_PAGE)   # the URL a server answers for it: /SLUG/
DATA_FILE = urls.computations_data(FIRST_EDITION)       # its calculations as JSON
