"""The dev server: 127.0.0.1 only, and nothing outside site/."""
from __future__ import annotations

import http.client

import pytest

from editions import READER_URL
from serving import serve_folder
from glossa.serve.loop import make_server, safe_path


@pytest.fixture
def server(built_site, tmp_path):
    srv = serve_folder(built_site)
    yield srv
    srv.shutdown()


def get(server, raw_path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.putrequest("GET", raw_path, skip_accept_encoding=True)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


def test_serves_the_site(server):
    assert get(server, "/") == 200
    assert get(server, READER_URL) == 200
    assert get(server, "/assets/glossa.css") == 200


@pytest.mark.parametrize("path", [
    "/../pyproject.toml", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc/passwd",
    "/assets/../../README.md", "/..%5c..%5cetc/passwd", "/%252e%252e/etc/passwd", "/assets/%00.css",
    "//etc/passwd",
])
def test_refuses_traversal(server, path):
    assert get(server, path) == 404


def test_does_not_follow_symlinks_out_of_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ok")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (site / "leak.txt").symlink_to(secret)
    assert safe_path(site, "/leak.txt") is None
    assert safe_path(site, "/") == (site / "index.html").resolve()


def test_binds_to_loopback_only(built_site):
    server = make_server(built_site, 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_text_is_served_gzipped_when_the_client_accepts_it(server, built_site):
    import gzip
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.request("GET", "/assets/glossa.css", headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.read()) == (built_site / "assets" / "glossa.css").read_bytes()
    conn.close()
