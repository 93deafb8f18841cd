#!/usr/bin/env python3
"""Print the Chromium Glossa would drive (glossa/chromium.py), or why there is none (exit status 1).

Standard library only, so .ci/run and the workflows can ask before anything is installed.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from glossa.chromium import find_chromium  # noqa: E402

if __name__ == "__main__":
    found = find_chromium()
    print(found.path if found.path else found.problem)
    raise SystemExit(0 if found.path else 1)
