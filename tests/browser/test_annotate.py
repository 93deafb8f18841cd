"""Annotate from the page, in a real browser against `build.py serve`: select words, copy the YAML, save a note.

The selection is made with the DOM's own Range (the words are found in the page, not by pixel), then released
with a real mouse-up, as a person's drag ends."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from glossa import urls
from glossa.read.transcription import parse_transcription
from serve_process import ServeProcess

pytestmark = pytest.mark.browser

if TYPE_CHECKING:  # the name only: `conftest` is ambiguous at run time (tests/ and tests/browser have one)
    from conftest import Scratch

SELECT = """([paragraphId, first, last, nth]) => {
  // Select from the start of the nth occurrence of `first` to the end of the `last` that follows it, in the
  // paragraph's visible text nodes (editorial marks included, as a mouse drag would include them).
  const p = document.getElementById(paragraphId);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push([node, text.length]); text += node.data; }
  let start = -1;
  for (let i = 0; i < nth; i += 1) start = text.indexOf(first, start + 1);
  const end = text.indexOf(last, start) + last.length;
  const at = (offset) => {
    const [node, from] = nodes.filter(([, from]) => from <= offset).pop();
    return [node, offset - from];
  };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const box = range.getBoundingClientRect();
  return [box.right - 1, box.bottom - 2];
}"""


@pytest.fixture
def serving(python: str, small_project: Scratch) -> Iterator[ServeProcess]:
    process = ServeProcess(python, small_project.root, "--port", "0").start()
    yield process
    process.stop()


def edition(small_project: Scratch) -> Path:
    [folder] = [p for p in (small_project.content / "editions").iterdir() if p.is_dir()]
    return folder


def paragraph_text(folder: Path, number: int) -> str:
    transcription, _ = parse_transcription((folder / "source.txt").read_text(encoding="utf-8"), "source.txt")
    assert transcription is not None
    return transcription.paragraphs[number - 1].text


def select(page: Page, number: int, first: str, last: str, nth: int = 1) -> None:
    x, y = page.evaluate(SELECT, [urls.paragraph_id(number), first, last, nth])
    page.mouse.move(x, y)
    page.mouse.up()


def copy(page: Page, label: str) -> str:
    page.get_by_role("button", name=label).click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.fixture
def reader(page: Page, serving: ServeProcess, small_project: Scratch) -> Iterator[Page]:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=serving.url)
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{serving.url}/{edition(small_project).name}/")
    expect(page.locator("html")).to_have_attribute("data-glossa-live", "connected")  # no eval: the CSP forbids it
    yield page
    assert problems == []  # nothing refused by the page's Content-Security-Policy


def test_copy_as_note_gives_the_words_of_the_source_without_the_marks_between_them(reader: Page,
                                                                                  small_project: Scratch) -> None:
    folder = edition(small_project)
    text = paragraph_text(folder, 1)
    # Paragraph 1 carries a note mark and a calculation chip after "ago": the selection crosses both.
    quote = text[text.index("seven"):text.index("fathers") + len("fathers")]
    select(reader, 1, "seven", "fathers")
    snippet = copy(reader, "Copy as note")
    assert "paragraph: 1\n" in snippet and f'quote: "{quote}"\n' in snippet
    assert "\noccurrence:" not in snippet


def test_an_emended_reading_is_copied_as_the_transcription_has_it_with_its_occurrence(reader: Page,
                                                                                     small_project: Scratch) -> None:
    text = paragraph_text(edition(small_project), 2)
    assert text.count("that nation") == 2
    select(reader, 2, "that nation", "nation", nth=2)
    snippet = copy(reader, "Copy as note")
    assert 'quote: "that nation"\n' in snippet and "\noccurrence: 2\n" in snippet
    select(reader, 2, "great battle", "of that war")  # the page shows "battlefield"; the source "battle-field"
    snippet = copy(reader, "Copy as computation input")
    start = text.index("great battle")
    assert f'    quote: "{text[start:text.index("of that war") + len("of that war")]}"\n' in snippet
    assert "battle-field" in snippet


def test_copy_as_glossary_entry(reader: Page) -> None:
    select(reader, 2, "civil war", "civil war")
    assert 'term: "civil war"\n' in copy(reader, "Copy as glossary entry")


def test_save_as_new_note_writes_the_file_and_the_reload_shows_it(reader: Page, small_project: Scratch) -> None:
    folder = edition(small_project)
    select(reader, 2, "final resting place", "final resting place")
    reader.get_by_role("textbox", name="Id of the new note").fill("resting-place")
    with reader.expect_event("load"):
        reader.get_by_role("button", name="Save as new note").click()
    path = folder / "notes" / "resting-place.yaml"
    assert 'quote: "final resting place"\n' in path.read_text(encoding="utf-8")
    expect(reader.locator(f"#{urls.note_id('resting-place')}")).to_contain_text("Draft:")
    for built in small_project.site.rglob("*"):  # the page had the script; the site never does
        assert not built.is_file() or b"__glossa" not in built.read_bytes(), built
