"""A throwaway project for a test: the real templates and schemas, and a content folder the test may change.
(Its own module, not conftest's: `conftest` is ambiguous at import time, tests/browser has one too.)"""
from __future__ import annotations

import shutil
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


class Scratch:
    """A throwaway project: the real templates and schemas, and a content folder the test may change."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.site = root / "site"

    @classmethod
    def of(cls, tmp_path: Path, content: Path) -> Scratch:
        """A new project in `tmp_path`/project: the real templates and schemas, and a copy of `content`."""
        root = tmp_path / "project"
        root.mkdir()
        for folder in ("templates", "schemas"):
            shutil.copytree(ROOT / folder, root / folder)
        shutil.copytree(content, root / "content")
        return cls(root)

    def write(self, rel: str, text: str) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, *args: str) -> int:
        from glossa.cli import main   # when first used: conftest imports this module in xdist's controller too
        return main(["build", *args, "--site", str(self.site)], root=self.root)

    def check(self, *args: str) -> int:
        from glossa.cli import main
        return main(["check", *args], root=self.root)
