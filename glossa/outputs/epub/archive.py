"""An EPUB's container: a ZIP whose first entry is `mimetype`, stored uncompressed (readers sniff the first bytes
for it), and whose entries carry a fixed timestamp and fixed permissions, so two builds give the same bytes."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

MIMETYPE = b"application/epub+zip"
# ZIP cannot date a file before 1980, and an edition's own dates (1936) are earlier: every entry gets this one.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def epub_zip(files: Sequence[tuple[str, bytes]]) -> bytes:
    """The book as bytes: `mimetype` first and stored, then `files` (path in the container -> bytes) in the
    order given, deflated at a fixed level."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name, data in files:
            archive.writestr(_entry(name), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3                      # Unix, whatever system builds it
    info.external_attr = 0o100644 << 16         # a regular file, rw-r--r--
    return info
