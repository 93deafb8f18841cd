"""CSL-JSON: a list of one item, as Zotero, Pandoc and every CSL processor import it."""
from __future__ import annotations

import json

from ...citation import EditionCitation


def csl_json(citation: EditionCitation) -> bytes:
    return (json.dumps([citation.csl()], ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
