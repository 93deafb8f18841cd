"""Annotate from the page, in `build.py serve` only: select words in the reader, get a ready YAML snippet, or
have a new note written into content/.

The reader page gets a small script and stylesheet (glossa/serve/assets/), added as the page is served,
like the live-reload script: never written into site/. The script works out the paragraph and the exact
words of the transcription (leaving out note numbers and other editorial marks, and using the original
reading where an emendation is shown), and which occurrence they are; the server makes the snippet with
the same skeletons as `build.py new`, after checking the anchor against the text as the build will.
In a book-length edition the script goes on each part's page (the contents page has no paragraphs), and its
tag names the part, since paragraph numbers restart in each part.

Writing files is the dangerous part, so a request must come from a page this server served:
- the Host is this server's own address (a DNS-rebinding page has another host name);
- Origin is this server's origin, and Sec-Fetch-Site, when the browser sends it, says same-origin;
- the body is JSON (application/json), which a cross-site form cannot send without a CORS preflight, and
  the server answers no preflight;
- the request carries the per-server random token that the server put into the pages it served.
Anything else is refused with 403, before the body is read. A file is only ever created (never replaced),
only under content/editions/SLUG/{notes,computations,emendations}/, and only with a valid id.
"""
from __future__ import annotations

import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any, Mapping

from .. import urls
from ..diagnostics import SourceLocation
from ..commands.new_annotation import (AnchorRequest, AnnotationError, Kind, check_anchor, create_file,
                                      edition_paragraphs, input_snippet, quote_line, skeleton, valid_id)
from ..read.parts import PARTS_FIELD
from ..read.yamlfile import parse_yaml, read_text_file
from ..build.pipeline import Project

SCRIPT_PATH = "/__glossa/annotate.js"
STYLE_PATH = "/__glossa/annotate.css"
SNIPPET_PATH = "/__glossa/snippet"
ANNOTATIONS_PATH = "/__glossa/annotations"
TOKEN_HEADER = "X-Glossa-Token"
ASSETS = Path(__file__).parent / "assets"
MAX_BODY = 16 * 1024
MAX_QUOTE = 500  # the schemas' limit for a quote
MAX_META = 256 * 1024  # bytes of edition.yaml read to find a book's parts
SNIPPETS = ("note", "entry", "input")        # what can be copied
WRITABLE = (Kind.NOTE, Kind.COMPUTATION)     # what can be written as a new file (each is valid at once)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Answer:
    status: HTTPStatus
    body: bytes
    content_type: str = "application/json; charset=utf-8"


def _json(status: HTTPStatus, **data: Any) -> Answer:
    return Answer(status=status, body=json.dumps(data, ensure_ascii=False).encode())


@dataclass(frozen=True, kw_only=True)
class AnnotationDesk:
    """The project whose content may be written, and the token the pages of this server carry."""

    project: Project
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    # --- serving the page's side ----------------------------------------------------------------------

    def asset(self, url_path: str) -> tuple[bytes, str] | None:
        name = {SCRIPT_PATH: ("annotate.js", "text/javascript; charset=utf-8"),
                STYLE_PATH: ("annotate.css", "text/css; charset=utf-8")}.get(url_path)
        if name is None:
            return None
        return (ASSETS / name[0]).read_bytes(), name[1]

    def text_of(self, page: str) -> tuple[str, str | None] | None:
        """The edition and part (None in an edition of one text) whose paragraphs the page `page` (a path
        under site/) shows: an edition's reader, or a part's page of a book; None for any other page."""
        editions = self.project.content / "editions"
        if not editions.is_dir():
            return None
        for folder in editions.iterdir():
            if not (folder.is_dir() and valid_id(folder.name) and page.startswith(f"{folder.name}/")):
                continue
            parts = _part_ids(folder)
            if not parts:
                return (folder.name, None) if urls.reader_page(folder.name) == page else None
            return next(((folder.name, part) for part in parts if urls.part_page(folder.name, part) == page), None)
        return None

    def prepare(self, body: bytes, page: str) -> bytes:
        """A page of paragraphs with the annotate script and stylesheet added before </head>; other pages as
        they are."""
        text = self.text_of(page)
        head_end = _HEAD_END.search(body)
        if text is None or head_end is None:
            return body
        slug, part = text
        part_data = f'data-part="{part}" ' if part else ""
        tags = (f'<link rel="stylesheet" href="{STYLE_PATH}">'
                f'<script src="{SCRIPT_PATH}" defer data-edition="{slug}" {part_data}data-token="{self.token}" '
                f'data-paragraph-prefix="{urls.paragraph_id("")}" data-snippet="{SNIPPET_PATH}" '
                f'data-annotations="{ANNOTATIONS_PATH}"></script>').encode()
        return body[:head_end.start()] + tags + body[head_end.start():]

    # --- answering the page's requests ----------------------------------------------------------------

    def refusal(self, headers: Mapping[str, str], port: int) -> Answer | None:
        """403 unless the request comes from a page this server served (see the module's docstring).
        `headers` are keyed by lowercase name."""
        origin = f"http://127.0.0.1:{port}"
        reasons = []
        if headers.get("host") != f"127.0.0.1:{port}":
            reasons.append("the Host is not this server")
        if headers.get("origin") != origin:
            reasons.append("the Origin is not this server's")
        if headers.get("sec-fetch-site", "same-origin") != "same-origin":
            reasons.append("the browser says the request is not same-origin")
        if (headers.get("content-type") or "").split(";")[0].strip().lower() != "application/json":
            reasons.append("the body is not JSON")
        if not hmac.compare_digest((headers.get(TOKEN_HEADER.lower()) or "").encode(), self.token.encode()):
            reasons.append("the token is missing or wrong")
        if reasons:
            return _json(HTTPStatus.FORBIDDEN, error="Refused: " + "; ".join(reasons) + ".")
        return None

    def answer(self, url_path: str, body: bytes) -> Answer:
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _json(HTTPStatus.BAD_REQUEST, error="The body is not JSON.")
        if not isinstance(data, dict):
            return _json(HTTPStatus.BAD_REQUEST, error="The body is not a JSON object.")
        request, problem = self._request(data, writing=url_path == ANNOTATIONS_PATH)
        if request is None:
            return _json(HTTPStatus.BAD_REQUEST, error=problem)
        edition, kind, anchor, new_id = request
        folder = self.project.content / "editions" / edition
        try:
            paragraphs, _ = edition_paragraphs(folder, self.project.root)
        except AnnotationError as exc:
            return _json(HTTPStatus.BAD_REQUEST, error=f"{exc}.")
        rel = f"content/editions/{edition}/{Kind(kind).folder if kind != 'input' else 'computations'}/{new_id}.yaml"
        problems = check_anchor(anchor, paragraphs, SourceLocation(rel, quote_line(anchor)))
        if problems:
            return _json(HTTPStatus.UNPROCESSABLE_ENTITY, error=" ".join(f"{p.message} {p.hint}" for p in problems))
        if url_path == SNIPPET_PATH:
            text = (input_snippet(anchor) if kind == "input" else
                    skeleton(Kind(kind), anchor, term=anchor.quote))
            return Answer(status=HTTPStatus.OK, body=text.encode(), content_type="text/plain; charset=utf-8")
        return self._write(folder, Kind(kind), new_id, anchor)

    def _request(self, data: dict[str, Any], *, writing: bool
                 ) -> tuple[tuple[str, str, AnchorRequest, str] | None, str]:
        edition, kind, paragraph = data.get("edition"), data.get("kind"), data.get("paragraph")
        quote, occurrence, new_id = data.get("quote"), data.get("occurrence"), data.get("id", "new")
        part = data.get("part")   # a book's part; whether the edition has it is checked with the anchor
        kinds = [k.value for k in WRITABLE] if writing else list(SNIPPETS)
        if kind not in kinds:
            return None, f"kind must be one of {', '.join(kinds)}."
        if not isinstance(edition, str) or not valid_id(edition) or \
                not (self.project.content / "editions" / edition).is_dir():
            return None, "edition is not an edition of this project."
        if not isinstance(new_id, str) or not valid_id(new_id):
            return None, ("id must be lowercase letters, digits and hyphens (at most 80), starting with a letter "
                          "or digit.")
        if not isinstance(paragraph, int) or isinstance(paragraph, bool) or paragraph < 1:
            return None, "paragraph must be a paragraph number."
        if not isinstance(quote, str) or not quote.strip() or len(quote) > MAX_QUOTE:
            return None, f"quote must be the selected words (1 to {MAX_QUOTE} characters)."
        if occurrence is not None and (not isinstance(occurrence, int) or isinstance(occurrence, bool)
                                       or occurrence < 1):
            return None, "occurrence must be a number from 1."
        if part is not None and (not isinstance(part, str) or not valid_id(part)):
            return None, "part must be the id of one of the edition's parts."
        return (edition, kind, AnchorRequest(paragraph=paragraph, quote=quote, occurrence=occurrence, part=part),
                new_id), ""

    def _write(self, folder: Path, kind: Kind, new_id: str, anchor: AnchorRequest) -> Answer:
        path = folder / kind.folder / f"{new_id}.yaml"
        # The path is made of checked ids only; still, no link may lead the write elsewhere.
        if folder.is_symlink() or path.parent.is_symlink() or \
                folder.resolve().parent != (self.project.content / "editions").resolve():
            return _json(HTTPStatus.FORBIDDEN, error="Refused: the file would be outside the edition's folder.")
        try:
            create_file(path, skeleton(kind, anchor))
        except AnnotationError as exc:
            return _json(HTTPStatus.CONFLICT, error=f"{exc}.")
        rel = path.relative_to(self.project.root).as_posix() if path.is_relative_to(self.project.root) else str(path)
        return _json(HTTPStatus.CREATED, path=rel)


def _part_ids(edition: Path) -> tuple[str, ...]:
    """The part ids edition.yaml lists, in order; () for an edition of one text or an unreadable list (the
    build reports that; the page then simply gets no annotate script)."""
    path = edition / "edition.yaml"
    text, _ = read_text_file(path, path.name, MAX_META) if path.is_file() else (None, [])
    meta, _ = parse_yaml(text, path.name) if text is not None else (None, [])
    listed = meta.data.get(PARTS_FIELD) if meta is not None and isinstance(meta.data, dict) else None
    if not isinstance(listed, list):
        return ()
    return tuple(item["id"] for item in listed if isinstance(item, dict) and isinstance(item.get("id"), str)
                 and valid_id(item["id"]))
