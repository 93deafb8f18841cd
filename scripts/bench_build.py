#!/usr/bin/env python3
"""Benchmark: the wall-clock time of `python build.py` and `python build.py check` (a benchmark, not a test).

Runs each command several times in fresh processes, as a contributor would, and prints the median and
spread. Writes bench-results/build-time.md. Usage: python scripts/bench_build.py [RUNS]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, args in [("build", ["build", "--site", f"{tmp}/site"]), ("check", ["check"])]:
            timed(args)  # warm the file cache and bytecode
            times = sorted(timed(args) for _ in range(runs))
            rows.append((label, statistics.median(times), times[0], times[-1]))
    lines = ["| command | runs | median | min | max |", "|---|---|---|---|---|"]
    lines += [f"| `python build.py {label}` | {runs} | {med * 1000:.0f} ms | {lo * 1000:.0f} ms | {hi * 1000:.0f} ms |"
              for label, med, lo, hi in rows]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "build-time.md").write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
