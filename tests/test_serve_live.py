"""`build.py serve` as a real process: a free port on request, rebuilds on save, survives a broken save."""
from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from serve_process import ServeProcess
from glossa.serve.reload import EVENTS_PATH


@pytest.fixture
def serving(python, small_project) -> Iterator[ServeProcess]:
    process = ServeProcess(python, small_project.root, "--port", "0").start()
    yield process
    process.stop()


def edition_slug(project_content: Path) -> str:
    return next((project_content / "editions").iterdir()).name


def a_note(content: Path) -> Path:
    return sorted((content / "editions" / edition_slug(content) / "notes").glob("*.yaml"))[0]


def connect(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def fetch(url: str, path: str) -> str:
    conn = connect(url)
    conn.request("GET", path)
    response = conn.getresponse()
    assert response.status == 200
    return response.read().decode()


def events(url: str) -> http.client.HTTPResponse:
    conn = connect(url)
    conn.request("GET", EVENTS_PATH)
    return conn.getresponse()


def next_build(stream: http.client.HTTPResponse) -> str:
    while line := stream.fp.readline().decode():
        if line.startswith("data: "):
            return line.removeprefix("data: ").strip()
    raise AssertionError("the event stream ended")


def test_a_save_rebuilds_and_a_broken_save_does_not_end_serving(serving, small_project):
    slug = edition_slug(small_project.content)
    stream = events(serving.url)
    assert next_build(stream) == "1"
    note = a_note(small_project.content)
    good = note.read_text(encoding="utf-8")

    note.write_text(good.replace("body: |\n", "body: |\n  Freshly saved words.\n", 1), encoding="utf-8")
    serving.wait_for(r"^Rebuilt \d+ edition\(s\), \d+ file\(s\) changed; open pages reload\.$")
    assert next_build(stream) == "2"
    assert "Freshly saved words." in fetch(serving.url, f"/{slug}/")

    note.write_text("paragraph: [\n", encoding="utf-8")  # a save in the middle of typing: bad YAML
    serving.wait_for(rf"{note.name}:\d+:\d+: error G\d+")
    serving.wait_for(r"^Build failed; still serving the previous site")
    assert "Freshly saved words." in fetch(serving.url, f"/{slug}/")  # the last good site, still served

    note.write_text(good, encoding="utf-8")
    serving.wait_for(r"^Rebuilt \d+ edition\(s\), \d+ file\(s\) changed; open pages reload\.$")
    assert next_build(stream) == "3"  # the failed build sent nothing: open pages kept what they showed
    assert "Freshly saved words." not in fetch(serving.url, f"/{slug}/")


def test_port_0_serves_on_a_free_port_ctrl_c_stops_cleanly_and_the_site_holds_no_serve_mode_script(python,
                                                                                                     small_project):
    process = ServeProcess(python, small_project.root, "--port", "0").start()
    assert urlsplit(process.url).port not in (None, 0)   # the free port it took, printed
    page = fetch(process.url, "/")
    assert "<html" in page and "/__glossa/reload.js" in page
    assert process.stop() == 0
    assert "Stopped." in process.output
    assert not any("Traceback" in line for line in process.output)
    for path in small_project.site.rglob("*"):
        if path.is_file():
            assert b"__glossa" not in path.read_bytes(), path
