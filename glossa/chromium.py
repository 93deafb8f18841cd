"""Which Chromium Glossa drives: `build.py pdf`, the browser tests and the page benchmarks (the one place it is
looked for; `python scripts/chromium.py` prints what it finds).

Playwright cannot download its own browser here, so a system Chromium is used: the one the CHROMIUM
environment variable names, else `chromium` or `chromium-browser` on the PATH, else Debian's
/usr/bin/chromium. A CHROMIUM that names nothing runnable is reported, never silently replaced by
another browser.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ON_PATH = ("chromium", "chromium-browser")
DEBIAN = Path("/usr/bin/chromium")
INSTALL = "install Debian's package (`apt-get install chromium`) or set CHROMIUM to a Chromium executable"
# The flags every headless run here needs: no sandbox as root, and no calls home.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


@dataclass(frozen=True, kw_only=True)
class Chromium:
    """The browser found, or why none was: exactly one of `path` and `problem` is set."""

    path: Path | None
    problem: str = ""


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_chromium(environ: Mapping[str, str] = os.environ, fallback: Path = DEBIAN) -> Chromium:
    named = environ.get("CHROMIUM", "").strip()
    search_path = environ.get("PATH", os.defpath)
    if named:
        found = shutil.which(named, path=search_path) if os.sep not in named else named
        if found and _runnable(Path(found)):
            return Chromium(path=Path(found))
        return Chromium(path=None, problem=f"CHROMIUM={named} is not a runnable file: {INSTALL}")
    for name in ON_PATH:
        found = shutil.which(name, path=search_path)
        if found:
            return Chromium(path=Path(found))
    if _runnable(fallback):
        return Chromium(path=fallback)
    return Chromium(path=None, problem=f"no Chromium found (CHROMIUM is unset, neither {' nor '.join(ON_PATH)} "
                                       f"is on the PATH, and {fallback} does not exist): {INSTALL}")

