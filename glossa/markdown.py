"""Markdown from annotation files, parsed once and rendered so that untrusted text stays harmless.

Raw HTML is switched off in the parser (it is shown as text), so no tag, attribute or style from a
pull request reaches a page; links are kept only for http, https and mailto addresses and in-page
fragments, so `javascript:`, `data:` and `vbscript:` never become links however they are written;
images are off (no request may leave the site), and headings are off (a note must not add to the
page's outline). Links to other sites get rel="noopener noreferrer". Quotes and dashes are made
typographic (outside code), and Cyrillic runs are marked with their language. With all HTML disabled there is
nothing left to sanitise, so no sanitiser library is needed. Cross-references such as
[Thermidor](glossary:thermidor) or [see ¶7](paragraph:7) are checked by resolve and become links
relative to the page the text is shown on.

Each text is parsed once (`parse`); the tokens are kept in a ParsedMarkdown, which gives both the
cross-references the text makes (for resolve's checks) and the HTML (`render`), as often as needed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.common.utils import escapeHtml
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from .outputs.html.languages import split_languages

_ALLOWED_SCHEMES = {"http", "https", "mailto"}
INTERNAL_SCHEMES = ("glossary", "note", "computation", "paragraph", "edition")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, kw_only=True)
class ParsedMarkdown:
    """One Markdown text, parsed: its tokens, and the cross-references it makes in order of appearance.
    Render it with `render`; the tokens are never changed, so one parse serves every page it appears on."""

    tokens: tuple[Token, ...]
    inline: bool                           # one line (no wrapping <p>), e.g. an emendation's reason
    cross_references: tuple[str, ...]      # e.g. 'glossary:thermidor', as written
    # The HTML by the links it was rendered with. A memo only, never part of what the text is: a glossary
    # definition is shown on every page of every edition that uses the entry (and in its EPUB and annotations),
    # with the same few relative links each time, and rendering it again is most of what Markdown costs a build.
    rendered: dict[tuple[tuple[str, str], ...], Markup] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.tokens) and any(t.children or t.type != "inline" for t in self.tokens)


def parse(text: str, inline: bool = False) -> ParsedMarkdown:
    """Parse a Markdown text once. Cross-references are found in the tokens, so a link shown as code
    (`[x](glossary:y)`) is not one."""
    md = _parser()
    tokens = tuple(md.parseInline(text) if inline else md.parse(text))
    found = []
    for block in tokens:
        for token in block.children or []:
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                if href.partition(":")[0] in INTERNAL_SCHEMES:
                    found.append(href)
    return ParsedMarkdown(tokens=tokens, inline=inline, cross_references=tuple(found))


def render(parsed: ParsedMarkdown, hrefs: Mapping[str, str]) -> Markup:
    """The text as HTML; `hrefs` maps each cross-reference to its URL from the page being rendered
    (one not in the map, which resolve has already reported, goes nowhere: '#')."""
    key = tuple(sorted(hrefs.items()))
    html = parsed.rendered.get(key)
    if html is None:
        md = _parser()
        html = parsed.rendered[key] = Markup(md.renderer.render(parsed.tokens, md.options, {"hrefs": hrefs}).strip())
    return html


def is_safe_url(url: str) -> bool:
    """True for http(s) and mailto URLs and same-page fragments; entity and whitespace tricks are undone first."""
    cleaned = _CONTROL.sub("", unescape(url))
    if cleaned.startswith("#"):
        return True
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme in INTERNAL_SCHEMES and cleaned.startswith(scheme + ":"):
        return True
    return scheme in _ALLOWED_SCHEMES and cleaned.lower().startswith(scheme + ":")


def _render_link_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: EnvType) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    attrs: dict[str, Any] = dict(token.attrs)
    if href.split(":", 1)[0] in INTERNAL_SCHEMES:
        attrs["href"] = env["hrefs"].get(href, "#")
    elif not href.startswith("#"):
        attrs["rel"] = "noopener noreferrer"
    # A copy: the kept tokens must read the same the next time they are rendered, for another page.
    return renderer.renderToken([token.copy(attrs=attrs)], 0, options, env)


def _render_text(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                 env: EnvType) -> str:
    # Runs of Cyrillic get their language (languages.py), so a screen reader switches voice for them.
    return "".join(escapeHtml(piece) if lang is None else f'<span lang="{lang}">{escapeHtml(piece)}</span>'
                   for piece, lang in split_languages(tokens[idx].content))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # The typographer gives the editor's prose curly quotes, apostrophes and dashes ("--" en, "---" em);
    # it works on text tokens only, so code spans keep their straight quotes.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True, "quotes": "“”‘’"})
    md.enable(["replacements", "smartquotes"])
    md.disable(["image", "heading", "lheading", "html_block", "html_inline", "reference"])
    md.add_render_rule("text", _render_text)
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.add_render_rule("link_open", _render_link_open)
    return md
