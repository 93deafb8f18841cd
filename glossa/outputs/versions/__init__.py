"""Released versions: what `build.py release` freezes of an edition, and the build's publishing of every frozen
version at its own stable address (urls.version_file), byte for byte as released, once its manifest vouches
for each file (read/versions.py). The current files (SLUG/annotations.jsonld, …) change with every edit; these
never do, so a citation of version 1.0 keeps pointing at what 1.0 said.
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from ... import urls
from ...codes import Code
from ...diagnostics import Diagnostic, error
from ...model import Edition, Page
from ...read.versions import read_frozen
from ...records import EditionMeta, FrozenVersion
from ..formats import Download, Format, format_named

# The data files a release freezes (names in outputs/formats.py): what another tool reads and cites. The
# pages, the EPUB and the PDF are not frozen: they show the current version, and link the frozen ones.
FROZEN_FORMATS = ("annotations", "computations", "csl-json", "text")


def frozen_formats(slug: str) -> dict[str, Format]:
    """File name -> its format, for the files a release of `slug` freezes (the names they have beside the
    edition's pages: annotations.jsonld, computations.json, cite.json, SLUG.txt)."""
    return {posixpath.basename(f.path(slug)): f for f in map(format_named, FROZEN_FORMATS)}


def edition_files(edition: Edition, root: Path, most: int, plain: Callable[[Path], bool]
                  ) -> tuple[list[Page], list[Diagnostic]]:
    """Every released version's files, checked against their manifests, at urls.version_file. `most` bounds each
    file's size; `plain` says a path is no link (read.reader.Reader.plain)."""
    meta = edition.meta
    allowed = frozenset(frozen_formats(meta.slug))
    changelog = {entry.version for entry in meta.changelog}
    pages: list[Page] = []
    problems: list[Diagnostic] = []
    for version in meta.frozen:
        if version.version not in changelog:
            problems.append(error(Code.FROZEN_VERSION_INCOMPLETE, f"The released version {version.version} has no "
                                  "entry in edition.yaml's changelog, so its files could not be linked from it.",
                                  version.location, "Keep every released version's entry in `changelog:`."))
        files, found = read_frozen(version, root, allowed, most, plain)
        problems += found
        pages += [Page(urls.version_file(meta.slug, version.version, name), data) for name, data in files.items()]
    return pages, problems


def released_downloads(meta: EditionMeta) -> dict[str, tuple[Download, ...]]:
    """Version -> the links to its frozen files, as the about page's changelog entry shows them."""
    formats = frozen_formats(meta.slug)
    order = list(formats)

    def links(version: FrozenVersion) -> tuple[Download, ...]:
        names = sorted((f.name for f in version.files if f.name in formats), key=order.index)
        return tuple(Download(name=formats[name].name, label=formats[name].label, media_type=formats[name].media_type,
                              target=urls.Target(page=urls.version_file(meta.slug, version.version, name)))
                     for name in names)

    return {version.version: links(version) for version in meta.frozen}
