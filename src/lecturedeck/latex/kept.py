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

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from lecturedeck.output import cached

P = ParamSpec("P")
R = TypeVar("R")

FOLDER = "math"
FORMAT = 1  # the layout of the entries: a new one never reads the old


@cache
def code_version() -> str:
    """A digest of what makes the results: the sources of the formula code and matplotlib's version."""
    here = Path(__file__).parent
    return cached.code_digest(FORMAT, [*sorted(here.glob("*.py")), here.parent / "mathtext.py"], ["matplotlib"])


def kept(
    kind: str, encode: Callable[[R], bytes], decode: Callable[[bytes], R]
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep the results of a formula function of JSON-able arguments in the user cache (output.cached.kept)."""
    return cached.kept(FOLDER, code_version, kind, encode, decode)


def as_json(value: object) -> bytes:
    return json.dumps(value).encode()
