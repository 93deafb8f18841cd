"""The shipped stylesheet and scripts, minified (glossa/outputs/html/minify.py): smaller, still valid, and the calculation
modules still compute every shared case exactly as the sources do (run under Node)."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from glossa.outputs.html.minify import minifiable, minify

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "templates" / "assets"
RUNNER = ROOT / "tests" / "js" / "formula_cases.mjs"
CASES = json.loads((ROOT / "tests" / "cases" / "formulas.json").read_text(encoding="utf-8"))
SOURCES = sorted(p for p in ASSETS.rglob("*") if p.is_file() and minifiable(p.name))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_every_stylesheet_and_script_is_minified_and_smaller_gzipped() -> None:
    assert {p.suffix for p in SOURCES} == {".css", ".js"}
    for path in SOURCES:
        data = path.read_bytes()
        shipped = minify(path.name, data)
        assert gz(shipped) < gz(data), path.name
        assert b"/*" not in shipped or path.suffix == ".js", f"{path.name}: a CSS comment survived"
        assert minify(path.name, shipped) == shipped, f"{path.name}: minifying twice changes it"


def test_other_files_pass_through_unchanged() -> None:
    for path in (ASSETS / "favicon.svg", ASSETS / "fonts" / "OFL.txt"):
        assert minify(path.name, path.read_bytes()) == path.read_bytes()
    assert minify("data/computations.json", b'{"a": 1}') == b'{"a": 1}'


def test_the_stylesheet_keeps_every_rule_block() -> None:
    css = (ASSETS / "glossa.css").read_text(encoding="utf-8")
    shipped = minify("glossa.css", css.encode("utf-8")).decode("utf-8")
    for at_rule in ("@media", "@font-face", "@page"):
        assert shipped.count(at_rule) == css.count(at_rule), at_rule
    assert shipped.count("{") == shipped.count("}") == css.count("{")


def test_every_minified_script_parses_as_a_module(tmp_path: Path, node: str) -> None:
    runner = node
    for path in SOURCES:
        if path.suffix != ".js":
            continue
        copy = tmp_path / (path.stem + ".mjs")
        copy.write_bytes(minify(path.name, path.read_bytes()))
        run = subprocess.run([runner, "--check", str(copy)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, f"{path.name}: {run.stderr}"


def test_the_minified_calculations_compute_the_shared_cases_as_the_sources_do(tmp_path: Path, node: str) -> None:
    runner = node
    # The same runner, beside a minified copy of the assets at the same relative place.
    for path in SOURCES:
        target = tmp_path / "templates" / "assets" / path.relative_to(ASSETS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(minify(path.name, path.read_bytes()))
    (tmp_path / "tests" / "js").mkdir(parents=True)
    shutil.copy(RUNNER, tmp_path / "tests" / "js" / RUNNER.name)
    outputs = []
    for root in (ROOT, tmp_path):
        run = subprocess.run([runner, str(root / "tests" / "js" / RUNNER.name)], input=json.dumps(CASES),
                             capture_output=True, text=True, timeout=60, cwd=root)
        assert run.returncode == 0, run.stderr
        outputs.append(json.loads(run.stdout))
    sources, minified = outputs
    assert sources["values"] and sources["claims"]
    assert minified == sources
