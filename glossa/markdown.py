"""Markdown from annotation files, rendered so that untrusted text stays harmless.

Raw HTML is switched off in the parser (it is shown as text), so no tag, attribute or style from a
pull request reaches a page; links are kept only for http, https and mailto addresses and in-page
fragments, so `javascript:`, `data:` and `vbscript:` never become links however they are written;
images are off (no request may leave the site), and headings are off (a note must not add to the
page's outline). Links to other sites get rel="noopener noreferrer". With all HTML disabled there is
nothing left to sanitise, so no sanitiser library is needed. Cross-references such as
[Thermidor](glossary:thermidor) or [see ¶7](paragraph:7) are checked by resolve and become relative links.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

_ALLOWED_SCHEMES = {"http", "https", "mailto"}
INTERNAL_SCHEMES = ("glossary", "note", "computation", "paragraph", "edition")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def internal_links(text: str) -> list[str]:
    """The cross-references a Markdown text makes, e.g. 'glossary:thermidor' in [Thermidor](glossary:thermidor).
    Found by parsing, so a link shown as code (`[x](glossary:y)`) is not one."""
    found = []
    for block in _parser().parse(text):
        for token in block.children or []:
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                if href.partition(":")[0] in INTERNAL_SCHEMES:
                    found.append(href)
    return found


def is_safe_url(url: str) -> bool:
    """True for http(s) and mailto URLs and same-page fragments; entity and whitespace tricks are undone first."""
    cleaned = _CONTROL.sub("", unescape(url))
    if cleaned.startswith("#"):
        return True
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme in INTERNAL_SCHEMES and cleaned.startswith(scheme + ":"):
        return True
    return scheme in _ALLOWED_SCHEMES and cleaned.lower().startswith(scheme + ":")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "heading", "lheading", "html_block", "html_inline", "reference"])
    md.validateLink = is_safe_url

    def render_link_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        if href.split(":", 1)[0] in INTERNAL_SCHEMES:
            # Cross-references were checked by resolve; env["links"] maps each to its page-relative URL.
            token.attrSet("href", env.get("links", {}).get(href, "#"))
        elif not href.startswith("#"):
            token.attrSet("rel", "noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", render_link_open)
    return md


def render_block(text: str, links: dict[str, str] | None = None) -> Markup:
    """Markdown paragraphs and lists as HTML; `links` maps cross-references to URLs."""
    return Markup(_parser().render(text, {"links": links or {}}).strip())


def render_inline(text: str, links: dict[str, str] | None = None) -> Markup:
    """Markdown for a single line (emphasis, links), without a wrapping <p>."""
    return Markup(_parser().renderInline(text, {"links": links or {}}).strip())
