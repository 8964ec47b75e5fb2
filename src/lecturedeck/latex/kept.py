"""Formula results kept between runs in the user cache ($XDG_CACHE_HOME/lecturedeck/math/, ~/.cache/…).

Checking, measuring and drawing formulas needs matplotlib: ≈ 0.5 s to import and ≈ 20 ms a formula on
this project's machine. Their results depend only on the formula, its size and colour and the code that
makes them, so each is kept in one file named by the digest of its arguments, lecturedeck's version, the
formula code's sources (this package and mathtext) and matplotlib's version: a build whose formulas were
seen before loads no matplotlib at all. A value read back equals the one computed (floats through JSON
keep every bit), so outputs are the same bytes with or without the cache; a cache that cannot be read or
written only costs time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache, wraps
from importlib.util import find_spec
from pathlib import Path
from typing import ParamSpec, TypeVar

from lecturedeck import __version__
from lecturedeck.convert.node_tools import user_cache
from lecturedeck.output.cached import read_entry, store_entry

P = ParamSpec("P")
R = TypeVar("R")

FOLDER = "math"
FORMAT = 1  # the layout of the entries: a new one never reads the old


@cache
def code_version() -> str:
    """A digest of what makes the results: lecturedeck's version, the sources of the formula code and
    matplotlib's version (read from its files, without importing it)."""
    digest = hashlib.sha256(f"{FORMAT}\n{__version__}\n".encode())
    here = Path(__file__).parent
    for source in [*sorted(here.glob("*.py")), here.parent / "mathtext.py"]:
        digest.update(source.read_bytes())
    spec = find_spec("matplotlib")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    version = origin.with_name("_version.py") if origin is not None else None
    digest.update(version.read_bytes() if version is not None and version.is_file() else str(origin).encode())
    return digest.hexdigest()


def kept(
    kind: str, encode: Callable[[R], bytes], decode: Callable[[bytes], R]
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep the results of a function of JSON-able arguments in the user cache, as `encode` writes them."""

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def through_cache(*args: P.args, **kwargs: P.kwargs) -> R:
            key = json.dumps([kind, code_version(), args, kwargs], ensure_ascii=False, sort_keys=True)
            entry = user_cache() / FOLDER / f"{hashlib.sha256(key.encode()).hexdigest()}.{kind}"
            data = read_entry(entry)
            try:
                if data is not None:
                    return decode(data)
            except (ValueError, TypeError, KeyError):  # not what `encode` writes: computed and written again
                pass
            value = function(*args, **kwargs)
            store_entry(entry, encode(value))
            return value

        return through_cache

    return wrap


def as_json(value: object) -> bytes:
    return json.dumps(value).encode()
