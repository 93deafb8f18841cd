"""The reader's start-up script is shipped as one file (glossa/outputs/html/bundle.py): main.js with the modules it
imports at start-up written in, each in its own scope; the modules it loads later stay separate files."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from glossa import urls
from glossa.outputs.html.bundle import BundleError, bundle
from needs import missing

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "templates" / urls.ASSETS_FOLDER


def _reader(files: dict[str, str]):
    return lambda path: files[path]


def _run_in_node(module: str) -> str:
    node = shutil.which("node")
    if node is None:
        missing("node is not installed (install Node.js 20)", "the Node runs of the bundled script")
    run = subprocess.run([node, "--input-type=module"], input=module, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_real_entry_takes_in_its_start_up_imports_and_keeps_its_later_ones():
    entry = (ASSETS / urls.SCRIPT_ENTRY).read_text(encoding="utf-8")
    imported = re.findall(r'^import \{[^}]*\} from "\./([\w./-]+)";', entry, re.M)
    assert imported, "main.js imports nothing at start-up: this test no longer checks anything"
    result = bundle(urls.SCRIPT_ENTRY, lambda path: (ASSETS / path).read_text(encoding="utf-8"))
    assert sorted(result.inlined) == sorted(imported)
    assert not re.search(r"^\s*(import|export)\b(?!\()", result.text, re.M)
    for later in re.findall(r'import\("(\./[^"]+)"\)', entry):  # loaded on demand: still fetched by URL
        assert f'import("{later}")' in result.text


def test_each_module_keeps_its_own_top_level_names():
    files = {
        "main.js": 'import { a } from "./one.js";\nimport { b } from "./two.js";\nconsole.log(a(), b());\n',
        "one.js": 'function close() { return "one"; }\nexport function a() { return close(); }\n',
        "two.js": 'const close = () => "two";\nexport const b = () => close();\nexport function unused() {}\n',
    }
    result = bundle("main.js", _reader(files))
    assert result.inlined == ("one.js", "two.js")
    assert _run_in_node(result.text).split() == ["one", "two"]


def test_a_module_in_a_folder_imports_relative_to_itself():
    files = {"main.js": 'import { f } from "./sub/f.js";\nconsole.log(f());\n',
             "sub/f.js": 'import { g } from "./g.js";\nexport function f() { return g() + 1; }\n',
             "sub/g.js": "export const g = () => 41;\n"}
    result = bundle("main.js", _reader(files))
    assert result.inlined == ("sub/g.js", "sub/f.js")
    assert _run_in_node(result.text).strip() == "42"


@pytest.mark.parametrize("files, problem", [
    ({"main.js": 'import x from "./x.js";\n', "x.js": "export default 1;\n"}, "does not handle"),
    ({"main.js": 'import { x } from "./x.js";\n', "x.js": "const x = 1;\nexport { x };\n"}, "does not handle"),
    ({"main.js": 'import { y } from "./x.js";\n', "x.js": "export const x = 1;\n"}, "does not export y"),
    ({"main.js": 'import { x } from "./x.js";\n', "x.js": 'import { m } from "./main.js";\nexport const x = 1;\n',
      }, "cycle"),
    ({"main.js": 'import { x } from "./x.js";\nimport { y } from "./y.js";\n',
      "x.js": 'import { z } from "./z.js";\nexport const x = z;\n',
      "y.js": 'import { z } from "./z.js";\nexport const y = z;\n', "z.js": "export const z = 1;\n"}, "more than one"),
])
def test_what_it_cannot_bundle_faithfully_is_refused(files, problem):
    with pytest.raises(BundleError, match=problem):
        bundle("main.js", _reader(files))


def test_the_site_ships_the_bundle_and_not_the_modules_written_into_it(built_site: Path):
    assets = built_site / urls.ASSETS_FOLDER
    shipped = (assets / urls.SCRIPT_ENTRY).read_text(encoding="utf-8")
    assert "setUpMargins" in shipped and not re.search(r"\bimport\s*\{", shipped)
    for name in ("layout.js", "notes.js", "permalinks.js"):
        assert (ASSETS / name).exists() and not (assets / name).exists()
    reader = next(p for p in built_site.glob("*/index.html") if "section class=\"text\"" in p.read_text("utf-8"))
    assert len(re.findall(r"<script\b[^>]*\bsrc=", reader.read_text("utf-8"))) == 1
    assert "modulepreload" not in reader.read_text("utf-8")
