"""Compiled templates, keyed by each template's name and source: kept in memory for the process and, given the
build cache's folder, on disk for the next process.

A build compiles its templates afresh (a new Environment each time, since the templates folder is an input),
and compiling is about half the CPU of building a small edition. A long-lived process that builds again and
again (serve, the test suite's few hundred builds) gives the same sources to the compiler each time, so the
compiled code is kept and reused whenever a template's source is unchanged, whatever folder it came from.
A new process finds it in the build cache: `build.py` after a one-note change, and serve's first save after
a start whose build came whole from the cache, no longer compile every template they render (about 190 ms).
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

from ...build.store import write_atomically

KEPT = 512  # templates kept in memory: the site's are about twenty; a template edited in serve adds one each save


class KeptCode:
    """The process's compiled templates by key, the most recently used last, at most KEPT of them: each as the
    code object (an environment takes it as it is; unmarshalling it again was a tenth of a small build's CPU) and
    as the bytes a build cache's folder stores."""

    def __init__(self) -> None:
        self._code: OrderedDict[str, tuple[CodeType, bytes]] = OrderedDict()

    def get(self, key: str) -> tuple[CodeType, bytes] | None:
        found = self._code.get(key)
        if found is not None:
            self._code.move_to_end(key)
        return found

    def put(self, key: str, code: CodeType, stored: bytes) -> None:
        self._code[key] = (code, stored)
        while len(self._code) > KEPT:
            self._code.popitem(last=False)

    def __len__(self) -> int:
        return len(self._code)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache keyed by content rather than by file path: in `kept` (memory), and in `folder`
    (a build cache's) if given."""

    def __init__(self, folder: Path | None = None, kept: KeptCode | None = None) -> None:
        self.kept = KeptCode() if kept is None else kept
        self._folder = folder
        self._stored: set[str] = set()   # keys known to be in `folder`

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        # The settings that change the compiled code are part of the key, so two environments never mix; so is
        # Jinja's version, since a bucket's own header only names Python's.
        settings = (environment.block_start_string, environment.block_end_string,
                    environment.variable_start_string, environment.variable_end_string,
                    environment.comment_start_string, environment.comment_end_string,
                    environment.line_statement_prefix, environment.line_comment_prefix,
                    environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
                    environment.keep_trailing_newline, environment.optimized, repr(environment.autoescape),
                    tuple(sorted(environment.extensions)), jinja2.__version__)
        key = hashlib.sha256(repr((name, settings, source)).encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.kept.get(bucket.key)
        if found is not None:
            bucket.code = found[0]   # code objects are immutable: every environment may run the same one
            self._store(bucket.key, found[1])   # compiled for another cache folder: this one keeps it too
            return
        if self._folder is None:
            return
        stored = None
        try:
            stored = (self._folder / bucket.key).read_bytes()
            bucket.bytecode_from_string(stored)
        except Exception:  # a missing or damaged file is compiled again, never trusted: any failure to read it
            bucket.reset()
        if bucket.code is not None and stored is not None:
            self._stored.add(bucket.key)
            self.kept.put(bucket.key, bucket.code, stored)

    def dump_bytecode(self, bucket: Bucket) -> None:
        stored = bucket.bytecode_to_string()
        assert bucket.code is not None   # Jinja dumps a bucket only once it holds the code it compiled
        self.kept.put(bucket.key, bucket.code, stored)
        self._store(bucket.key, stored, replace=True)   # compiled: what the folder held, if anything, was damaged

    def _store(self, key: str, code: bytes, *, replace: bool = False) -> None:
        if self._folder is None or key in self._stored:
            return
        self._stored.add(key)
        path = self._folder / key
        try:
            if replace or not path.exists():
                write_atomically(path, code)
        except OSError:
            pass   # a cache that cannot be written only means compiling again in the next process


@lru_cache(maxsize=1)
def _kept() -> KeptCode:
    """The process's one memory of compiled templates, shared by every cache folder (made on first use)."""
    return KeptCode()


@lru_cache(maxsize=8)
def compiled_templates(folder: Path | None = None) -> CompiledTemplates:
    """The process's compiled templates, kept also in `folder` (a build cache's) when given."""
    return CompiledTemplates(folder, _kept())
