"""The dev server under bad requests and idle clients, and its serve-mode-only live reload endpoints."""
from __future__ import annotations

import gzip
import http.client
import io
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from glossa.serve.loop import make_server, safe_path
from glossa.serve.httpd import DevServer
from glossa.serve.reload import EVENTS_PATH, SCRIPT_PATH, LiveReload, prepare_html

TAG = b'<script src="/__glossa/reload.js"'


def start(server: DevServer) -> DevServer:
    # A short poll interval only makes shutdown() at the end of each test quicker.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server


@pytest.fixture
def log() -> io.StringIO:
    return io.StringIO()


@pytest.fixture
def server(built_site: Path, log: io.StringIO) -> Iterator[DevServer]:
    srv = start(make_server(built_site, 0, log=log))
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def live() -> Iterator[LiveReload]:
    hub = LiveReload()
    yield hub
    hub.close()


@pytest.fixture
def live_server(built_site: Path, live: LiveReload) -> Iterator[DevServer]:
    srv = start(make_server(built_site, 0, quiet=True, live=live))
    yield srv
    live.close()
    srv.shutdown()
    srv.server_close()


def raw(server: DevServer, request: bytes) -> bytes:
    """Send bytes as they are and read the whole answer (the server closes the connection)."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1."), answer[:80]
    return int(answer.split(b" ", 2)[1])


def get(server: DevServer, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    conn.request("GET", path, headers=headers or {})
    return conn.getresponse()


# --- bad requests ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    b"GARBAGE", b"GET", b"GET /", b"GET / HTTP/1.1 extra", b"GET / FTP/1.0", b"GET index.html HTTP/1.1",
    b"get / HTTP/1.1", b"GET /\x1b[31mred HTTP/1.1", b"GET /caf\xc3\xa9 HTTP/1.1", b"GET  / HTTP/1.1",
])
def test_a_malformed_request_line_is_400_with_a_status_line(server, line):
    assert status(raw(server, line + b"\r\n\r\n")) == 400


def test_a_request_line_over_8_kib_is_414(server):
    assert status(raw(server, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")) == 414


def test_a_request_line_of_8_kib_is_still_served(server):
    assert status(raw(server, b"GET /?" + b"a" * 8000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")) == 200


@pytest.mark.parametrize("path", ["/" + "a" * 256, "/assets/" + "b" * 300 + ".css", "/" + quote("é" * 200) + "/"])
def test_a_path_component_longer_than_a_file_name_is_404(server, built_site, path):
    assert safe_path(built_site, path) is None
    assert get(server, path).status == 404


def test_a_whole_path_longer_than_the_system_allows_is_404(server):
    assert get(server, "/" + "/".join(["d" * 250] * 30)).status == 404


def test_each_request_is_logged_with_method_path_and_status(server, log):
    get(server, "/assets/glossa.css").read()
    get(server, "/missing.html").read()
    lines = log.getvalue().splitlines()
    assert "  GET /assets/glossa.css 200" in lines
    assert "  GET /missing.html 404" in lines


def test_control_characters_never_reach_the_log(server, log):
    raw(server, b"GET /\x1b]0;owned\x07\x9b2J HTTP/1.1\r\n\r\n")
    raw(server, b"GET /%1b[31m HTTP/1.1\r\n\r\n")
    text = log.getvalue()
    assert "\\x1b]0;owned\\x07\\x9b2J" in text  # shown, escaped
    assert "GET /%1b[31m 404" in text  # percent-encoded stays as sent
    assert not any(ord(c) < 32 and c != "\n" or 127 <= ord(c) < 160 for c in text)


# --- idle clients and worker threads --------------------------------------------------------------

# An idle client's timeout is short here only so that the tests do not wait long: the request that must get
# through is sent whole at once, so it is read at once whatever the timeout.
IDLE_TIMEOUT = 0.1


def test_an_idle_connection_is_closed(built_site):
    srv = start(make_server(built_site, 0, quiet=True, timeout=IDLE_TIMEOUT))
    try:
        with socket.create_connection(("127.0.0.1", srv.server_address[1]), timeout=30) as sock:
            sock.sendall(b"GET / HTT")  # and then nothing more
            assert sock.recv(1024) == b""  # closed by the server, long before this socket's own timeout
    finally:
        srv.shutdown()
        srv.server_close()


def test_idle_connections_cannot_take_more_than_the_workers(built_site):
    srv = start(make_server(built_site, 0, quiet=True, timeout=IDLE_TIMEOUT, workers=2))
    idle = [socket.create_connection(("127.0.0.1", srv.server_address[1]), timeout=30) for _ in range(6)]
    try:
        response = get(srv, "/")  # waits in the backlog until idle ones time out, then is served
        assert response.status == 200
        assert srv.most_workers == 2
    finally:
        for sock in idle:
            sock.close()
        srv.shutdown()
        srv.server_close()


def test_binds_to_loopback_with_a_real_backlog(built_site):
    srv = make_server(built_site, 0)
    try:
        assert srv.server_address[0] == "127.0.0.1"
        assert srv.request_queue_size >= 64
    finally:
        srv.server_close()


def test_folders_still_redirect_and_text_is_still_gzipped(server, built_site):
    folder = next(p.name for p in built_site.iterdir() if p.is_dir() and (p / "index.html").is_file())
    response = get(server, f"/{folder}")
    assert response.status == 301 and response.getheader("Location") == f"/{folder}/"
    response = get(server, "/assets/glossa.css", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.read()) == (built_site / "assets" / "glossa.css").read_bytes()


# --- live reload ----------------------------------------------------------------------------------

def test_pages_get_the_reload_script_only_in_serve_mode(server, live_server, built_site):
    served = get(live_server, "/", {"Accept-Encoding": "gzip"})
    page = gzip.decompress(served.read())
    assert b'<script src="/__glossa/reload.js" data-build="1" defer></script></head>' in page
    assert get(live_server, SCRIPT_PATH).status == 200
    assert TAG not in get(server, "/").read()
    assert get(server, SCRIPT_PATH).status == 404
    assert get(server, EVENTS_PATH).status == 404
    assert TAG not in get(live_server, "/assets/glossa.css").read()


def test_published_files_never_hold_the_reload_script(built_site):
    for path in built_site.rglob("*"):
        if path.is_file():
            assert b"__glossa" not in path.read_bytes(), path


def test_the_event_stream_announces_each_new_build(live_server, live):
    response = get(live_server, EVENTS_PATH)
    assert response.getheader("Content-Type").startswith("text/event-stream")
    assert read_event(response) == ("build", "1")
    live.publish()
    assert read_event(response) == ("build", "2")
    page = get(live_server, "/").read()
    assert b'data-build="2"' in page


def test_too_many_listening_pages_are_refused_not_queued(built_site):
    hub = LiveReload(max_streams=1)
    srv = start(make_server(built_site, 0, quiet=True, live=hub))
    try:
        first = get(srv, EVENTS_PATH)
        assert read_event(first) == ("build", "1")
        assert get(srv, EVENTS_PATH).status == 503
    finally:
        hub.close()
        srv.shutdown()
        srv.server_close()


def read_event(response: http.client.HTTPResponse) -> tuple[str, str]:
    fields: dict[str, str] = {}
    while (line := response.fp.readline().decode().rstrip("\n")) or not fields:
        if line and not line.startswith(":"):
            name, _, value = line.partition(": ")
            fields[name] = value
    return fields["event"], fields["data"]


PAGE = ('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="{}"><title>t</title>'
        '</head><body></body></html>')


@pytest.mark.parametrize("policy, expected", [
    ("default-src &#39;none&#39;; script-src &#39;self&#39;; connect-src &#39;self&#39;",
     "default-src &#39;none&#39;; script-src &#39;self&#39;; connect-src &#39;self&#39;"),
    ("default-src &#39;none&#39;; script-src &#39;self&#39;",
     "default-src &#x27;none&#x27;; script-src &#x27;self&#x27;; connect-src &#x27;self&#x27;"),
    ("default-src &#39;none&#39;; script-src &#39;self&#39;; connect-src &#39;none&#39;",
     "default-src &#x27;none&#x27;; script-src &#x27;self&#x27;; connect-src &#x27;self&#x27;"),
    ("default-src &#39;none&#39;; connect-src https://example.org",
     "default-src &#x27;none&#x27;; connect-src &#x27;self&#x27; https://example.org; script-src &#x27;self&#x27;"),
])
def test_the_policy_is_widened_at_serve_time_only_as_far_as_reloading_needs(policy, expected):
    served = prepare_html(PAGE.format(policy).encode(), 7).decode()
    assert f'content="{expected}"' in served
    assert served.count('<script src="/__glossa/reload.js" data-build="7" defer></script></head>') == 1
