"""The stylesheet and scripts as shipped: comments and needless whitespace removed at build time.

The sources in templates/assets/ stay commented for their readers; the reader page loads them minified,
which takes about a third off their gzipped weight (scripts/bench_page.py measures it). Both minifiers
only remove comments and whitespace: no name is mangled and no code is rewritten, so what runs is the
source as written and an error in the browser still names a function a reader can find.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

import rcssmin  # type: ignore[import-untyped]  # no stubs; two functions, str -> str
import rjsmin  # type: ignore[import-untyped]


def _css(text: str) -> str:
    return str(rcssmin.cssmin(text))


def _js(text: str) -> str:
    return str(rjsmin.jsmin(text))


# Other assets (fonts, the icon, data) pass through unchanged.
_MINIFIERS: dict[str, Callable[[str], str]] = {".css": _css, ".js": _js, ".mjs": _js}


def minifiable(path: str) -> bool:
    """Whether `minify` changes a file of this name (a stylesheet or a script)."""
    return PurePosixPath(path).suffix.lower() in _MINIFIERS


def minify(path: str, data: bytes) -> bytes:
    """The file's bytes as shipped: CSS and JavaScript (UTF-8) minified, anything else unchanged.

    `path` is only read for its suffix. Minifying twice gives what minifying once gave."""
    minifier = _MINIFIERS.get(PurePosixPath(path).suffix.lower())
    if minifier is None:
        return data
    text = data.decode("utf-8")
    shipped = minifier(text).strip()
    return (shipped + "\n").encode("utf-8") if shipped else b""
