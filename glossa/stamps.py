"""File stamps: how the build tells, without reading a file, that it is as it was (the one owner of the rule).

A stamp is (size, mtime_ns, ctime_ns, inode), as git's index keeps. ctime cannot be set from user space
(`touch -d` sets mtime and changes ctime), so an edit that keeps a file's size and mtime still changes its stamp.

Racy stamps: a file changed in the same clock tick as its stamp was taken could keep its stamp. So a stamp is
trusted only when the file's ctime is older than the moment the stamp was taken by more than RACY_NS; two seconds
covers the coarsest timestamps in common use (FAT's). A file changed within two seconds of a build is simply read
again by the next one. Used for the content's file digests (build/store.py) and for the written site (write/reuse.py).
"""
from __future__ import annotations

import os

RACY_NS = 2_000_000_000

Stamp = tuple[int, int, int, int]   # size, mtime_ns, ctime_ns, inode


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def settled(stamp: Stamp, taken_ns: int) -> bool:
    """The file had last changed well before its stamp was taken (`taken_ns`), so the stamp can be trusted."""
    return stamp[2] < taken_ns - RACY_NS
