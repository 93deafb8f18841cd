"""Every HTML page of the built site passes the Nu HTML Checker (vnu.jar), all pages in one Java process."""
from __future__ import annotations

import json
import subprocess

from needs import NODE_TOOLS, missing


def test_every_page_is_valid_html(built_site, project_root, java):
    vnu = project_root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu.exists():
        missing(f"{vnu.relative_to(project_root)} is missing ({NODE_TOOLS})", "the Nu HTML Checker's tests")
    pages = sorted(built_site.rglob("*.html"))
    assert pages, "the build wrote no HTML"
    run = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    output = run.stderr or run.stdout  # vnu writes its JSON report to stderr, after any JVM notices
    assert "{" in output, f"no report from the Nu checker (exit {run.returncode}):\n{output}"
    report = json.loads(output[output.index("{"):])
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    lines = [f"{m.get('url', '?').removeprefix(built_site.as_uri().replace('file://', 'file:') + '/')}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: "
             f"{m.get('message')}  «{m.get('extract', '').strip()}»" for m in errors]
    assert not errors, f"{len(errors)} Nu checker error(s):\n" + "\n".join(lines)
    assert run.returncode == 0, run.stdout + run.stderr
