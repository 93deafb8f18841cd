"""Markdown in annotations: cross-references found by parsing, links kept only for safe schemes."""
from glossa.markdown import internal_links, is_safe_url, render_block


def test_cross_references_are_found_by_parsing_not_by_pattern():
    text = "See [a](glossary:x), [b](paragraph:7), `[c](glossary:in-code)` and [d](https://example.org)."
    assert internal_links(text) == ["glossary:x", "paragraph:7"]


def test_cross_references_become_the_given_urls_and_unknown_ones_go_nowhere():
    html = render_block("[T](glossary:thermidor) [U](glossary:unknown)", {"glossary:thermidor": "../glossary/#thermidor"})
    assert '<a href="../glossary/#thermidor">T</a>' in html and '<a href="#">U</a>' in html


def test_only_http_https_mailto_and_fragments_are_safe():
    for url in ["https://a.b/c", "http://a.b", "mailto:x@y.z", "#p-3"]:
        assert is_safe_url(url), url
    for url in ["javascript:alert(1)", "JAVASCRIPT:x", "java\tscript:x", "&#106;avascript:x", "data:text/html,x",
                "vbscript:x", "file:///etc/passwd", " javascript:x"]:
        assert not is_safe_url(url), url
