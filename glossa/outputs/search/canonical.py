"""Make Pagefind's output the same from run to run.

Pagefind 1.5 writes each filter's values in the order of a Rust hash map, whose seed is random per process, so two
runs over the same pages can write a filter file in a different order, under a different name, named in turn by the
language's metadata file and by pagefind-entry.json. Everything else it writes is already stable. This sorts each
filter file's values, and the list of filters in the metadata, names each file by its new content, and updates the
names that point at it. The files are `pagefind_dcd` + CBOR, gzipped; only the few CBOR types Pagefind
writes are read (numbers, strings, arrays, maps)."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def canonicalise(folder: Path) -> None:
    """Rewrite Pagefind's output in `folder` so it depends on the pages alone."""
    renamed: dict[str, str] = {}
    for path in sorted((folder / "filter").glob("*.pf_filter")):
        name, values = _read(path)
        data = _pack([name, sorted(values, key=lambda item: _key(item[0]))])
        renamed.update(_rename(path, data))
    entry_path = folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta = folder / f"pagefind.{language['hash']}.pf_meta"
        fields = _read(meta)
        # [version, pages, index chunks, filters, sorts, meta fields]: the filters are listed in hash-map order too.
        if len(fields) < 4 or not all(isinstance(f, list) and len(f) == 2 for f in fields[3]):
            raise RuntimeError(f"{meta.name} is not laid out as this version of Glossa expects")
        fields[3] = sorted([name, renamed.get(ref, ref)] for name, ref in fields[3])
        (language["hash"],) = _rename(meta, _pack(fields), stem_prefix="pagefind.").values()
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _rename(path: Path, data: bytes, stem_prefix: str = "") -> dict[str, str]:
    """Write `data` gzipped under a name made from its digest, as long as the old one; old name -> new name."""
    old = path.name.removeprefix(stem_prefix).split(".", 1)[0]        # en_ca15199
    language, _, digits = old.partition("_")
    new = f"{language}_{hashlib.sha256(data).hexdigest()[:len(digits)]}"
    path.unlink()
    path.with_name(f"{stem_prefix}{new}{path.suffix}").write_bytes(gzip.compress(data, mtime=0))
    return {old: new}


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{path.name} is not a Pagefind file this version of Glossa can read")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise RuntimeError(f"{path.name} has bytes after its data")
    return value


def _pack(value: Any) -> bytes:
    return SIGNATURE + _encode(value)


def _key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int) else (1, str(value))


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        length = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise RuntimeError(f"unexpected CBOR item (major {major}, info {info})")
    if major == 0:
        return length, at
    if major in (2, 3):
        raw = data[at:at + length]
        return (raw.decode("utf-8") if major == 3 else raw), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(length):
            key, at = _decode(data, at)
            value, at = _decode(data, at)
            pairs.append((key, value))
        return dict(pairs), at
    raise RuntimeError(f"unexpected CBOR major type {major}")


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise RuntimeError("CBOR length out of range")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise RuntimeError("unexpected value in a Pagefind filter")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise RuntimeError(f"unexpected value in a Pagefind filter: {type(value).__name__}")
