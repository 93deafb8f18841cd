"""The guides (docs/new-edition.md, docs/annotating.md) are run as written, so they cannot go stale.

Each guide runs from the top in a fresh copy of the project (a git repository on branch main, as a clone is):
- a fenced block right after `<!-- file: PATH -->` is written to PATH (the reader is told to save or edit it);
- in a ```console block, each `$ COMMAND` line is run in the project folder, and what it prints (stdout and stderr
  together, in the order printed, as a terminal shows them) must be the lines that follow it. `python build.py ARGS`
  is run as build.py runs it, `glossa.cli.main(ARGS)`, in this process (a new interpreter for each of some twenty
  commands would spend most of the test importing); any other command runs in the shell. That build.py itself
  calls main, and its exit status and streams, is tested in tests/test_cli.py.
Only two liberties are taken when comparing: the copy's own path is read as the project folder, and `…` in
an expected line stands for any text (for what varies between runs: a commit id, the number of files).
Blocks of other kinds (```sh: cloning, serving) are shown, not run.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossa.cli import main

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ("docs/new-edition.md", "docs/annotating.md")
PROJECT = ("content", "templates", "schemas", "build.py")
FILE_MARK = re.compile(r"<!-- file: (\S+) -->")
SHELL_SYNTAX = re.compile(r"[|&;<>()$`*?\\]|\n")   # a command using any of these is left to the shell


@dataclass(frozen=True)
class Step:
    line: int                  # in the guide, for the failure message
    kind: str                  # "file" or "command"
    text: str                  # the path, or the command
    expected: tuple[str, ...]  # the file's content lines, or what the command prints


def steps(guide: Path) -> list[Step]:
    lines = guide.read_text(encoding="utf-8").split("\n")
    found: list[Step] = []
    i = 0
    while i < len(lines):
        mark = FILE_MARK.fullmatch(lines[i].strip())
        if mark and i + 1 < len(lines) and lines[i + 1].startswith("```"):
            end = lines.index("```", i + 2)
            found.append(Step(i + 1, "file", mark.group(1), tuple(lines[i + 2:end])))
            i = end + 1
        elif lines[i] == "```console":
            end = lines.index("```", i + 1)
            block = lines[i + 1:end]
            starts = [j for j, line in enumerate(block) if line.startswith("$ ")]
            for k, j in enumerate(starts):
                output = block[j + 1:starts[k + 1] if k + 1 < len(starts) else len(block)]
                found.append(Step(i + 2 + j, "command", block[j][2:], tuple(output)))
            i = end + 1
        else:
            i += 1
    return found


def matches(expected: str, actual: str) -> bool:
    pattern = "".join(".*" if part == "…" else re.escape(part) for part in re.split("(…)", expected))
    return re.fullmatch(pattern, actual) is not None


def project_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "glossa"
    root.mkdir()
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    bin_dir = Path(sys.executable).parent  # `python` in the guide is the virtual environment's, as in the guide
    assert (bin_dir / "python").exists(), f"no `python` beside {sys.executable}"
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GLOSSA_DEBUG")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", GIT_AUTHOR_NAME="Guide",
               GIT_AUTHOR_EMAIL="guide@example.org", GIT_COMMITTER_NAME="Guide",
               GIT_COMMITTER_EMAIL="guide@example.org", PYTHONPATH=str(ROOT))
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "clone"]):
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    return root, env


def build_py_arguments(command: str) -> list[str] | None:
    """The arguments of `python build.py ARGS`, or None for any other command."""
    if SHELL_SYNTAX.search(command):
        return None
    words = shlex.split(command)
    return words[2:] if words[:2] == ["python", "build.py"] else None


def run(command: str, root: Path, env: dict[str, str], capfd: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run one of the guide's commands in the project folder: its exit status and all it printed."""
    arguments = build_py_arguments(command)
    if arguments is None:
        done = subprocess.run(command, shell=True, cwd=root, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=120)
        return done.returncode, done.stdout
    printed = io.StringIO()
    with monkeypatch.context() as m:
        m.chdir(root)
        for name in set(os.environ) - set(env):
            m.delenv(name)
        for name, value in env.items():
            m.setenv(name, value)
        capfd.readouterr()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            status = main(arguments, root=root)
        # What a program it started wrote straight to the terminal would have shown there too.
        stray = capfd.readouterr()
    return status, printed.getvalue() + stray.out + stray.err


@pytest.mark.parametrize("guide", GUIDES)
def test_the_guide_runs_as_written(guide: str, tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / guide
    walk = steps(path)
    assert sum(s.kind == "command" for s in walk) >= 5, f"{guide} has lost its console blocks"
    assert sum(s.kind == "command" and build_py_arguments(s.text) is not None for s in walk) >= 5, guide
    root, env = project_copy(tmp_path)
    for step in walk:
        where = f"{guide}:{step.line}"
        if step.kind == "file":
            target = root / step.text
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(step.expected) + "\n", encoding="utf-8")
            continue
        status, output = run(step.text, root, env, capfd, monkeypatch)
        printed = output.replace(str(root) + os.sep, "").replace(str(root), ".").rstrip("\n")
        actual = printed.split("\n") if printed else []
        expected = [line for line in step.expected]
        while expected and not expected[-1]:
            expected.pop()
        assert len(actual) == len(expected) and all(map(matches, expected, actual)), (
            f"{where}: `{step.text}` printed (exit status {status}):\n" + "\n".join(actual)
            + "\n\nbut the guide shows:\n" + "\n".join(expected))
