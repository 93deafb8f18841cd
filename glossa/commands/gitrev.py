"""A project's content as it was at a git revision, exported into a temporary folder (for `build.py diff`).

`git archive` rather than a second worktree: nothing is registered in the repository, so an interrupted
run leaves nothing behind to prune, and only the folders a build reads are written out.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

FOLDERS = ("content", "schemas")  # what reading and resolving need; templates only matter for rendering


class RevisionError(Exception):
    """The revision cannot be exported: one sentence for the user."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def export_revision(root: Path, revision: str, into: Path) -> str:
    """Write `FOLDERS` of the project at `root` as they are at `revision` into `into`; the commit's short id."""
    if revision.startswith("-"):  # never let a revision be read as an option of git
        raise RevisionError(f"'{revision}' is not a revision")
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except RevisionError as exc:  # --quiet leaves git's own message empty unless the folder is no repository
        raise RevisionError(str(exc) if "rev-parse failed" not in str(exc) else
                            "no commit of that name in this repository (fetch it first: git fetch origin)") from None
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()  # the project may be a subfolder
    archive = _git(root, "archive", "--format=tar", f"{commit}:{prefix}" if prefix else commit, "--", *FOLDERS)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")  # refuses absolute paths and links out of the folder
    return commit[:12]
