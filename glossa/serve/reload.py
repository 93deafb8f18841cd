"""Live reload for `build.py serve`: after a successful rebuild, every open page reloads by itself.

It uses server-sent events, which need nothing but a small same-origin script, so it works under the
pages' strict Content-Security-Policy (script-src 'self'; connect-src 'self'). The script tag is added to
HTML responses by the server at serve time only: it is never written into site/.

Each successful build gets a number. A page is served with the number of the build it came from
(`data-build` on the script tag); the event stream sends the current number when it opens and after
every rebuild, and the page reloads when the two differ. So a rebuild that lands between loading a page
and opening its stream is not missed. On a failed rebuild the number stays the same: nothing reloads.
"""
from __future__ import annotations

import html
import re
import threading
from http import HTTPStatus
from typing import Protocol

EVENTS_PATH = "/__glossa/events"
SCRIPT_PATH = "/__glossa/reload.js"
MAX_STREAMS = 8  # open pages listening at once; below the server's worker count, so pages never starve it
HEARTBEAT = 15.0  # seconds between keep-alive comments, which also notice a page that went away

SCRIPT = """\
// Served by `build.py serve` only, never part of the published site: reload after each successful rebuild.
(() => {
  "use strict";
  const build = document.currentScript ? document.currentScript.dataset.build : undefined;
  const events = new EventSource("%s");
  events.addEventListener("open", () => { document.documentElement.dataset.glossaLive = "connected"; });
  events.addEventListener("build", (event) => {
    if (event.data !== build) {
      events.close();
      location.reload();
    }
  });
})();
""" % EVENTS_PATH

_CSP_META = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


class EventSink(Protocol):
    """The part of an HTTP request handler that an event stream writes to."""

    close_connection: bool

    def send_response(self, code: int, message: str | None = None) -> None: ...
    def send_header(self, keyword: str, value: str) -> None: ...
    def end_headers(self) -> None: ...
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None: ...

    @property
    def wfile(self) -> _Writable: ...


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...
    def flush(self) -> None: ...


class LiveReload:
    """The build number and the pages waiting for it to change. Shared by the watcher (which publishes)
    and the server's workers (which stream); all state sits behind one condition."""

    def __init__(self, *, heartbeat: float = HEARTBEAT, max_streams: int = MAX_STREAMS) -> None:
        self._changed = threading.Condition()
        self._generation = 1
        self._closed = False
        self._heartbeat = heartbeat
        self._streams = threading.BoundedSemaphore(max_streams)

    @property
    def generation(self) -> int:
        with self._changed:
            return self._generation

    def publish(self) -> int:
        """A new build is in site/ (call only after it was swapped in): open pages reload."""
        with self._changed:
            self._generation += 1
            self._changed.notify_all()
            return self._generation

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def script(self) -> bytes:
        return SCRIPT.encode()

    def stream(self, sink: EventSink) -> None:
        """Answer one event-stream request: the current build number now and after every change, until the
        page goes away or the server stops."""
        if not self._streams.acquire(blocking=False):
            sink.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "Too many open pages are listening for reloads")
            return
        try:
            sink.close_connection = True
            sink.send_response(HTTPStatus.OK)
            sink.send_header("Content-Type", "text/event-stream; charset=utf-8")
            sink.send_header("Cache-Control", "no-cache")
            sink.send_header("Connection", "close")
            sink.end_headers()
            sent = 0
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._closed or self._generation != sent, self._heartbeat)
                    if self._closed:
                        return
                    current = self._generation
                if current != sent:
                    sink.wfile.write(f"event: build\ndata: {current}\n\n".encode())
                    sent = current
                else:
                    sink.wfile.write(b": still here\n\n")
                sink.wfile.flush()
        except (OSError, ValueError):  # the page closed or reloaded (ValueError: the stream was closed)
            return
        finally:
            self._streams.release()


def prepare_html(body: bytes, build: int) -> bytes:
    """A page as served in serve mode: the reload script added before </head>, and the CSP made to allow it."""
    tag = f'<script src="{SCRIPT_PATH}" data-build="{build}" defer></script>'.encode()
    body = _CSP_META.sub(lambda m: m.group(1) + _allow_live_reload(m.group(2)) + m.group(3), body, count=1)
    head_end = _HEAD_END.search(body)
    if head_end is None:
        return body + tag
    return body[:head_end.start()] + tag + body[head_end.start():]


def _allow_live_reload(escaped: bytes) -> bytes:
    """The policy with 'self' allowed for scripts and connections (only when it was not already)."""
    directives = [d.split() for d in html.unescape(escaped.decode()).split(";") if d.strip()]
    changed = False
    for name in ("script-src", "connect-src"):
        found = next((d for d in directives if d[0].lower() == name), None)
        if found is None:
            directives.append([name, "'self'"])
            changed = True
        elif "'self'" not in found:
            found[1:] = ["'self'", *(s for s in found[1:] if s != "'none'")]
            changed = True
    if not changed:
        return escaped
    return html.escape("; ".join(" ".join(d) for d in directives)).encode()
