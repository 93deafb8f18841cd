"""Read a built page the way the tests need it, with the standard library's HTML parser.

`paragraphs(html)` gives, for every body paragraph p#p-N, its reading text (editorial marks left out)
and the transcription text it stands for (each emended reading replaced by its data-original).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class ParagraphText:
    reading: str = ""
    original: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)   # (class, href)
    link_offsets: dict[str, int] = field(default_factory=dict)   # href -> length of `original` where it starts


class _Paragraphs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result: dict[int, ParagraphText] = {}
        self.current: ParagraphText | None = None
        self.depth = 0            # element depth inside the current paragraph
        self.skip_depth = None    # depth at which an editorial (data-ed) element started
        self.emended_depth = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.current is None:
            if tag == "p" and (a.get("id") or "").startswith("p-"):
                self.current = self.result.setdefault(int(a["id"][2:]), ParagraphText())
                self.depth = 0
            return
        if tag in VOID:
            return
        self.depth += 1
        if tag == "a":
            self.current.links.append((a.get("class") or "", a.get("href") or ""))
            self.current.link_offsets.setdefault(a.get("href") or "", len(self.current.original))
        if self.skip_depth is None and "data-ed" in a:
            self.skip_depth = self.depth
        if "data-original" in a and self.emended_depth is None:
            self.emended_depth = self.depth
            self.current.original += a["data-original"]

    def handle_endtag(self, tag):
        if self.current is None or tag in VOID:
            return
        if self.depth == 0 and tag == "p":
            self.current = None
            return
        if self.skip_depth == self.depth:
            self.skip_depth = None
        if self.emended_depth == self.depth:
            self.emended_depth = None
        self.depth -= 1

    def handle_data(self, data):
        if self.current is None or self.skip_depth is not None:
            return
        self.current.reading += data
        if self.emended_depth is None:
            self.current.original += data


def paragraphs(html: str) -> dict[int, ParagraphText]:
    parser = _Paragraphs()
    parser.feed(html)
    return parser.result


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name in ("href", "src") and value is not None:
                self.hrefs.append(value)


def ids_and_links(html: str) -> tuple[list[str], list[str]]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids, parser.hrefs
