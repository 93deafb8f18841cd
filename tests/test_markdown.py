"""Markdown in annotations: parsed once, cross-references found by parsing, links kept only for safe schemes."""
from glossa.markdown import is_safe_url, parse, render


def test_cross_references_are_found_by_parsing_not_by_pattern():
    text = "See [a](glossary:x), [b](paragraph:7), `[c](glossary:in-code)` and [d](https://example.org)."
    assert parse(text).cross_references == ("glossary:x", "paragraph:7")
    assert parse(text, inline=True).cross_references == ("glossary:x", "paragraph:7")


def test_cross_references_become_the_given_urls_and_unknown_ones_go_nowhere():
    html = render(parse("[T](glossary:thermidor) [U](glossary:unknown)"), {"glossary:thermidor": "../glossary/#thermidor"})
    assert '<a href="../glossary/#thermidor">T</a>' in html and '<a href="#">U</a>' in html


def test_one_parse_renders_for_any_number_of_pages():
    """Rendering must not change the kept tokens: the same text is shown on pages at different depths."""
    parsed = parse("See [Thermidor](glossary:thermidor) and [the source](https://example.org).")
    from_root = render(parsed, {"glossary:thermidor": "glossary/#thermidor"})
    from_reader = render(parsed, {"glossary:thermidor": "../glossary/#thermidor"})
    assert '<a href="glossary/#thermidor">Thermidor</a>' in from_root
    assert '<a href="../glossary/#thermidor">Thermidor</a>' in from_reader
    assert from_reader.count('rel="noopener noreferrer"') == 1
    assert render(parsed, {"glossary:thermidor": "glossary/#thermidor"}) == from_root


def test_inline_text_has_no_paragraph_and_block_text_has():
    assert render(parse("*a* b", inline=True), {}) == "<em>a</em> b"
    assert render(parse("*a* b"), {}) == "<p><em>a</em> b</p>"
    assert not parse("") and not parse("", inline=True) and parse("x")


def test_only_http_https_mailto_and_fragments_are_safe():
    for url in ["https://a.b/c", "http://a.b", "mailto:x@y.z", "#p-3"]:
        assert is_safe_url(url), url
    for url in ["javascript:alert(1)", "JAVASCRIPT:x", "java\tscript:x", "&#106;avascript:x", "data:text/html,x",
                "vbscript:x", "file:///etc/passwd", " javascript:x"]:
        assert not is_safe_url(url), url
