"""`build.py pdf`: the reader printed by Chromium into SLUG/SLUG.pdf, opened with pypdf: the title on page 1, dates
from the content, no temporary path, the same bytes from two printings; the link to it appears only once it exists,
and a stale PDF (the edition changed since) is neither published nor linked."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from glossa import urls

from editions import FIRST_EDITION, ROOT

pytestmark = pytest.mark.browser


def _links_to_pdf(site: Path) -> list[str]:
    """The edition's reader, about page and the index, those of them that link its PDF."""
    pages = [urls.reader_page(FIRST_EDITION), urls.about_page(FIRST_EDITION), urls.INDEX_PAGE]
    return [page for page in pages
            if f'href="{urls.page_url(page, urls.pdf_file(FIRST_EDITION))}"' in (site / page).read_text(encoding="utf-8")]


def _print(root: Path, *args: str) -> None:
    """`build.py pdf` as a user runs it (its own process: Playwright's sync API cannot run inside the event loop
    the browser tests' fixtures keep)."""
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "pdf", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Printed 1 edition(s) to PDF" in done.stdout


def test_printing_publishes_a_pdf_with_its_title_and_links_it(real_project, tmp_path: Path) -> None:
    assert real_project.build() == 0
    pdf = real_project.site / urls.pdf_file(FIRST_EDITION)
    assert not pdf.exists() and _links_to_pdf(real_project.site) == []   # not printed: no file, no link
    _print(real_project.root, "--site", str(real_project.site))
    assert _links_to_pdf(real_project.site) == [urls.reader_page(FIRST_EDITION), urls.about_page(FIRST_EDITION),
                                                urls.INDEX_PAGE]
    data = pdf.read_bytes()
    document = PdfReader(io.BytesIO(data))
    reader = (real_project.site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8")
    title = reader.split("<h1>", 1)[1].split("</h1>", 1)[0]
    first = " ".join(document.pages[0].extract_text().split())
    assert " ".join(title.split()[:5]) in first
    assert len(document.pages) > 1
    assert document.metadata is not None and document.metadata["/CreationDate"] == document.metadata["/ModDate"]
    assert document.metadata["/CreationDate"].startswith("D:1936")    # the edition's date, not today's
    assert b"glossa-pdf-" not in data and str(tmp_path).encode() not in data

    # Printed again from scratch (another cache), the same bytes.
    again = tmp_path / "again"
    _print(real_project.root, "--site", str(again), "--cache", str(tmp_path / "cache-2"))
    assert (again / urls.pdf_file(FIRST_EDITION)).read_bytes() == data

    # Once the edition changes, the PDF printed from its old pages is neither published nor linked.
    note = next((real_project.content / "editions" / FIRST_EDITION / "notes").glob("*.yaml"))
    note.write_text(note.read_text(encoding="utf-8").rstrip("\n") + "\n# edited\n", encoding="utf-8")
    assert real_project.build() == 0
    assert not pdf.exists() and _links_to_pdf(real_project.site) == []
