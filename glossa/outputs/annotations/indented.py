"""Indented JSON, the bytes `json.dumps(value, ensure_ascii=False, indent=N, sort_keys=True)` gives, made faster.

With `indent`, the standard library gives up its C encoder for a pure-Python one built of nested generators;
an edition's annotations (a few hundred small objects) then took longer to print than to build. Here the
containers are laid out by one recursive function and every string and number is still encoded by `json`
itself, so the output is the same text (tests/test_indented_json.py compares the two on generated values).
"""
from __future__ import annotations

import json
from typing import Any

# The standard library's own string encoder (its C version when available), the one dumps uses here.
_string = json.encoder.encode_basestring


def indented_json(value: Any, indent: int) -> str:
    parts: list[str] = []
    _write(value, parts, "\n", " " * indent)
    return "".join(parts)


def _write(value: Any, parts: list[str], newline: str, step: str) -> None:
    if isinstance(value, str):
        parts.append(_string(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + step
        separator = "{" + inner
        for key in sorted(value):
            if not isinstance(key, str):  # dumps would convert other keys; none of Glossa's documents has them
                raise TypeError(f"keys must be strings, not {type(key).__name__}")
            parts.append(separator)
            parts.append(_string(key))
            parts.append(": ")
            _write(value[key], parts, inner, step)
            separator = "," + inner
        parts.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + step
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write(item, parts, inner, step)
            separator = "," + inner
        parts.append(newline + "]")
    else:  # numbers, booleans, None: as json writes them (it refuses anything else)
        parts.append(json.dumps(value))
