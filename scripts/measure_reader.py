#!/usr/bin/env python3
"""Measure (not a test): the first edition's reader as Chromium lays it out at the five widths the geometry tests
check, printing for each the blank space in the text column (and its share of the text's height), where the notes
and calculations sit against the words they explain, overlaps and sideways scrolling.

The tests assert the limits (tests/browser/test_layout.py); this prints the figures behind them, for the README and
for comparing a layout change before and after. Usage: python scripts/measure_reader.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]
from playwright.sync_api import sync_playwright  # noqa: E402

from editions import READER_URL  # noqa: E402  (tests/: the first edition's reader, as the tests find it)
from geometry import WIDTHS, measure  # noqa: E402  (tests/browser/: the measures the geometry tests assert on)
from glossa.chromium import FLAGS, find_chromium  # noqa: E402
from glossa.cli import main as glossa  # noqa: E402
from glossa.serve.httpd import make_server  # noqa: E402


def main() -> int:
    chrome = find_chromium()
    if chrome.path is None:
        print(f"This needs Chromium: {chrome.problem}.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if glossa(["build", "--site", str(site), "--cache", str(Path(tmp) / "cache")]) != 0:
            return 1
        server = make_server(site, 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}{READER_URL}"
        print("| width | blank in the text column | items in the margins | within 40 px of their words | pushed down "
              "by the one above | farthest of the others | overlaps | sideways scroll |\n|---|---|---|---|---|---|---|---|")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chrome.path), args=list(FLAGS))
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url)
                page.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")
                layout = measure(page)
                placed = [i for i in layout.items if i["ref"] is not None]
                free = [abs(i["top"] - i["ref"]) for i in placed if not layout.pushed(i)]
                pushed = [abs(i["top"] - i["ref"]) for i in placed if layout.pushed(i)]
                near = sum(1 for i in placed if abs(i["top"] - i["ref"]) <= 40)
                print(f"| {width} px | {layout.blank:.0f} px ({layout.blank_ratio:.1%} of {layout.height:.0f} px) "
                      f"| {len(layout.items)} | {near} | {len(placed) - len(free)} (farthest {max(pushed, default=0):.0f} px) "
                      f"| {max(free, default=0):.0f} px "
                      f"(median {statistics.median(free) if free else 0:.0f}) | {len(layout.overlaps())} "
                      f"| {'yes' if layout.scroll_width > layout.client_width else 'no'} |", flush=True)
                page.close()
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
