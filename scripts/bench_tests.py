"""How long the test suite takes: `make test-fast` and `make test`, and with --fresh-clone `.ci/run` in a fresh
clone of the committed HEAD (installs included), each printed with its CPU time and the machine's load.

    python scripts/bench_tests.py [--runs N] [--fast-only] [--fresh-clone] [--workers N]

Wall time on a shared machine depends on what else runs, so the load average before each run is printed
beside it, and CPU time (user + system, of every process the run started) shows the work itself.
Setup (the virtual environment, npm ci) is done once before timing, so `make` times only the tests;
the fresh-clone run times everything a CI run does. Uncommitted changes are not in the fresh clone.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# pytest's closing line, e.g. "== 543 passed, 2 skipped in 61.20s (0:01:01) =="
SUMMARY = re.compile(r"=+ (?P<counts>(?:\d+ \w+(?:, )?)+) in [\d.]+s")


@dataclass(frozen=True, kw_only=True)
class Run:
    """One timed command: wall and CPU seconds, the 1-minute load average before it, pytest's counts."""

    wall: float
    cpu: float
    load: float
    counts: str
    status: int


def timed(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = SUMMARY.findall(proc.stdout)
    if proc.returncode != 0:
        print(f"  `{' '.join(command)}` exited {proc.returncode}; the end of its output:\n"
              + "\n".join((proc.stdout + proc.stderr).splitlines()[-25:]), file=sys.stderr)
    return Run(wall=wall, cpu=cpu, load=load, counts=found[-1] if found else "no pytest summary",
               status=proc.returncode)


def report(name: str, runs: list[Run]) -> str:
    walls = [r.wall for r in runs]
    line = (f"{name:<16} wall {statistics.median(walls):6.1f} s (min {min(walls):.1f}, max {max(walls):.1f}) "
            f"| CPU {statistics.median(r.cpu for r in runs):6.1f} s "
            f"| load before {', '.join(f'{r.load:.1f}' for r in runs)} | {runs[-1].counts}")
    failed = [r.status for r in runs if r.status != 0]
    return line + (f" | FAILED (exit {failed[0]})" if failed else "")


def make(target: str, workers: str | None) -> list[str]:
    return ["make", "--no-print-directory", target] + ([f"WORKERS={workers}"] if workers is not None else [])


def fresh_clone_run(env: dict[str, str]) -> Run:
    with tempfile.TemporaryDirectory(prefix="glossa-clone-") as tmp:
        clone = Path(tmp) / "glossa"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        return timed(["bash", ".ci/run"], clone, {**env, "CI": "true"})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="times to run each command (the median is shown)")
    parser.add_argument("--fast-only", action="store_true", help="time make test-fast only")
    parser.add_argument("--fresh-clone", action="store_true", help="also time .ci/run in a fresh clone")
    parser.add_argument("--workers", help="pytest-xdist workers (make's WORKERS; default: the Makefile's)")
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "MAKEFLAGS", "MAKELEVEL")}

    setup = subprocess.run(["make", "--no-print-directory", ".venv/.installed"]
                           + ([] if args.fast_only else ["node-tools"]), cwd=ROOT, env=env)
    if setup.returncode != 0:
        return setup.returncode
    print(f"{os.cpu_count()} cores; {args.runs} run(s) each; WORKERS={args.workers or 'Makefile default'}")
    targets = ["test-fast"] if args.fast_only else ["test-fast", "test"]
    failed = False
    for target in targets:
        runs = [timed(make(target, args.workers), ROOT, env) for _ in range(args.runs)]
        print(report(f"make {target}", runs), flush=True)
        failed |= any(r.status for r in runs)
    if args.fresh_clone:
        runs = [fresh_clone_run(env) for _ in range(args.runs)]
        print(report(".ci/run (clone)", runs), flush=True)
        failed |= any(r.status for r in runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
