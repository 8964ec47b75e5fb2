"""Entries of lecturedeck's per-user cache ($XDG_CACHE_HOME/lecturedeck/…, see convert.node_tools.user_cache):
a cache that cannot be read or written only costs time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from lecturedeck import __version__
from lecturedeck.convert.node_tools import user_cache
from lecturedeck.output.atomic import write_atomically

P = ParamSpec("P")
R = TypeVar("R")


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


def kept(
    folder: str, version: Callable[[], str], kind: str, encode: Callable[[R], bytes], decode: Callable[[bytes], R]
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep the results of a function of JSON-able arguments in the user cache's `folder`, one file per call
    named by the digest of `kind`, `version()` (what makes the results: the code's sources, the libraries'
    versions) and the arguments, as `encode` writes them; an entry `decode` cannot read is made again."""

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def through_cache(*args: P.args, **kwargs: P.kwargs) -> R:
            key = json.dumps([kind, version(), args, kwargs], ensure_ascii=False, sort_keys=True)
            entry = user_cache() / folder / f"{hashlib.sha256(key.encode()).hexdigest()}.{kind}"
            data = read_entry(entry)
            try:
                if data is not None:
                    return decode(data)
            except (ValueError, TypeError, KeyError, IndexError):  # not what `encode` writes: made and written again
                pass
            value = function(*args, **kwargs)
            store_entry(entry, encode(value))
            return value

        return through_cache

    return wrap


def code_digest(entry_format: int, sources: Iterable[Path], packages: Iterable[str]) -> str:
    """A digest of what makes kept results (the `version` of `kept`): the entries' format, lecturedeck's
    version, the sources of the code that makes them and the versions of the packages it uses (read from
    their files, without importing them)."""
    digest = hashlib.sha256(f"{entry_format}\n{__version__}\n".encode())
    for source in sources:
        digest.update(source.read_bytes())
    for name in packages:
        digest.update(_package_version(name))
    return digest.hexdigest()


def _package_version(name: str) -> bytes:
    """What identifies an installed package's version, read from its files without importing it: its
    `_version.py` (matplotlib) or `__init__.py` (Pygments), else where it is (or that it is missing)."""
    from importlib.util import find_spec

    spec = find_spec(name)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None:
        return b"missing"
    for candidate in (origin.with_name("_version.py"), origin):
        if candidate.is_file():
            return candidate.read_bytes()
    return str(origin).encode()
