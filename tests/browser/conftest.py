"""Browser-test helpers: which Chromium, the site's pages, a watcher for console errors and stray requests,
the screenshot folder.

pytest-playwright launches one browser per test process (its `browser` fixture is session-scoped; with
pytest-xdist, one per worker) and gives each test a fresh context and page, which cost milliseconds.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response

from needs import NODE_TOOLS, missing
from siteinfo import READER

from glossa.chromium import FLAGS, find_chromium   # the one place the browser is looked for


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system's Chromium: Playwright cannot download its own browser here."""
    found = find_chromium()
    if found.path is None:
        missing(found.problem, "the browser tests")
    return {**browser_type_launch_args, "executable_path": str(found.path), "args": list(FLAGS)}


class Watch:
    """Everything a page did that it should not: console errors, uncaught exceptions, failed or foreign requests."""

    def __init__(self, page: Page, site_url: str) -> None:
        self.host = urlsplit(site_url).netloc
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.problems.append(f"failed: {req.url} {req.failure}"))
        page.on("response", self._response)
        page.on("request", self._request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.host:
            self.problems.append(f"request to another host: {request.url}")


@pytest.fixture
def watch(page: Page, site_url: str) -> Watch:
    return Watch(page, site_url)


@pytest.fixture(scope="session")
def reader_url(site_url: str) -> str:
    return site_url + READER


@pytest.fixture(scope="session")
def screenshots(project_root: Path) -> Path:
    folder = project_root / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def axe_script(project_root: Path) -> Path:
    path = project_root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        missing(f"{path.relative_to(project_root)} is missing ({NODE_TOOLS})", "the axe accessibility checks")
    return path
