"""Browser-test helpers: the site's pages, a watcher for console errors and stray requests, screenshot folder."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from siteinfo import READER


class Watch:
    """Everything a page did that it should not: console errors, uncaught exceptions, failed or foreign requests."""

    def __init__(self, page, site_url: str):
        self.host = urlsplit(site_url).netloc
        self.problems: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.problems.append(f"failed: {req.url} {req.failure}"))
        page.on("response", lambda res: res.status >= 400 and self.problems.append(f"HTTP {res.status}: {res.url}"))
        page.on("request", self._request)

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.host:
            self.problems.append(f"request to another host: {request.url}")


@pytest.fixture
def watch(page, site_url) -> Watch:
    return Watch(page, site_url)


@pytest.fixture(scope="session")
def reader_url(site_url) -> str:
    return site_url + READER


@pytest.fixture(scope="session")
def screenshots(project_root) -> Path:
    folder = project_root / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def axe_script(project_root) -> Path:
    path = project_root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci` (make test does).")
    return path
