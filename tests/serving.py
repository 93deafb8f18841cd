"""Serve a folder for tests: Glossa's own dev-server handler on 127.0.0.1 at a free port."""
from glossa.serve.loop import serve_in_background as serve_folder  # noqa: F401
