"""RIS, as EndNote, Zotero and Mendeley import it: tagged lines, CRLF-ended, closed by ER."""
from __future__ import annotations

from ...citation import EditionCitation


def _date(iso: str) -> str:
    """RIS dates are YYYY/MM/DD/ with empty parts left empty."""
    parts = iso.split("-") + ["", ""]
    return f"{parts[0]}/{parts[1]}/{parts[2]}/"


def ris(citation: EditionCitation) -> bytes:
    lines = [("TY", "NEWS"), ("TI", citation.title), ("AU", citation.author.inverted), ("T2", citation.periodical),
             ("JO", citation.periodical), ("DA", _date(citation.published)), ("PY", citation.published[:4])]
    if citation.volume:
        lines.append(("VL", citation.volume))
    if citation.issue:
        lines.append(("IS", citation.issue))
    if citation.translator is not None:
        lines.append(("A4", citation.translator.inverted))   # A4: translator in RIS's newspaper type
    lines += [("A3", e.inverted) for e in citation.editors]   # A3: tertiary author, the edition's editors
    lines += [("ET", f"Version {citation.version}"), ("PB", citation.publisher), ("LA", citation.language),
              ("UR", citation.url), ("N1", f"{citation.publisher} edition, version {citation.version}"
                                           + (f" of {citation.version_date}" if citation.version_date else "")
                                           + f": {citation.version_url}"), ("ER", "")]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines).encode("utf-8")
