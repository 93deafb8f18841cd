"""Serve a folder on 127.0.0.1 at a free port with Glossa's own dev-server handler (for tests)."""
from __future__ import annotations

import http.server
import threading
from pathlib import Path

from glossa.serve import make_handler


def serve_folder(folder: Path) -> http.server.ThreadingHTTPServer:
    handler = make_handler(folder)
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
