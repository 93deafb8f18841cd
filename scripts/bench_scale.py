#!/usr/bin/env python3
"""Benchmark (not a test): Glossa against Hugo and MkDocs on the same synthetic collection, at several sizes.

For each N it writes the deterministic corpus of scripts/scale_corpus.py, builds it with the three
generators in turn (each several times, fresh processes, the median quoted), and prints wall time, CPU time,
peak memory, milliseconds per edition and the ratio to Hugo. It then times Glossa's one-note rebuilds (a
second `build.py` run after editing one note, which the cache makes incremental, and the time until a running
`build.py serve` has written the change) and the idle CPU of that server.

Usage: python scripts/bench_scale.py [N ...]   (default 10 100 1000). Writes bench-results/scale.md.
       python scripts/bench_scale.py --glossa [N ...]: Glossa alone (one cold build, then a no-op build and a
       one-note build with the cache warm, then serve), for working on Glossa's own figures without the peers.
Needs `hugo` (Debian's package) and `mkdocs` (the [bench] extra); `make bench-scale` installs both.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from scale_corpus import make_corpus, write_glossa, write_markdown  # noqa: E402

RUNS = 3


@dataclass(frozen=True, kw_only=True)
class Run:
    wall: float
    cpu: float
    rss_mb: float


def measure(args: list[str], cwd: Path | None = None) -> Run:
    """One run of a command in a fresh process; CPU and peak memory include its child processes."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-2000:]}")
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=usage.ru_maxrss / 1024)


def median_run(make_args, runs: int = RUNS, before=None) -> Run:
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(measure(make_args()))
    return Run(wall=statistics.median(r.wall for r in results), cpu=statistics.median(r.cpu for r in results),
               rss_mb=max(r.rss_mb for r in results))


def glossa_args(corpus: Path, site: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--content", str(corpus / "content"), "--site", str(site),
            *extra]


def one_note_rebuild(corpus: Path, site: Path, extra: list[str]) -> float:
    """Median seconds of `build.py` after one note changed, with the cache the previous build left."""
    note = sorted((corpus / "content" / "editions").glob("*/notes/note-1.yaml"))[0]
    original = note.read_text(encoding="utf-8")
    subprocess.run(glossa_args(corpus, site, *extra), check=True, capture_output=True)  # warm the cache
    times = []
    for i in range(RUNS):
        note.write_text(original.replace("body: Note 1", f"body: Edited {i} note 1"), encoding="utf-8")
        times.append(measure(glossa_args(corpus, site, *extra)).wall)
    note.write_text(original, encoding="utf-8")
    return statistics.median(times)


def serve_figures(corpus: Path, site: Path) -> tuple[float, float]:
    """(median seconds from saving a note to its page being rewritten by `serve`, idle CPU percent)."""
    note = sorted((corpus / "content" / "editions").glob("*/notes/note-1.yaml"))[0]
    page = site / note.parents[1].name / "index.html"
    original = note.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content",
                             str(corpus / "content"), "--site", str(site)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "http://" in line:
                break
        time.sleep(2.0)  # let the watcher settle before measuring idle use
        idle = _cpu_percent(proc.pid, 5.0)
        latencies = []
        for i in range(5):
            marker = f"Marker{i}x{time.monotonic_ns()}"
            start = time.perf_counter()
            note.write_text(original.replace("body: Note 1", f"body: {marker} note 1"), encoding="utf-8")
            deadline = start + 30
            while time.perf_counter() < deadline:
                try:
                    if marker in page.read_text(encoding="utf-8"):
                        break
                except OSError:
                    pass
                time.sleep(0.002)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.5)
        return statistics.median(latencies), idle
    finally:
        note.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(10)


def _cpu_percent(pid: int, seconds: float) -> float:
    def ticks() -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    before = ticks()
    time.sleep(seconds)
    return 100.0 * (ticks() - before) / os.sysconf("SC_CLK_TCK") / seconds


def no_op_rebuild(corpus: Path, site: Path, extra: list[str]) -> Run:
    """`build.py` again with nothing changed and the cache warm (median of RUNS)."""
    subprocess.run(glossa_args(corpus, site, *extra), check=True, capture_output=True)  # warm the cache
    return median_run(lambda: glossa_args(corpus, site, *extra))


def glossa_only(sizes: list[int]) -> int:
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp)
            write_glossa(make_corpus(n), corpus)
            site, cache = corpus / "site", ["--cache", str(corpus / ".glossa-cache")]
            cold = measure(glossa_args(corpus, site, *cache))
            noop = no_op_rebuild(corpus, site, cache)
            rebuild = one_note_rebuild(corpus, site, cache)
            served, idle = serve_figures(corpus, corpus / "served")
            print(f"N={n} (load {os.getloadavg()[0]:.1f}): cold {cold.wall:.2f}s cpu {cold.cpu:.2f}s "
                  f"peak {cold.rss_mb:.0f}MB | no-op {noop.wall * 1000:.0f}ms (peak {noop.rss_mb:.0f}MB) | "
                  f"one note {rebuild * 1000:.0f}ms | serve {served * 1000:.0f}ms | idle {idle:.1f}%", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv) or not all(a.isdigit() for a in argv if a != "--glossa"):
        print(__doc__.split("\n\n", 1)[1].strip())
        return 0 if any(a in ("-h", "--help") for a in argv) else 2
    if argv[:1] == ["--glossa"]:
        return glossa_only([int(a) for a in argv[1:]] or [10, 100, 1000])
    sizes = [int(a) for a in argv] or [10, 100, 1000]
    for tool in ("hugo", "mkdocs"):
        if not shutil.which(tool) and not (Path(sys.executable).parent / tool).exists():
            raise SystemExit(f"{tool} is not installed; run `make bench-scale`, which installs it.")
    mkdocs = str(Path(sys.executable).parent / "mkdocs") if (Path(sys.executable).parent / "mkdocs").exists() \
        else "mkdocs"
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp)
            data = make_corpus(n)
            write_glossa(data, corpus)
            write_markdown(data, corpus)
            site = corpus / "site"
            cache = corpus / ".glossa-cache"

            def cold() -> None:
                shutil.rmtree(site, ignore_errors=True)
                shutil.rmtree(cache, ignore_errors=True)

            env_cache = ["--cache", str(cache)]
            glossa = median_run(lambda: glossa_args(corpus, site, *env_cache), before=cold)
            hugo = median_run(lambda: ["hugo", "--quiet", "-s", str(corpus / "hugo"), "-d", str(corpus / "hugo-out")],
                              before=lambda: shutil.rmtree(corpus / "hugo-out", ignore_errors=True))
            mk = median_run(lambda: [mkdocs, "build", "-q", "-f", str(corpus / "mkdocs" / "mkdocs.yml"), "-d",
                                     str(corpus / "mk-out")])
            rebuild = one_note_rebuild(corpus, site, env_cache)
            served, idle = serve_figures(corpus, corpus / "served")
            rows.append((n, glossa, hugo, mk, rebuild, served, idle))
            print(f"N={n}: glossa {glossa.wall:.2f}s hugo {hugo.wall:.2f}s mkdocs {mk.wall:.2f}s "
                  f"rebuild {rebuild * 1000:.0f}ms serve {served * 1000:.0f}ms idle {idle:.1f}%", flush=True)
    table = _table(rows)
    print(table)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "scale.md").write_text(table + "\n", encoding="utf-8")
    return 0


def _table(rows: list) -> str:
    lines = ["| N | generator | wall | CPU | peak RSS | ms per edition | ratio to Hugo (wall) |",
             "|---|---|---|---|---|---|---|"]
    for n, glossa, hugo, mk, rebuild, served, idle in rows:
        for name, run in (("Glossa", glossa), ("Hugo", hugo), ("MkDocs", mk)):
            lines.append(f"| {n} | {name} | {run.wall:.2f} s | {run.cpu:.2f} s | {run.rss_mb:.0f} MB | "
                         f"{run.wall * 1000 / n:.1f} | {run.wall / hugo.wall:.2f} |")
    lines += ["", "| N | one-note rebuild (`build.py`, cached) | one note in `serve` (save to page written) | "
              "idle `serve` CPU |", "|---|---|---|---|"]
    for n, glossa, hugo, mk, rebuild, served, idle in rows:
        lines.append(f"| {n} | {rebuild * 1000:.0f} ms | {served * 1000:.0f} ms | {idle:.1f}% |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
