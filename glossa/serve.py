"""`python build.py serve`: build, serve site/ on 127.0.0.1 only, and rebuild when content or templates change.

The handler serves files under site/ and nothing else: a request whose decoded path climbs out of
site/ (`..`, `%2e%2e`, backslashes, NUL bytes) or reaches through a symbolic link is refused with 404.
"""
from __future__ import annotations

import gzip
import http.server
import io
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .pipeline import Project, build_pages
from .write import write_site

HOST = "127.0.0.1"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt"}


def safe_path(site: Path, url_path: str) -> Path | None:
    """The file under `site` that `url_path` names, or None when it would be outside `site`."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    root = site.resolve()
    candidate = root.joinpath(*parts) if parts else root
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    if resolved != root and root not in resolved.parents:
        return None
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved if resolved.is_file() else None


def make_handler(site: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_head(self):
            target = safe_path(site, self.path)
            if target is None:
                self.send_error(404, "Not found")
                return None
            if target.name == "index.html" and not urlsplit(self.path).path.endswith(("/", ".html")):
                self.send_response(301)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.end_headers()
                return None
            try:
                body = target.read_bytes()
            except OSError:
                self.send_error(404, "Not found")
                return None
            content_type = self.guess_type(str(target))
            # Compress text as any real static host does, so what is measured here is what readers get.
            compress = "gzip" in self.headers.get("Accept-Encoding", "") and target.suffix in COMPRESSIBLE
            if compress:
                body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            if compress:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return io.BytesIO(body)

        def log_message(self, format, *args):  # quieter than the default: one line per request on stderr
            sys.stderr.write(f"  {self.command} {self.path} {args[1] if len(args) > 1 else ''}\n")

    return Handler


def make_server(site: Path, port: int, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A server for `site` on 127.0.0.1 only; port 0 picks a free one."""
    handler = make_handler(site)
    if quiet:
        handler.log_message = lambda *args: None
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def serve_in_background(site: Path) -> http.server.ThreadingHTTPServer:
    """A quiet server for `site` on a free port, in a daemon thread (for tests and benchmarks)."""
    server = make_server(site, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _snapshot(folders: list[Path]) -> dict[str, float]:
    stamps = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    stamps[str(path)] = path.stat().st_mtime
            except OSError:  # an editor's swap file vanished between listing and stat
                continue
    return stamps


def _rebuild(project: Project, site: Path) -> bool:
    result = build_pages(project)
    for d in result.diagnostics:
        print(d.format(), file=sys.stderr)
    if not result.ok:
        print("Build failed; still serving the previous site.", file=sys.stderr)
        return False
    write_site(result.pages, site)
    print(f"Built {len(result.pages)} files.", file=sys.stderr)
    return True


def serve(project: Project, site: Path, port: int) -> int:
    if not _rebuild(project, site) and not site.exists():
        return 1
    server = make_server(site, port)
    print(f"Serving the reader at http://{HOST}:{server.server_address[1]}/ — Ctrl-C to stop.", flush=True)
    stop = threading.Event()

    def watch() -> None:
        folders = [project.content, project.templates, project.schemas]
        before = _snapshot(folders)
        while not stop.wait(1.0):
            try:
                now = _snapshot(folders)
                if now != before:
                    before = now
                    print("Change detected; rebuilding.", file=sys.stderr)
                    _rebuild(project, site)
            except Exception as exc:  # keep watching: one bad rebuild must not end live reloading
                print(f"Rebuild failed ({exc.__class__.__name__}: {exc}); still watching.", file=sys.stderr)

    threading.Thread(target=watch, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        stop.set()
        server.server_close()
    return 0
