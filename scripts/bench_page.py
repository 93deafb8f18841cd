#!/usr/bin/env python3
"""Benchmark: what each page of the built site weighs, and what Lighthouse thinks of it (not a test).

Builds the site into a temporary folder, then for every HTML page reports the bytes of the page and of
the CSS, JS and icon it loads (raw and gzipped), the number of requests, and the ratio of the total
gzipped weight to the gzipped size of the page's visible text: how much is sent per byte of reading.
Prints a Markdown table and writes bench-results/page-weight.md. Then serves the site on 127.0.0.1 and
runs Lighthouse (bench/node_modules, `npm ci` in bench/) on each page; the scores go to
bench-results/lighthouse.md. Usage: python scripts/bench_page.py [--no-lighthouse] [--minify] [--lighthouse-only GLOB ...]

--lighthouse-only runs Lighthouse only on the pages matching one of the patterns (fnmatch, on the page's path
under site/, e.g. '*/index.html'): a run takes about 15 s a page, and the glossary's entries are alike.

--minify weighs the stylesheet and scripts as glossa/outputs/html/minify.py ships them, for a build that does not call
it yet (minifying twice changes nothing, so the option is harmless once the build does).
"""
from __future__ import annotations

import fnmatch
import gzip
import json
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossa.chromium import FLAGS, find_chromium  # noqa: E402
from glossa.cli import main as glossa_main  # noqa: E402
from glossa.outputs.html.minify import minifiable, minify  # noqa: E402
from glossa.serve.loop import serve_in_background  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = " ".join(FLAGS)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class PageParts(HTMLParser):
    """The visible text of a page (no script or style) and the subresources it loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.skip = 0
        self.resources: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "script" and a.get("src"):
            self.resources.append(("js", a["src"]))
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").split()
            if "stylesheet" in rel:
                self.resources.append(("css", a["href"]))
            elif "modulepreload" in rel:  # the modules main.js imports: every one is fetched, so each counts
                self.resources.append(("js", a["href"]))
            elif "icon" in rel:
                self.resources.append(("icon", a["href"]))
        elif tag == "img" and a.get("src"):
            self.resources.append(("img", a["src"]))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(n: int) -> str:
    return f"{n / 1024:.1f} kB"


def weigh(site: Path) -> list[dict]:
    rows = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_bytes()
        parts = PageParts()
        parts.feed(html.decode("utf-8"))
        row = {"page": page.relative_to(site).as_posix(), "requests": 1,
               "html": len(html), "html_gz": gz(html), "css": 0, "css_gz": 0, "js": 0, "js_gz": 0,
               "other": 0, "other_gz": 0}
        for kind, url in parts.resources:
            if urlsplit(url).scheme:
                raise SystemExit(f"{row['page']} loads {url} from elsewhere")
            data = (page.parent / unquote(urlsplit(url).path)).resolve().read_bytes()
            key = kind if kind in ("css", "js") else "other"
            row[key] += len(data)
            row[key + "_gz"] += gz(data)
            row["requests"] += 1
        text = parts.visible_text().encode("utf-8")
        row["text_gz"] = gz(text)
        row["total_gz"] = row["html_gz"] + row["css_gz"] + row["js_gz"] + row["other_gz"]
        row["ratio"] = row["total_gz"] / row["text_gz"]
        rows.append(row)
    return rows


def weight_table(rows: list[dict]) -> str:
    lines = ["| page | HTML (gzip) | CSS (gzip) | JS (gzip) | requests | total gzip | text gzip | weight / text |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| `{r['page']}` | {kb(r['html'])} ({kb(r['html_gz'])}) | {kb(r['css'])} ({kb(r['css_gz'])}) "
                     f"| {kb(r['js'])} ({kb(r['js_gz'])}) | {r['requests']} | {kb(r['total_gz'])} "
                     f"| {kb(r['text_gz'])} | {r['ratio']:.2f} |")
    lines.append("")
    lines.append("Requests: the page, its stylesheet, script and icon. Total gzip includes the icon. "
                 "Text: the page's visible text (no script or style), whitespace collapsed.")
    return "\n".join(lines)


def lighthouse(url: str, out: Path, chrome: Path) -> dict[str, int | None]:
    env = {**os.environ, "CHROME_PATH": str(chrome)}
    run = subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
                          f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)],
                         env=env, capture_output=True, text=True, timeout=300)
    if run.returncode != 0 or not out.exists():
        raise RuntimeError(f"Lighthouse failed on {url} (exit {run.returncode}):\n{run.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {}
    for cat in CATEGORIES:
        score = report["categories"][cat]["score"]
        scores[cat] = None if score is None else round(score * 100)
    failing = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 0.9:
                failing.append(f"{cat}/{ref['id']} ({audit['score']})")
    scores["below 90"] = ", ".join(failing) or "none"
    return scores


def lighthouse_table(site: Path, pages: list[str], chrome: Path) -> str:
    server = serve_in_background(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    lines = ["| page | performance | accessibility | best practices | SEO | audits below 0.9 |", "|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i, page in enumerate(pages):
                url = base + (page.removesuffix("index.html"))
                s = lighthouse(url, Path(tmp) / f"report-{i}.json", chrome)
                lines.append(f"| `{page}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} "
                             f"| {s['seo']} | {s['below 90']} |")
                print(lines[-1], flush=True)
    finally:
        server.shutdown()
    lines.append("")
    lines.append("Lighthouse defaults (mobile, simulated throttling), Chromium headless, site served on 127.0.0.1.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if glossa_main(["build", "--site", str(site)], root=ROOT) != 0:
            print("The build failed.", file=sys.stderr)
            return 1
        if "--minify" in argv:
            for asset in site.rglob("*"):
                if asset.is_file() and minifiable(asset.name):
                    asset.write_bytes(minify(asset.name, asset.read_bytes()))
        rows = weigh(site)
        table = weight_table(rows)
        print("\n## Page weight\n\n" + table + "\n")
        (out / "page-weight.md").write_text("# Page weight\n\n" + table + "\n", encoding="utf-8")
        if "--no-lighthouse" in argv:
            return 0
        if not LIGHTHOUSE.exists():
            print(f"{LIGHTHOUSE} is missing: run `npm ci` in bench/ (make bench-page does).", file=sys.stderr)
            return 1
        chrome = find_chromium()
        if chrome.path is None:
            print(f"Lighthouse needs Chromium: {chrome.problem}.", file=sys.stderr)
            return 1
        print("## Lighthouse\n", flush=True)
        only = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lighthouse-only"]
        pages = [r["page"] for r in rows if not only or any(fnmatch.fnmatch(r["page"], g) for g in only)]
        scores = lighthouse_table(site, pages, chrome.path)
        (out / "lighthouse.md").write_text("# Lighthouse\n\n" + scores + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
