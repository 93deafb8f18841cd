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

import jinja2
from jinja2.bccache import Bucket

from ...build.store import write_atomically

KEPT = 512  # templates kept in memory: the site's are about twenty; a template edited in serve adds one each save


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache keyed by content rather than by file path: in memory, and in `folder` if given."""

    def __init__(self, folder: Path | None = None) -> None:
        self._code: OrderedDict[str, bytes] = OrderedDict()
        self._folder = folder

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
        code = self._code.get(bucket.key)
        if code is not None:
            self._code.move_to_end(bucket.key)
        elif self._folder is not None:
            try:
                code = (self._folder / bucket.key).read_bytes()
            except OSError:
                return
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except Exception:  # a damaged file in the cache is compiled again, never trusted: any failure to read it
            bucket.reset()
        if bucket.code is not None:
            self._remember(bucket.key, code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._remember(bucket.key, code)
        if self._folder is not None:
            try:
                write_atomically(self._folder / bucket.key, code)
            except OSError:
                pass   # a cache that cannot be written only means compiling again next time

    def _remember(self, key: str, code: bytes) -> None:
        self._code[key] = code
        while len(self._code) > KEPT:
            self._code.popitem(last=False)


@lru_cache(maxsize=8)
def compiled_templates(folder: Path | None = None) -> CompiledTemplates:
    """The process's cache for templates kept in `folder` (made on first use, not at import)."""
    return CompiledTemplates(folder)
