"""The site's address scheme (glossa/urls.py) and the HTTP headers the build asks hosts to send."""
from __future__ import annotations

import re

import pytest

from glossa import urls
from glossa.outputs.html.renderer import CSP


@pytest.mark.parametrize("here, target, expected", [
    ("index.html", urls.Target(page="glossary/index.html", fragment="thermidor"), "glossary/#thermidor"),
    ("glossary/index.html", urls.Target(page="glossary/index.html", fragment="thermidor"), "#thermidor"),
    ("slug/index.html", urls.Target(page="glossary/index.html", fragment="thermidor"), "../glossary/#thermidor"),
    ("slug/about.html", urls.Target(page="slug/index.html", fragment="emendations"), "./#emendations"),
    ("slug/index.html", urls.Target(page="slug/about.html"), "about.html"),
    ("glossary/index.html", urls.Target(page="index.html"), "../"),
    ("index.html", urls.Target(page="index.html"), "./"),
    ("index.html", urls.Target(page="slug/computations.json"), "slug/computations.json"),
    ("other/index.html", urls.Target(page="slug/index.html", fragment="p-7"), "../slug/#p-7"),
])
def test_links_are_relative_to_the_page_that_shows_them(here, target, expected):
    assert urls.href(here, target) == expected


def test_a_link_never_climbs_above_the_site_root():
    pages = ["index.html", "glossary/index.html", "slug/index.html", "slug/about.html", "assets/main.js"]
    for here in pages:
        depth = here.count("/")
        for page in pages:
            url = urls.href(here, urls.Target(page=page, fragment="x"))
            assert url.count("../") <= depth, (here, page, url)


def test_ids_of_different_kinds_cannot_collide():
    """The same content id used by a note, an emendation, a calculation and a glossary entry gives four ids."""
    made = [urls.note_id("x"), urls.note_ref_id("x"), urls.emendation_id("x"), urls.emendation_ref_id("x"),
            urls.callout_id("x"), urls.callout_ref_id("x"), urls.callout_title_id("x"),
            urls.entry_id("x"), urls.entry_heading_id("x"), urls.term_definition_id("x"), urls.paragraph_id(1),
            urls.glossary_kind_id("x")]
    assert len(set(made)) == len(made)


def test_headers_forbid_framing_sniffing_and_referrers(built_site):
    text = (built_site / urls.HEADERS_FILE).read_text(encoding="utf-8")
    lines = text.split("\n/", 1)[0].splitlines()   # the rule for every file (the search page's follows it)
    assert lines[0] == "/*" and all(line.startswith("  ") for line in lines[1:])
    headers = dict(line.strip().split(": ", 1) for line in lines[1:])
    assert headers["Content-Security-Policy"] == CSP + "; frame-ancestors 'none'"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_the_readme_documents_the_headers_for_other_hosts(project_root):
    """Hosts that do not read _headers need the same headers set by hand: the README lists each one."""
    readme = (project_root / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Security headers\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "README.md has no 'Security headers' section"
    for name, value in (("Content-Security-Policy", CSP + "; frame-ancestors 'none'"), ("X-Frame-Options", "DENY"),
                        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")):
        assert f"{name}: {value}" in section.group(1), name
