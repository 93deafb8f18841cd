"""`build.py release SLUG`: freeze what the edition's current version says, so that it stays addressable.

The edition is built, and its data files (outputs/versions.FROZEN_FORMATS: the annotations, the calculations,
the CSL-JSON citation, the plain text) are copied byte for byte into content/editions/SLUG/versions/VERSION/
with a manifest of their SHA-256. From then on every build publishes them at SLUG/v/VERSION/ and refuses them
changed (G174). Releasing a version again is a no-op while the files are the same, and refused when they
differ: changed content is a new version, declared in edition.yaml first.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from .. import urls
from ..build.pipeline import BuildOptions, Project, build
from ..diagnostics import did_you_mean, has_errors
from ..outputs.versions import frozen_formats
from ..read.reader import ID, Reader
from ..read.schema import SchemaSet
from ..read.versions import MANIFEST, VERSIONS_FOLDER, manifest_json

PROG = "build.py release"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", metavar="SLUG", help="the edition to release (its folder under content/editions/)")


def run(project: Project, options: BuildOptions, slug: str, *, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Release the current version of the edition `slug`: 0 when its files are frozen (or already were, the
    same), 1 when the build fails or that version was frozen with other files."""
    out, err = out or sys.stdout, err or sys.stderr
    editions = project.content / "editions"
    folder = editions / slug
    if not ID.fullmatch(slug) or not folder.is_dir():
        known = sorted(p.name for p in editions.iterdir() if p.is_dir()) if editions.is_dir() else []
        print(f"{PROG}: there is no edition '{slug}'.{did_you_mean(slug, known)}", file=err)
        return 1
    result = build(project, options)
    if has_errors(result.diagnostics):
        for d in result.diagnostics:
            print(d.format(), file=err)
        print(f"{PROG}: the site does not build, so nothing was released; fix the errors above first.", file=err)
        return 1
    reader = Reader(project.content.parent, SchemaSet.load(project.schemas))
    source, _ = reader.read_edition(folder)   # it built: it reads
    if source is None:
        raise RuntimeError(f"the edition {slug} built but could not be read again")
    meta = source.meta
    if meta.current_version is None:
        print(f"{PROG}: edition.yaml gives version {meta.version} no entry in `changelog:`; add one (its date and "
              "what changed) before releasing it, so the release can be linked from it.", file=err)
        return 1
    files = {name: result.store.read_blob(result.manifest[fmt.path(slug)])
             for name, fmt in frozen_formats(slug).items()}
    wanted = {**files, MANIFEST: manifest_json(meta.version, files)}
    target = folder / VERSIONS_FOLDER / meta.version
    shown = _shown(target, project.root)
    if target.exists():
        present = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file() and not p.is_symlink()}
        if present == wanted:
            print(f"Version {meta.version} of {slug} is already released with these same files ({shown}): "
                  "nothing to do.", file=out)
            return 0
        print(f"{PROG}: version {meta.version} of {slug} was released ({shown}) and its files have changed "
              "since; a release is never rewritten: declare a new version (and its changelog entry) in "
              "edition.yaml, then release that.", file=err)
        return 1
    target.mkdir(parents=True)
    # The manifest goes last: a release interrupted before it leaves a folder the build reports (G175), never
    # a manifest vouching for files that were not all written.
    for name, data in sorted(files.items()):
        (target / name).write_bytes(data)
    (target / MANIFEST).write_bytes(wanted[MANIFEST])
    print(f"Released version {meta.version} of {slug} into {shown}:", file=out)
    for name, data in [*sorted(files.items()), (MANIFEST, wanted[MANIFEST])]:
        print(f"  {name} ({len(data):,} bytes)", file=out)
    print("Commit the folder: every build publishes these files, unchanged, at "
          f"{urls.version_folder(slug, meta.version)}/ and links them from the about page.", file=out)
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path) + "/"
