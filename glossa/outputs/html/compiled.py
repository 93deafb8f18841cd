"""Compiled templates shared by every build in one process, keyed by each template's name and source.

A build compiles its templates afresh (a new Environment each time, since the templates folder is an input),
and compiling is about half the CPU of building a small edition. A long-lived process that builds again and
again (serve, the test suite's few hundred builds) gives the same sources to the compiler each time, so the
compiled code is kept here and reused whenever a template's source is unchanged, whatever folder it came from.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from functools import lru_cache

import jinja2
from jinja2.bccache import Bucket

KEPT = 512  # templates kept: the site's are about twenty; a template edited in serve adds one each save


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache, in memory, keyed by content rather than by file path."""

    def __init__(self) -> None:
        self._code: OrderedDict[str, bytes] = OrderedDict()

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        # The settings that change the compiled code are part of the key, so two environments never mix.
        settings = (environment.block_start_string, environment.block_end_string,
                    environment.variable_start_string, environment.variable_end_string,
                    environment.comment_start_string, environment.comment_end_string,
                    environment.line_statement_prefix, environment.line_comment_prefix,
                    environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
                    environment.keep_trailing_newline, environment.optimized, repr(environment.autoescape),
                    tuple(sorted(environment.extensions)))
        key = hashlib.sha256(repr((name, settings, source)).encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            self._code.move_to_end(bucket.key)
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        while len(self._code) > KEPT:
            self._code.popitem(last=False)


@lru_cache(maxsize=1)
def compiled_templates() -> CompiledTemplates:
    """The process's one cache (made on first use, not at import)."""
    return CompiledTemplates()
