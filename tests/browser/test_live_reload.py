"""Live reload in a real browser: `build.py serve` reloads an open page after a save, under the strict CSP,
and leaves it alone when the save breaks the build."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from serve_process import ServeProcess

pytestmark = pytest.mark.browser

NEW_WORDS = "Saved a moment ago and shown without pressing reload."


@pytest.fixture
def serving(python, small_project) -> Iterator[ServeProcess]:
    process = ServeProcess(python, small_project.root, "--port", "0").start()
    yield process
    process.stop()


def test_a_saved_note_shows_in_the_open_page(page: Page, serving, small_project):
    edition = next((small_project.content / "editions").iterdir())
    note = sorted((edition / "notes").glob("*.yaml"))[0]
    good = note.read_text(encoding="utf-8")
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))

    page.goto(f"{serving.url}/{edition.name}/")
    expect(page.locator("html")).to_have_attribute("data-glossa-live", "connected")  # no eval: the CSP forbids it
    expect(page.locator("body")).not_to_contain_text(NEW_WORDS)

    note.write_text("paragraph: [\n", encoding="utf-8")  # a broken save: the page must stay as it is
    serving.wait_for(r"^Build failed; still serving the previous site")

    with page.expect_event("load"):
        note.write_text(good.replace("body: |\n", f"body: |\n  {NEW_WORDS}\n", 1), encoding="utf-8")
    expect(page.locator("body")).to_contain_text(NEW_WORDS)
    assert len(loads) == 2  # the first visit and one reload: the failed build reloaded nothing
    expect(page.locator("html")).to_have_attribute("data-glossa-live", "connected")  # no eval: the CSP forbids it
    assert problems == []  # no CSP refusal of the script or of its event stream
