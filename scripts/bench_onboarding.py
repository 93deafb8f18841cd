"""A new contributor's first minutes: from a fresh clone to the first page of the reader in a browser's reach.

    python scripts/bench_onboarding.py [--runs N] [--no-pip-cache]

Each run clones the committed HEAD into a temporary folder, runs `make site` there (the virtual environment
and its installs, the first build, then the server) and times three moments: the clone, the server's line
saying where it serves, and the first page fetched from it (the edition's reader, HTTP 200). The 1-minute
load average before each run is printed beside it: on a shared machine the wall time depends on it.
The pip cache of this machine is used, as a contributor's would be after their first clone of anything;
pass --no-pip-cache to time a machine that has never installed these packages.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVING = re.compile(r"Serving the reader at (http://\S+/)")


@dataclass(frozen=True, kw_only=True)
class Onboarding:
    load: float
    clone: float      # seconds from start
    serving: float    # the server says where it serves
    first_page: float  # the reader fetched


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_run(env: dict[str, str]) -> Onboarding:
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="glossa-onboarding-") as tmp:
        clone = Path(tmp) / "glossa"
        start = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        cloned = time.perf_counter() - start
        site = subprocess.Popen(["make", "--no-print-directory", "site", f"PORT={free_port()}"], cwd=clone, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            assert site.stdout is not None
            for line in site.stdout:   # blocks on each line of make's output, until the server's
                found = SERVING.search(line)
                if found:
                    break
            else:
                raise SystemExit(f"`make site` ended (exit {site.wait()}) without serving")
            serving = time.perf_counter() - start
            slug = next(p.name for p in sorted((clone / "content" / "editions").iterdir()) if p.is_dir())
            with urllib.request.urlopen(f"{found.group(1)}{slug}/", timeout=60) as response:
                assert response.status == 200, response.status
                response.read()
            first_page = time.perf_counter() - start
        finally:
            os.killpg(site.pid, signal.SIGINT)   # Ctrl-C, as the contributor would stop it
            site.wait(timeout=60)
    return Onboarding(load=load, clone=cloned, serving=serving, first_page=first_page)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="fresh clones to time (the median is shown)")
    parser.add_argument("--no-pip-cache", action="store_true", help="install without this machine's pip cache")
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "VIRTUAL_ENV")}
    if args.no_pip_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    runs = []
    for n in range(args.runs):
        run = one_run(env)
        runs.append(run)
        print(f"run {n + 1}: load before {run.load:.1f} | clone {run.clone:.1f} s | serving {run.serving:.1f} s "
              f"| first page {run.first_page:.1f} s", flush=True)
    print(f"fresh clone to first page: median {statistics.median(r.first_page for r in runs):.1f} s over "
          f"{len(runs)} run(s) on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
