"""Released versions (`build.py release SLUG`): what a version said stays addressable, byte for byte.

The release freezes the edition's data files under content/editions/SLUG/versions/VERSION/ with a manifest of
their SHA-256; every later build publishes them unchanged at SLUG/v/VERSION/, links them from that version's
changelog entry on the about page, and refuses them changed.
"""
from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from glossa import urls
from glossa.build.pipeline import Project, build_pages
from glossa.cli import main
from glossa.codes import Code
from glossa.outputs.versions import frozen_formats
from glossa.read.versions import MANIFEST, VERSIONS_FOLDER, manifest_json
from glossa.read.reader import Reader
from glossa.read.schema import SchemaSet


def only_edition(content: Path) -> str:
    (slug,) = [p.name for p in (content / "editions").iterdir() if p.is_dir()]
    return slug


def current_version(project, slug: str) -> str:
    reader = Reader(project.root, SchemaSet.load(project.root / "schemas"))
    source, _ = reader.read_edition(project.content / "editions" / slug)
    assert source is not None
    return source.meta.version


def release(project, slug: str) -> int:
    return main(["release", slug, "--jobs", "1"], root=project.root)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


class Links(HTMLParser):
    """The links inside the element with the id `within` (a changelog entry), as href -> data-format."""

    def __init__(self, within: str) -> None:
        super().__init__()
        self.within, self.depth, self.links = within, 0, {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "a":
                self.links[attributes["href"]] = attributes.get("data-format")
        elif attributes.get("id") == self.within:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def changelog_links(site: Path, slug: str, version: str) -> dict[str, str | None]:
    parser = Links(urls.version_id(version))
    parser.feed((site / urls.about_page(slug)).read_text(encoding="utf-8"))
    return parser.links


def test_release_freezes_the_data_files_the_build_then_publishes_byte_for_byte(small_project, capsys):
    slug = only_edition(small_project.content)
    version = current_version(small_project, slug)
    assert small_project.build() == 0
    current = site_files(small_project.site)
    capsys.readouterr()

    assert release(small_project, slug) == 0
    out = capsys.readouterr().out
    frozen = small_project.content / "editions" / slug / VERSIONS_FOLDER / version
    names = set(frozen_formats(slug))
    assert {p.name for p in frozen.iterdir()} == names | {MANIFEST}
    for name in [*names, MANIFEST]:
        assert name in out, "the release says what it wrote"
    manifest = json.loads((frozen / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["version"] == version
    assert manifest["files"] == {name: hashlib.sha256((frozen / name).read_bytes()).hexdigest() for name in names}
    for name, fmt in frozen_formats(slug).items():   # frozen from what the build writes as the current files
        assert (frozen / name).read_bytes() == current[fmt.path(slug)]

    assert small_project.build() == 0
    published = site_files(small_project.site)
    for name in names:
        assert published[urls.version_file(slug, version, name)] == (frozen / name).read_bytes()


def test_the_about_page_links_each_frozen_file_from_its_version_entry(small_project):
    slug = only_edition(small_project.content)
    version = current_version(small_project, slug)
    assert small_project.build() == 0
    assert changelog_links(small_project.site, slug, version) == {}, "nothing is linked before a release"

    assert release(small_project, slug) == 0
    assert small_project.build() == 0
    links = changelog_links(small_project.site, slug, version)
    formats = frozen_formats(slug)
    assert sorted(links.values()) == sorted(f.name for f in formats.values())
    about = small_project.site / urls.about_page(slug)
    frozen = small_project.content / "editions" / slug / VERSIONS_FOLDER / version
    for href in links:
        target = (about.parent / unquote(href)).resolve()
        assert target.read_bytes() == (frozen / target.name).read_bytes(), href


def test_a_release_changes_no_other_output_than_the_about_page_and_adds_only_the_frozen_files(small_project):
    slug = only_edition(small_project.content)
    version = current_version(small_project, slug)
    assert small_project.build() == 0
    before = site_files(small_project.site)
    assert release(small_project, slug) == 0
    assert small_project.build() == 0
    after = site_files(small_project.site)

    added = set(after) - set(before)
    assert added == {urls.version_file(slug, version, name) for name in frozen_formats(slug)}
    assert set(before) - set(after) == set()
    changed = {path for path in before if before[path] != after[path]
               and not path.startswith(urls.SEARCH_FOLDER + "/")}   # the search index indexes the about page
    assert changed == {urls.about_page(slug)}
    assert not any("/v/" in line for line in after[urls.SITEMAP_FILE].decode().splitlines()), \
        "the sitemap lists pages, not data files"


def test_releasing_the_same_version_again_is_a_no_op(small_project, capsys):
    slug = only_edition(small_project.content)
    frozen = small_project.content / "editions" / slug / VERSIONS_FOLDER / current_version(small_project, slug)
    assert release(small_project, slug) == 0
    first = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in frozen.iterdir()}
    capsys.readouterr()

    assert release(small_project, slug) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in frozen.iterdir()} == first


def test_a_version_released_with_other_files_is_not_rewritten(small_project, capsys):
    """What version V said was released before, and the content has changed since without a new version:
    the release refuses, in one line, and leaves the earlier release as it was."""
    slug = only_edition(small_project.content)
    version = current_version(small_project, slug)
    frozen = small_project.content / "editions" / slug / VERSIONS_FOLDER / version
    frozen.mkdir(parents=True)
    earlier = {"cite.json": b'[{"id": "earlier", "type": "article", "title": "What the version said"}]\n'}
    (frozen / "cite.json").write_bytes(earlier["cite.json"])
    (frozen / MANIFEST).write_bytes(manifest_json(version, earlier))
    assert small_project.build() == 0, "an earlier release that is intact builds"
    capsys.readouterr()

    assert release(small_project, slug) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and version in err and "new version" in err
    assert {p.name: p.read_bytes() for p in frozen.iterdir()} == {**earlier, MANIFEST: manifest_json(version, earlier)}


def test_a_changed_frozen_file_fails_the_build_with_its_code_even_when_the_edition_was_cached(small_project, capsys):
    """The frozen files are inputs of the edition's cache key: a build after tampering cannot reuse the record
    of the build before it, which checked the untampered bytes."""
    slug = only_edition(small_project.content)
    version = current_version(small_project, slug)
    assert release(small_project, slug) == 0
    assert small_project.build() == 0
    before = site_files(small_project.site)
    tampered = small_project.content / "editions" / slug / VERSIONS_FOLDER / version / "cite.json"
    tampered.write_bytes(tampered.read_bytes().replace(b"[", b"[ ", 1))

    diagnostics = build_pages(Project.at(small_project.root)).diagnostics
    assert [(d.code, d.location.path, d.location.line) for d in diagnostics] == [
        (Code.FROZEN_VERSION_CHANGED, tampered.relative_to(small_project.root).as_posix(), 1)]
    capsys.readouterr()
    assert small_project.build() == 1
    assert Code.FROZEN_VERSION_CHANGED in capsys.readouterr().err
    assert site_files(small_project.site) == before


def test_a_released_version_must_keep_its_changelog_entry(small_project):
    slug = only_edition(small_project.content)
    version = current_version(small_project, slug)
    assert release(small_project, slug) == 0
    frozen = small_project.content / "editions" / slug / VERSIONS_FOLDER / version
    renamed = frozen.with_name(version + "-gone")
    frozen.rename(renamed)   # a version the changelog does not know
    manifest = json.loads((renamed / MANIFEST).read_text(encoding="utf-8"))
    (renamed / MANIFEST).write_text(json.dumps({**manifest, "version": renamed.name}, indent=2), encoding="utf-8")

    diagnostics = build_pages(Project.at(small_project.root)).diagnostics
    assert [(d.code, d.location.path) for d in diagnostics] == [
        (Code.FROZEN_VERSION_INCOMPLETE, (renamed / MANIFEST).relative_to(small_project.root).as_posix())]


@pytest.mark.parametrize("slug", ["no-such-edition", "../content"])
def test_release_of_an_unknown_edition_is_refused_in_one_line(small_project, capsys, slug):
    assert release(small_project, slug) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no edition" in err
    assert not any((small_project.content / "editions").glob(f"*/{VERSIONS_FOLDER}"))
