"""Released versions of an edition, as `build.py release` froze them: content/editions/SLUG/versions/VERSION/
holds that version's data files and manifest.json, which records each file's SHA-256.

The manifests are read with the edition (so its about page can link each version's files); the frozen files
themselves are read, byte for byte, only when they are published (`read_frozen`), and checked against their
manifest then: a frozen file that changed is an error (G174), because a citation of that version must keep
pointing at what it said.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error
from ..records import FrozenFile, FrozenVersion
from .rawfile import read_bytes

VERSIONS_FOLDER = "versions"
MANIFEST = "manifest.json"
# As edition.schema.json writes a version (its first character rules out "." and ".."), so it is a safe folder.
VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]{0,39}")
SHA256 = re.compile(r"[0-9a-f]{64}")

RESTORE_HINT = "A released version's files are written by `build.py release`; restore them from version control."

def manifest_json(version: str, files: dict[str, bytes]) -> bytes:
    """The manifest `build.py release` writes: one file a line, so a diagnostic can name the line of each."""
    recorded = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    return (json.dumps({"version": version, "files": recorded}, indent=2, ensure_ascii=False) + "\n").encode()


def read_versions(folder: Path, rel: Callable[[Path], str], plain: Callable[[Path], bool]
                  ) -> tuple[tuple[FrozenVersion, ...], list[Diagnostic]]:
    """Every version frozen in the edition folder `folder`, from their manifests (oldest name first)."""
    versions_dir = folder / VERSIONS_FOLDER
    if not versions_dir.is_dir() or not plain(versions_dir):   # a link is reported as G170 by the inventory
        return (), []
    found: list[FrozenVersion] = []
    problems: list[Diagnostic] = []
    for sub in sorted(versions_dir.iterdir()):
        if sub.is_symlink() or not sub.is_dir():   # links: G170; a stray file: G172 (the inventory)
            continue
        where = SourceLocation(rel(sub), 1)
        if not VERSION_NAME.fullmatch(sub.name):
            problems.append(error(Code.FROZEN_VERSION_INCOMPLETE, f"'{sub.name}' is not a version name.", where,
                                  "Name the folder after the version it freezes, e.g. versions/1.0/, as "
                                  "`build.py release` does."))
            continue
        version, found_here = _manifest(sub, rel, plain)
        problems += found_here
        if version is not None:
            found.append(version)
    return tuple(found), problems


def _manifest(folder: Path, rel: Callable[[Path], str], plain: Callable[[Path], bool]
              ) -> tuple[FrozenVersion | None, list[Diagnostic]]:
    path = folder / MANIFEST
    where = SourceLocation(rel(path), 1)
    if not path.is_file() or not plain(path):
        return None, [error(Code.FROZEN_VERSION_INCOMPLETE, f"The released version {folder.name} has no {MANIFEST}.",
                            SourceLocation(rel(folder), 1))]
    raw, problems = read_bytes(path, where, 1024 * 1024, RESTORE_HINT)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8")
        data: Any = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else 1
        return None, [error(Code.FROZEN_VERSION_INCOMPLETE, f"{MANIFEST} is not valid JSON.",
                            SourceLocation(where.path, line))]
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or data.get("version") != folder.name or not all(
            isinstance(name, str) and isinstance(sha, str) and SHA256.fullmatch(sha) for name, sha in files.items()):
        return None, [error(Code.FROZEN_VERSION_INCOMPLETE, f"{MANIFEST} should give \"version\": \"{folder.name}\" "
                            "and \"files\": each file's name and its SHA-256 (64 hexadecimal digits).", where)]
    lines = text.splitlines()

    def line_of(name: str) -> int:
        key = json.dumps(name, ensure_ascii=False) + ":"
        return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key)), 1)

    return FrozenVersion(version=folder.name, location=where,
                         files=tuple(FrozenFile(name=name, sha256=sha, location=SourceLocation(where.path,
                                                                                               line_of(name)))
                                     for name, sha in sorted(files.items()))), []


def read_frozen(version: FrozenVersion, root: Path, allowed: frozenset[str], most: int,
                plain: Callable[[Path], bool]) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The files of a released version, name -> bytes, each checked against its manifest: a changed file is
    G174; a missing, unlisted or unknown one is G175. `allowed` are the names a release writes; `most` bounds
    each file's size."""
    folder = root / version.location.path.rsplit("/", 1)[0]
    problems: list[Diagnostic] = []
    files: dict[str, bytes] = {}
    listed = {f.name for f in version.files}
    for path in sorted(folder.iterdir()):
        if path.name not in listed and path.name != MANIFEST and path.name != "README.md" and not path.is_dir():
            problems.append(error(Code.FROZEN_VERSION_INCOMPLETE, f"{path.name} is in the released version "
                                  f"{version.version} but not in its {MANIFEST}.",
                                  SourceLocation(version.location.path.rsplit("/", 1)[0] + "/" + path.name, 1)))
    for frozen in version.files:
        path = folder / frozen.name
        if frozen.name not in allowed:
            problems.append(error(Code.FROZEN_VERSION_INCOMPLETE, f"{MANIFEST} lists '{frozen.name}', which is not "
                                  "a file a release freezes (" + ", ".join(sorted(allowed)) + ").",
                                  frozen.location))
            continue
        if not path.is_file() or not plain(path):
            problems.append(error(Code.FROZEN_VERSION_INCOMPLETE, f"{frozen.name}, listed in {MANIFEST}, is missing "
                                  f"from the released version {version.version}.", frozen.location))
            continue
        where = SourceLocation(version.location.path.rsplit("/", 1)[0] + "/" + frozen.name, 1)
        data, found = read_bytes(path, where, most, RESTORE_HINT)
        problems += found
        if data is None:
            continue
        if hashlib.sha256(data).hexdigest() != frozen.sha256:
            problems.append(error(Code.FROZEN_VERSION_CHANGED, f"This file of the released version "
                                  f"{version.version} is not what was released: its SHA-256 differs from the one "
                                  f"{MANIFEST} records at line {frozen.location.line}.", where))
            continue
        files[frozen.name] = data
    return files, problems
