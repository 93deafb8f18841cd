"""The base text's checksum: source.txt must be the text the edition's annotations were written against.

edition.yaml records `source_sha256`, the SHA-256 of source.txt as read (UTF-8, lines ending in \\n,
without a byte-order mark: for a file saved that way it equals `sha256sum source.txt`). A changed
character then fails the build instead of passing unnoticed, and a deliberate change must update the
recorded value, so the change shows in review beside the text's diff.
"""
from __future__ import annotations

import hashlib

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from .yamlfile import YamlDocument

FIELD = "source_sha256"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_source_checksum(text: str, meta: YamlDocument, source_rel: str) -> list[Diagnostic]:
    """G180 when edition.yaml records no checksum, or one that source.txt no longer matches."""
    actual = text_sha256(text)
    recorded = meta.data.get(FIELD)
    if recorded is None:
        return [error(Code.SOURCE_CHECKSUM, f"edition.yaml does not record the checksum of {source_rel}.", meta.file,
                      f"Add the line '{FIELD}: {actual}' (the checksum of the text as it is now, after checking "
                      f"that {source_rel} is the text as received).")]
    if recorded == actual:
        return []
    # The old text is not known, so the changed line cannot be shown here; review's diff of source.txt shows it.
    return [error(Code.SOURCE_CHECKSUM, f"{source_rel} does not match the checksum recorded in edition.yaml: the text's checksum "
                          f"is {actual}, the recorded one is {recorded}.", meta.where((FIELD,)),
                  f"If you changed {source_rel} on purpose, set {FIELD}: {actual} so the change shows in review; "
                  f"otherwise restore {source_rel} as received (e.g. git checkout -- {source_rel}).")]
