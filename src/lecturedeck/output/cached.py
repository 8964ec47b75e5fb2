"""Entries of lecturedeck's per-user cache ($XDG_CACHE_HOME/lecturedeck/…, see convert.node_tools.user_cache):
a cache that cannot be read or written only costs time."""

from __future__ import annotations

from pathlib import Path

from lecturedeck.output.atomic import write_atomically


def read_entry(path: Path) -> bytes | None:
    """A cache entry's bytes, or None when it cannot be read (missing, unreadable)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def store_entry(path: Path, data: bytes) -> None:
    """Write a cache entry atomically, its folder made if need be; a failure is ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError:
        return
