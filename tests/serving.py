"""Serve a folder for tests: Glossa's own dev-server handler on 127.0.0.1 at a free port."""
from __future__ import annotations

import threading
from pathlib import Path

from glossa.serve.httpd import DevServer, make_server

# serve_forever() looks for a shutdown request once per poll interval; the standard library's 0.5 s made
# every test that stops a server wait about half a second in its teardown.
POLL_INTERVAL = 0.02


def serve_folder(site: Path) -> DevServer:
    """A quiet server for `site` on a free port, in a daemon thread; stop it with `shutdown()`."""
    server = make_server(site, 0, quiet=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL},
                     name="test-server", daemon=True).start()
    return server
