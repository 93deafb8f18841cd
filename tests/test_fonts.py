"""The shipped text face: WOFF2 subsets of Source Serif 4, small, licensed, swapped in, and covering every
character the author's text and the headings use (else: run scripts/subset_fonts.py)."""
from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from editions import FIRST_EDITION
from pagetext import paragraphs

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "templates" / "assets" / "fonts"
CSS = ROOT / "templates" / "assets" / "glossa.css"
BUDGET = 60 * 1024   # bytes, every weight and style together


def faces() -> list[Path]:
    return sorted(FONTS.glob("*.woff2"))


def test_the_fonts_are_woff2_within_budget_and_licensed() -> None:
    assert len(faces()) == 3
    assert all(f.read_bytes()[:4] == b"wOF2" for f in faces())
    total = sum(f.stat().st_size for f in faces())
    assert total <= BUDGET, f"{total} bytes of fonts"
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_every_face_is_declared_with_font_display_swap() -> None:
    css = CSS.read_text(encoding="utf-8")
    blocks = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert sorted(name for b in blocks for name in re.findall(r'fonts/([^")]+)', b)) == sorted(f.name for f in faces())
    assert all("font-display: swap" in b for b in blocks)


def test_the_subset_covers_the_authors_text(built_site: Path) -> None:
    html = (built_site / FIRST_EDITION / "index.html").read_text(encoding="utf-8")
    used = {c for p in paragraphs(html).values() for c in p.reading if not c.isspace()}
    assert used
    for face in faces():
        cmap = TTFont(face).getBestCmap()
        missing = sorted(c for c in used if ord(c) not in cmap)
        assert missing == [], f"{face.name} lacks {missing}: run scripts/subset_fonts.py"
