"""Writing YAML text by hand, for the files `build.py new` and the dev server create: values quoted safely.

The skeletons are written as text, not dumped from data, because their comments are half their worth.
"""
from __future__ import annotations

import json

from ..read.characters import HIDDEN


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar. JSON's string syntax is valid YAML and escapes quotes,
    backslashes and C0 controls; DEL, C1 and bidi controls are escaped too, so none is ever written raw
    (an emendation's `original` may hold an escaped bidi control; the build refuses one anywhere else)."""
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
