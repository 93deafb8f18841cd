"""The dev server's HTTP side: site/ on 127.0.0.1 only, with the limits a server facing a browser needs.

Why the standard library's http.server, hardened here, rather than a third-party server: the server is a
loopback-only development tool, the handler is short enough to read whole, and the rules that matter
(nothing outside site/, no symbolic links, gzip, 301 for folders, live reload injected at serve time) are
Glossa's own and would have to be written on top of any server. What http.server lacks is added here:
- a request line longer than 8 KiB is answered 414, a malformed one 400 (with a real status line: the
  standard library answers some of them with a bare body);
- a path component longer than a file name may be is a 404, not an OSError;
- every socket has a timeout, so an idle or slow client is closed after a few seconds;
- at most WORKERS connections are handled at once (the rest wait in a listen backlog of 64), instead of one
  new thread per connection without limit;
- one log line per request: method, path (control characters escaped) and status.
"""
from __future__ import annotations

import gzip
import http.server
import io
import re
import socket
import socketserver
import sys
import threading
from http import HTTPStatus
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from .annotate import ANNOTATIONS_PATH, MAX_BODY, SNIPPET_PATH, AnnotationDesk
from .reload import EVENTS_PATH, SCRIPT_PATH, LiveReload, prepare_html

HOST = "127.0.0.1"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt"}
MAX_REQUEST_LINE = 8192  # bytes, without the line ending; longer is 414
MAX_NAME_BYTES = 255  # the longest file name Linux allows: a longer path component cannot exist
WORKERS = 16
BACKLOG = 64
TIMEOUT = 5.0  # seconds a connection may stay silent
# METHOD SP /target SP HTTP/1.x, the target printable ASCII only (browsers percent-encode everything else).
REQUEST_LINE = re.compile(rb"[A-Z]{1,20} /[\x21-\x7e]* HTTP/1\.[01]\r?\n")


def safe_path(site: Path, url_path: str) -> Path | None:
    """The file under `site` that `url_path` names, or None when it would be outside `site` or cannot exist."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    if any(len(p.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES for p in parts):
        return None
    root = site.resolve()
    candidate = root.joinpath(*parts) if parts else root
    try:
        resolved = candidate.resolve()
        if resolved != root and root not in resolved.parents:
            return None
        if resolved.is_dir():
            resolved = resolved / "index.html"
        return resolved if resolved.is_file() else None
    except OSError:  # ENAMETOOLONG for a long whole path, EACCES …: nothing to serve either way
        return None


def printable(text: str) -> str:
    """`text` with control and bidirectional-override characters made visible, so a request cannot write
    escape sequences into the terminal or reorder its log lines."""
    return "".join(c if c.isprintable() and c != "\\" else "\\\\" if c == "\\" else _escaped(c) for c in text)


def _escaped(c: str) -> str:
    return f"\\x{ord(c):02x}" if ord(c) < 256 else f"<U+{ord(c):04X}>"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves `site`; with `live` set (serve mode only), also the live-reload script and event stream; with
    `desk` set (serve mode only), the annotate script and its two POST endpoints (serve_annotate.py)."""

    site: Path
    live: LiveReload | None = None
    desk: AnnotationDesk | None = None
    log: TextIO | None = None
    timeout = TIMEOUT
    default_request_version = "HTTP/1.0"  # so that even a malformed request gets a status line

    def handle_one_request(self) -> None:
        self.command, self.path, self.request_version = "", "", self.default_request_version
        try:
            line = self.rfile.readline(MAX_REQUEST_LINE + 3)
        except (TimeoutError, ConnectionError):
            self.close_connection = True
            return
        if not line:
            self.close_connection = True
            return
        self.raw_requestline = line
        self.requestline = line.decode("latin-1").rstrip("\r\n")
        if len(line.rstrip(b"\r\n")) > MAX_REQUEST_LINE:
            self.close_connection = True
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return
        if not REQUEST_LINE.fullmatch(line):
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed request line")
            return
        try:
            if not self.parse_request():  # headers; it answers their errors (431, 400) itself
                return
            method = getattr(self, f"do_{self.command}", None)
            if method is None:
                self.send_error(HTTPStatus.NOT_IMPLEMENTED, f"Unsupported method ({self.command})")
                return
            method()
            self.wfile.flush()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def do_GET(self) -> None:
        if self.live is not None and urlsplit(self.path).path == EVENTS_PATH:
            self.live.stream(self)
            return
        super().do_GET()

    def do_POST(self) -> None:
        """Only the annotate endpoints, and only in serve mode; the checks are the desk's (serve_annotate.py)."""
        url_path = urlsplit(self.path).path
        if self.desk is None or url_path not in (SNIPPET_PATH, ANNOTATIONS_PATH):
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        headers = {name.lower(): value for name, value in self.headers.items()}  # names are case-insensitive
        refused = self.desk.refusal(headers, int(self.connection.getsockname()[1]))  # the port it was sent to
        if refused is None:
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY:
                self.close_connection = True
                self.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > MAX_BODY else HTTPStatus.LENGTH_REQUIRED)
                return
            answer = self.desk.answer(url_path, self.rfile.read(length))
        else:
            self.close_connection = True  # the body, if any, is left unread
            answer = refused
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(answer.body)

    def send_head(self) -> io.BytesIO | None:
        url_path = urlsplit(self.path).path
        if self.live is not None and url_path == SCRIPT_PATH:
            return self._send_body(self.live.script(), "text/javascript; charset=utf-8", compressible=True)
        asset = self.desk.asset(url_path) if self.desk is not None else None
        if asset is not None:
            return self._send_body(asset[0], asset[1], compressible=True)
        build = self.live.generation if self.live is not None else 0  # read before the file: see LiveReload
        target = safe_path(self.site, self.path)
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        if target.name == "index.html" and not url_path.endswith(("/", ".html")):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", url_path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        try:
            body = target.read_bytes()
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        content_type = self.guess_type(str(target))
        if self.live is not None and target.suffix == ".html":
            body = prepare_html(body, build)
        if self.desk is not None and target.suffix == ".html":
            body = self.desk.prepare(body, target.relative_to(self.site.resolve()).as_posix())
        return self._send_body(body, content_type, compressible=target.suffix in COMPRESSIBLE)

    def _send_body(self, body: bytes, content_type: str, *, compressible: bool) -> io.BytesIO:
        # Compress text as any real static host does, so what is measured here is what readers get.
        compress = compressible and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.log_message("%s", int(code) if isinstance(code, int) else code)

    def log_error(self, format: str, *args: object) -> None:
        """Quiet: the status that follows in log_request says the same in one line."""

    def log_message(self, format: str, *args: object) -> None:
        """One line per request: method, path and status, with control characters escaped."""
        if self.log is None:
            return
        path = self.path or self.requestline[:120]
        self.log.write(f"  {printable(self.command or '-')} {printable(path or '-')} {printable(format % args)}\n")
        self.log.flush()


class DevServer(http.server.HTTPServer):
    """An HTTP server that handles at most `workers` connections at once, each in its own thread.

    Accepting waits while every worker is busy, so a flood of idle connections queues in the listen backlog
    (and then is refused by the kernel) instead of costing a thread each; the timeout frees workers."""

    request_queue_size = BACKLOG

    def __init__(self, address: tuple[str, int], handler: type[Handler], *, workers: int = WORKERS) -> None:
        self._slots = threading.BoundedSemaphore(workers)
        self._count = threading.Lock()
        self._busy = 0
        self.most_workers = 0  # the most connections ever handled at once: shows the bound holds
        super().__init__(address, handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's name, which can wait on DNS; 127.0.0.1 needs no lookup.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    def process_request(self, request: socket.socket, client_address: tuple[str, int]) -> None:  # type: ignore[override]  # TCP only
        self._slots.acquire()
        with self._count:
            self._busy += 1
            self.most_workers = max(self.most_workers, self._busy)
        worker = threading.Thread(target=self._work, args=(request, client_address), name="glossa-http",
                                  daemon=True)
        worker.start()

    def _work(self, request: socket.socket, client_address: tuple[str, int]) -> None:
        try:
            self.finish_request(request, client_address)
        except (TimeoutError, ConnectionError):
            pass  # the client went away or fell silent: nothing to report
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self._count:
                self._busy -= 1
            self._slots.release()

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        print(f"  server error: {printable(f'{error.__class__.__name__}: {error}')}", file=sys.stderr)


def make_server(site: Path, port: int, quiet: bool = False, *, live: LiveReload | None = None,
                log: TextIO | None = None, timeout: float = TIMEOUT, workers: int = WORKERS,
                desk: AnnotationDesk | None = None) -> DevServer:
    """A server for `site` on 127.0.0.1 only; port 0 picks a free one. Raises OSError when the port is taken.
    `log` receives one line per request (stderr unless `quiet`)."""
    attributes = {"site": site, "live": live, "log": None if quiet else (log or sys.stderr), "timeout": timeout,
                  "desk": desk}
    handler = type("SiteHandler", (Handler,), attributes)
    return DevServer((HOST, port), handler, workers=workers)


def serve_in_background(site: Path) -> DevServer:
    """A quiet server for `site` on a free port, in a daemon thread (for tests and benchmarks)."""
    server = make_server(site, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
