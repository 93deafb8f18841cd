"""BibTeX (biblatex fields, with BibTeX's year and month too, so either program reads it)."""
from __future__ import annotations

from ...citation import EditionCitation, Name

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def escape(text: str) -> str:
    """Text as a BibTeX field value: LaTeX's special characters escaped (UTF-8 otherwise, as biber reads it)."""
    return "".join(_SPECIAL.get(ch, ch) for ch in " ".join(text.split()))


def _names(names: tuple[Name, ...]) -> str:
    # A body's name is braced whole, so BibTeX does not take its last word for a family name.
    return " and ".join("{" + escape(n.literal) + "}" if n.literal else escape(n.inverted) for n in names)


def bibtex(citation: EditionCitation) -> bytes:
    parts = citation.published.split("-")
    fields = [("author", _names((citation.author,))), ("title", "{" + escape(citation.title) + "}"),
              ("journal", escape(citation.periodical)), ("journaltitle", escape(citation.periodical)),
              ("date", citation.published), ("year", parts[0])]
    if len(parts) > 1:
        fields.append(("month", MONTHS[int(parts[1]) - 1]))
    if citation.volume:
        fields.append(("volume", escape(citation.volume)))
    if citation.issue:
        fields.append(("number", escape(citation.issue)))
    if citation.translator is not None:
        fields.append(("translator", _names((citation.translator,))))
    fields += [("editor", _names(citation.editors)), ("version", escape(citation.version)),
               ("publisher", escape(citation.publisher)), ("url", citation.url), ("langid", escape(citation.language)),
               ("note", escape(_note(citation)))]
    body = ",\n".join(f"  {name} = {{{value}}}" if name not in ("month",) else f"  {name} = {value}"
                      for name, value in fields)
    return f"@article{{{citation.key},\n{body}\n}}\n".encode("utf-8")


def _note(citation: EditionCitation) -> str:
    dated = f" of {citation.version_date}" if citation.version_date else ""
    return f"{citation.publisher} edition, version {citation.version}{dated}: {citation.version_url}"
