#!/usr/bin/env python3
"""Make the reader's text face: Source Serif 4 (SIL Open Font License 1.1), subset to the characters the
site uses, as WOFF2, into templates/assets/fonts/. Not part of the build: run it again when content brings
a character the face lacks (tests/test_fonts.py says which).

The source is the npm package @fontsource/source-serif-4 (package.json pins it; `npm ci` installs it), whose
Latin files are subset further here. Characters: everything the built site's pages show, plus the printable
ASCII and Latin-1 letters and the usual typographic punctuation, so a new note rarely needs a new subset.
Usage: python scripts/subset_fonts.py
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from html import unescape
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossa.cli import main as glossa_main  # noqa: E402

PACKAGE = ROOT / "node_modules" / "@fontsource" / "source-serif-4"
OUT = ROOT / "templates" / "assets" / "fonts"
FACES = {  # output name -> the package's file
    "source-serif-4-400.woff2": "source-serif-4-latin-400-normal.woff2",
    "source-serif-4-400-italic.woff2": "source-serif-4-latin-400-italic.woff2",
    "source-serif-4-600.woff2": "source-serif-4-latin-600-normal.woff2",
}
# Old-style and lining figures, proportional and tabular (glossa.css asks for each), small capitals for the
# author's name, kerning and ligatures.
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "onum", "lnum", "pnum", "tnum", "smcp", "c2sc"]
BASE = "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0xA0, 0x100))) + "‘’‚“”„–—…•·×−†‡§¶′″€™"


def site_characters() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if glossa_main(["build", "--site", str(site)], root=ROOT) != 0:
            raise SystemExit("the site does not build; fix it first")
        text = "".join(unescape(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8"))) for p in site.rglob("*.html"))
    return "".join(sorted(set(text) | set(BASE)))


def main() -> int:
    if not PACKAGE.is_dir():
        raise SystemExit(f"{PACKAGE} is missing: run `npm ci`.")
    characters = site_characters()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, source in FACES.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = FEATURES
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence records
        options.notdef_outline = True
        font = subset.load_font(str(PACKAGE / "files" / source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        subset.save_font(font, str(OUT / name), options)
        print(f"{name}: {(OUT / name).stat().st_size:,} bytes")
    shutil.copy(PACKAGE / "LICENSE", OUT / "OFL.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
