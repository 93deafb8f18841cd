"""The worker processes that build editions in parallel, started before the build reads anything.

A forked worker begins as a copy of its parent: every page the parent holds then counts again in the worker.
Forked once the parent had listed content/ and hashed its files, each worker of a thousand-edition build
started some 20 MB larger than the build needs. So the workers are forked first, while the parent holds only
its code, and receive what editions share (SharedInputs) through a pipe once the parent knows it. A process with
threads of its own (serve) cannot fork safely; it spawns fresh workers, sent the inputs as they start.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing.queues import SimpleQueue
from pathlib import Path
from types import TracebackType

from .editionbuild import EditionRecord, SharedInputs, Workshop, build_edition

MAX_CHUNK = 16   # editions per task: enough to amortise a round trip, few enough to keep both cores busy to the end


class EditionWorkers:
    """`jobs` worker processes, forked now (`fork`) or spawned when first needed; a context manager that
    always stops them."""

    def __init__(self, jobs: int, *, fork: bool) -> None:
        self.jobs = jobs
        self._pool: Executor | None = None
        self._inbox: SimpleQueue[SharedInputs | None] | None = None
        self._sent = False
        if fork:
            context = multiprocessing.get_context("fork")
            self._inbox = context.SimpleQueue()
            self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_await_workshop,
                                             initargs=(self._inbox,))
            # With fork, a pool starts all its workers at the first task: this one makes them fork now.
            self._pool.submit(_ready)

    def build(self, folders: list[Path], inputs: SharedInputs) -> Iterator[EditionRecord]:
        """Each edition's record, in the order of `folders`."""
        if self._pool is None:  # spawned: a fresh interpreter per worker, given the inputs as it starts
            self._pool = ProcessPoolExecutor(max_workers=min(self.jobs, len(folders)),
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_open_workshop, initargs=(inputs,))
        else:
            self._send(inputs)
        chunk = max(1, min(MAX_CHUNK, len(folders) // (self.jobs * 4)))
        yield from self._pool.map(_build_in_worker, folders, chunksize=chunk)

    def close(self) -> None:
        self._send(None)   # workers that were never needed stop waiting
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _send(self, inputs: SharedInputs | None) -> None:
        if self._inbox is not None and not self._sent:
            for _ in range(self.jobs):   # one message per worker: each reads exactly one
                self._inbox.put(inputs)
            self._sent = True

    def __enter__(self) -> "EditionWorkers":
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


# A worker process's workshop, made by the pool's initializer: the one place where a process keeps state
# between tasks, because the pool gives no other way to reuse compiled templates across its tasks.
_WORKSHOP: list[Workshop] = []


def _await_workshop(inbox: SimpleQueue[SharedInputs | None]) -> None:
    inputs = inbox.get()
    if inputs is not None:
        _open_workshop(inputs)


def _open_workshop(inputs: SharedInputs) -> None:
    _WORKSHOP[:] = [Workshop.open(inputs)]


def _ready() -> None:
    """The task that starts a forked pool's workers."""


def _build_in_worker(folder: Path) -> EditionRecord:
    return build_edition(folder, _WORKSHOP[0])
