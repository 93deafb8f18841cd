"""A content file's bytes, read the one safe way: never through a symbolic link, and never more than a limit.

The reader checks every path with lstat before it opens it (symlinks.py); O_NOFOLLOW makes the open itself refuse
a link swapped in since then, and the size and the bytes both come from the one open file."""
from __future__ import annotations

import errno
import os
from pathlib import Path

from ..codes import Code
from ..diagnostics import Diagnostic, SourceLocation, error


def read_bytes(path: Path, where: SourceLocation, most: int, too_large_hint: str
               ) -> tuple[bytes | None, list[Diagnostic]]:
    """The file's bytes, or None and the problem: a link (G170) or more than `most` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        return None, [error(Code.SYMLINK, "The file became a symbolic link while the build was reading; it was "
                            "not followed.", where, "Replace the link with a copy of the file it points to.")]
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > most:
            return None, [error(Code.FILE_TOO_LARGE, f"The file is {size:,} bytes; the limit for this kind of "
                                f"file is {most:,}.", where, too_large_hint)]
        return handle.read(most + 1), []
