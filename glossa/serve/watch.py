"""Watching the source folders for `build.py serve`, with the operating system's file notifications.

The kernel tells us when a file changes (inotify on Linux, through the `watchfiles` package), so an idle
server sleeps instead of re-reading every folder each second. An editor's save is often a burst (write a
temporary file, rename it over the old one, change its mode): changes that arrive within STEP_MS of each
other are grouped into one rebuild, for at most DEBOUNCE_MS. Changes made while a rebuild runs are kept
and start the next one.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

# An editor's save (temporary file, rename, mode) lands within a few milliseconds; 20 ms groups it, and a later
# straggler only starts one more rebuild, so the page shows a save sooner (50 ms was a third of the delay).
STEP_MS = 20
DEBOUNCE_MS = 1600
# How often the watcher reports "nothing changed". The first such report tells us the kernel watches are in
# place (see `on_ready`), so it is how long serve waits before saying it watches; later ones cost one loop turn
# each (a few microseconds: an idle server still stays far under 1% of a core) and are ignored.
QUIET_MS = 100


def watch_folders(folders: Iterable[Path], on_change: Callable[[frozenset[Path]], None], stop: threading.Event,
                  *, on_ready: Callable[[], None] | None = None, step_ms: int = STEP_MS,
                  debounce_ms: int = DEBOUNCE_MS) -> None:
    """Call `on_change` with the changed paths after each burst of changes under `folders`, until `stop` is set.
    `on_ready` is called once, when changes are being watched. Editor swap and backup files (`.x.swp`, `x~`,
    `.#x`) are ignored. Folders that do not exist are skipped."""
    existing = [folder for folder in folders if folder.is_dir()]
    if not existing:
        if on_ready is not None:
            on_ready()
        stop.wait()
        return
    for changes in watchfiles.watch(*existing, watch_filter=watchfiles.DefaultFilter(), step=step_ms,
                                    debounce=debounce_ms, stop_event=stop, rust_timeout=QUIET_MS,
                                    yield_on_timeout=True, raise_interrupt=False):
        if on_ready is not None:
            on_ready()
            on_ready = None
        if changes:
            on_change(frozenset(Path(path) for _, path in changes))
