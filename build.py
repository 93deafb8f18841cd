#!/usr/bin/env python3
"""Build Glossa's site: `python build.py` (build), `python build.py check`, `python build.py serve`."""
import sys
from pathlib import Path

from glossa.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=Path(__file__).resolve().parent))
