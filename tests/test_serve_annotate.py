"""The annotate endpoints of `build.py serve`: only a page this server served may ask, a file is only ever
created (never replaced) and only under the edition, and none of it reaches site/."""
from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from glossa import urls
from glossa.cli import main
from glossa.build.pipeline import Project as GlossaProject
from glossa.serve.annotate import ANNOTATIONS_PATH, MAX_BODY, SCRIPT_PATH, SNIPPET_PATH, TOKEN_HEADER, AnnotationDesk
from glossa.serve.httpd import DevServer, make_server
from glossa.read.transcription import parse_transcription
from glossa.commands.new_annotation import edition_paragraphs

if TYPE_CHECKING:  # the name only: tests/browser has a conftest too, so importing it at run time is ambiguous
    from conftest import Scratch

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Project:
    """A copy of the small fixture project (the real templates and schemas), as conftest's Scratch is."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def build(self) -> int:
        return main(["build", "--site", str(self.site)], root=self.root)

    def check(self, *args: str) -> int:
        return main(["check", *args], root=self.root)

    @classmethod
    def copy(cls, into: Path) -> "Project":
        for folder in ("templates", "schemas"):
            shutil.copytree(ROOT / folder, into / folder)
        shutil.copytree(ROOT / "tests" / "fixtures" / "content", into / "content")
        return cls(into)


@dataclass
class Served:
    project: Project
    server: DevServer
    desk: AnnotationDesk
    edition: str

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def headers(self, changes: dict[str, str | None]) -> dict[str, str]:
        """What the page's script sends, with `changes` made (None removes a header)."""
        headers: dict[str, str | None] = {
            "Host": f"127.0.0.1:{self.port}", "Origin": self.origin, "Content-Type": "application/json",
            TOKEN_HEADER: self.desk.token, "Sec-Fetch-Site": "same-origin", **changes}
        return {name: value for name, value in headers.items() if value is not None}

    def post(self, path: str, data: object, changes: dict[str, str | None] | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.putrequest("POST", path, skip_host=True, skip_accept_encoding=True)
        body = json.dumps(data).encode()
        for name, value in {**self.headers(changes or {}), "Content-Length": str(len(body))}.items():
            conn.putheader(name, value)
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, response.read().decode()

    def get(self, path: str) -> str:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200
        return response.read().decode()

    def paragraph(self, number: int) -> str:
        source = self.project.content / "editions" / self.edition / "source.txt"
        transcription, _ = parse_transcription(source.read_text(encoding="utf-8"), "source.txt")
        assert transcription is not None
        return transcription.paragraphs[number - 1].text


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One built copy of the small project and one server for the module: each test that writes uses its own id
    and compares the content folder before and after itself."""
    yield from _serving(Project.copy(tmp_path_factory.mktemp("annotate")))


def _serving(project: Project) -> Iterator[Served]:
    """Build the project, serve it with the annotation desk on a free port, and stop the server afterwards."""
    assert project.build() == 0
    desk = AnnotationDesk(project=GlossaProject.at(project.root))
    server = make_server(project.site, 0, quiet=True, desk=desk)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    [edition] = [p.name for p in (project.content / "editions").iterdir()]
    yield Served(project, server, desk, edition)
    server.shutdown()
    server.server_close()


def a_note(served: Served, **changes: object) -> dict[str, object]:
    words = " ".join(served.paragraph(1).split()[:3])
    return {"edition": served.edition, "kind": "note", "id": "from-the-page", "paragraph": 1, "quote": words,
            **changes}


def notes_folder(served: Served) -> Path:
    return served.project.content / "editions" / served.edition / "notes"


def test_the_reader_page_carries_the_script_and_token_and_no_other_page_does(served: Served) -> None:
    reader = served.get("/" + urls.page_url(urls.INDEX_PAGE, urls.reader_page(served.edition)))
    assert f'src="{SCRIPT_PATH}"' in reader and f'data-token="{served.desk.token}"' in reader
    assert f'data-edition="{served.edition}"' in reader
    assert SCRIPT_PATH not in served.get("/")
    assert "annotate" in served.get(SCRIPT_PATH)


def test_no_file_under_site_holds_the_script_or_the_token(served: Served) -> None:
    for path in served.project.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"__glossa" not in data and served.desk.token.encode() not in data, path


def test_a_snippet_has_the_paragraph_the_quote_and_the_occurrence(served: Served) -> None:
    text = served.paragraph(2)
    word = next(w for w in text.split() if len(w) > 3 and text.count(w) > 1)
    status, body = served.post(SNIPPET_PATH, {**a_note(served), "paragraph": 2, "quote": word, "occurrence": 2})
    assert status == 200, body
    assert "paragraph: 2\n" in body and f"quote: {json.dumps(word)}\n" in body and "occurrence: 2\n" in body
    status, body = served.post(SNIPPET_PATH, {**a_note(served), "paragraph": 2, "quote": word})
    assert status == 422 and "occurs" in json.loads(body)["error"]


def test_a_snippet_for_a_glossary_entry_and_for_a_computation_input(served: Served) -> None:
    status, entry = served.post(SNIPPET_PATH, a_note(served, kind="entry"))
    assert status == 200 and f"term: {json.dumps(a_note(served)['quote'])}" in entry
    status, given = served.post(SNIPPET_PATH, a_note(served, kind="input"))
    assert status == 200 and given.startswith("  figure:") and "    paragraph: 1\n" in given


def test_a_new_note_is_created_once_and_never_replaced(served: Served) -> None:
    status, body = served.post(ANNOTATIONS_PATH, a_note(served))
    assert status == 201, body
    path = notes_folder(served) / "from-the-page.yaml"
    assert json.loads(body)["path"] == path.relative_to(served.project.root).as_posix()
    first = path.read_bytes()
    status, body = served.post(ANNOTATIONS_PATH, a_note(served, quote=served.paragraph(1).split()[0]))
    assert status == 409 and "already exists" in body
    assert path.read_bytes() == first
    assert served.project.check("--strict") == 0  # the note as written builds


@pytest.mark.parametrize("changes", [
    {TOKEN_HEADER: None}, {TOKEN_HEADER: "wrong"}, {"Origin": None}, {"Origin": "http://evil.example"},
    {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
    {"Host": "evil.example"}, {"Content-Type": "text/plain"},
    {"Content-Type": "application/x-www-form-urlencoded"},
], ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_requests_not_from_a_page_of_this_server_are_refused(served: Served, changes: dict[str, str | None]) -> None:
    before = sorted(notes_folder(served).iterdir())
    for path in (SNIPPET_PATH, ANNOTATIONS_PATH):
        status, body = served.post(path, a_note(served), changes)
        assert status == 403, (path, body)
    assert sorted(notes_folder(served).iterdir()) == before


@pytest.mark.parametrize("changes, says", [
    ({"kind": "entry"}, "kind must be one of note, computation"),
    ({"kind": "../notes"}, "kind must be"),
    ({"id": "../../../evil"}, "id must be"),
    ({"id": "Capital"}, "id must be"),
    ({"edition": "../editions"}, "edition is not"),
    ({"edition": "no-such-edition"}, "edition is not"),
    ({"paragraph": "1"}, "paragraph must be"),
    ({"paragraph": True}, "paragraph must be"),
    ({"quote": ""}, "quote must be"),
    ({"occurrence": 0}, "occurrence must be"),
])
def test_a_bad_kind_id_edition_or_anchor_is_refused_and_nothing_is_written(served: Served, changes: dict[str, object],
                                                                          says: str) -> None:
    before = sorted(served.project.content.rglob("*"))
    status, body = served.post(ANNOTATIONS_PATH, a_note(served, **changes))
    assert status == 400 and says in json.loads(body)["error"]
    assert sorted(served.project.content.rglob("*")) == before


def test_a_quote_not_in_the_text_is_refused_with_the_builds_hint(served: Served) -> None:
    status, body = served.post(ANNOTATIONS_PATH, a_note(served, id="not-in-text", quote="words nobody wrote"))
    assert status == 422 and "is not in paragraph 1" in json.loads(body)["error"]
    assert not (notes_folder(served) / "not-in-text.yaml").exists()


def test_without_the_desk_there_are_no_endpoints(small_project: Scratch) -> None:
    assert small_project.build() == 0
    server = make_server(small_project.site, 0, quiet=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
        conn.request("POST", ANNOTATIONS_PATH, body=b"{}", headers={"Content-Type": "application/json"})
        assert conn.getresponse().status == 404
    finally:
        server.shutdown()
        server.server_close()


def test_a_body_past_the_limit_is_refused_unread(served: Served) -> None:
    status, _ = served.post(SNIPPET_PATH, a_note(served, body="x" * (MAX_BODY + 1)))
    assert status == 413


# --- A book-length edition (tests/fixtures/book): the script goes on each part's page and names the part ---

BOOK = ROOT / "tests" / "fixtures" / "book" / "content"


@pytest.fixture(scope="module")
def served_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("annotate-book")
    for folder in ("templates", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(BOOK, root / "content")
    yield from _serving(Project(root))


def book_paragraphs(served: Served) -> dict[str, list[str]]:
    """Each part's paragraph texts, by part id, as the build reads them."""
    paragraphs, problems = edition_paragraphs(served.project.content / "editions" / served.edition,
                                              served.project.root)
    assert paragraphs and not problems
    parts: dict[str, list[str]] = {}
    for p in paragraphs:
        parts.setdefault(p.part, []).append(p.text)
    return parts


def test_each_part_page_carries_the_script_naming_its_part_and_the_contents_page_none(served_book: Served) -> None:
    parts = book_paragraphs(served_book)
    assert len(parts) >= 2
    for part in parts:
        page = served_book.get("/" + urls.page_url(urls.INDEX_PAGE, urls.part_page(served_book.edition, part)))
        assert f'src="{SCRIPT_PATH}"' in page and f'data-part="{part}"' in page
    contents = served_book.get("/" + urls.page_url(urls.INDEX_PAGE, urls.contents_page(served_book.edition)))
    assert SCRIPT_PATH not in contents


def test_a_note_from_a_part_page_is_anchored_in_its_part_and_builds(served_book: Served) -> None:
    part, texts = list(book_paragraphs(served_book).items())[1]   # not the first part: numbers restart
    words = " ".join(texts[0].split()[:4])
    note = {"edition": served_book.edition, "kind": "note", "id": "from-a-part", "part": part, "paragraph": 1,
            "quote": words}
    status, snippet = served_book.post(SNIPPET_PATH, note)
    assert status == 200, snippet
    assert f"part: {part}\nparagraph: 1\nquote: {json.dumps(words)}\n" in snippet
    status, body = served_book.post(ANNOTATIONS_PATH, note)
    assert status == 201, body
    assert f"part: {part}\n" in (served_book.project.root / json.loads(body)["path"]).read_text(encoding="utf-8")
    assert served_book.project.check("--strict") == 0


@pytest.mark.parametrize("part, says", [(None, "in parts"), ("no-such-part", "no part 'no-such-part'"),
                                        ("../x", "part must be")])
def test_a_book_anchor_without_its_part_or_with_another_is_refused(served_book: Served, part: str | None,
                                                                    says: str) -> None:
    first = next(iter(book_paragraphs(served_book).values()))[0]
    note = {"edition": served_book.edition, "kind": "note", "id": "no-part", "paragraph": 1,
            "quote": " ".join(first.split()[:3]), **({"part": part} if part is not None else {})}
    before = sorted(served_book.project.content.rglob("*"))
    for path in (SNIPPET_PATH, ANNOTATIONS_PATH):
        status, body = served_book.post(path, note)
        assert status in (400, 422) and says in json.loads(body)["error"], body
    assert sorted(served_book.project.content.rglob("*")) == before
