"""The templates' indentation, taken out of the pages they render.

Between tags, a line break followed by spaces renders exactly as a line break alone (HTML collapses white space),
so the indentation that keeps the templates readable is only weight: about a tenth of the reader's raw bytes.
Only text between tags is touched: attribute values and the contents of `pre`, `textarea`, `script` and
`style`, where white space can mean something, are left as they are.
"""
from __future__ import annotations

import re

__all__ = ["compact_html"]

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_TAG = re.compile(r"(<[^>]*>)")
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact_html(html: str) -> str:
    """`html` with every run of line breaks and indentation between tags reduced to one line break."""
    out: list[str] = []
    pieces = _KEPT.split(html)
    # split() with two groups yields: text, kept element, its tag name, text, ...
    for i in range(0, len(pieces), 3):
        for j, part in enumerate(_TAG.split(pieces[i])):
            out.append(part if j % 2 else _INDENT.sub("\n", part))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
    return "".join(out)
