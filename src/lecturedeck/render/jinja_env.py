"""Jinja2 environments whose compiled templates are kept in lecturedeck's per-user cache
($XDG_CACHE_HOME/lecturedeck/jinja/…), so a build process loads them instead of compiling every template.

Jinja2 keys a template's entry on its name and file and rejects an entry whose source checksum or magic (the
Jinja2 bytecode format and the Python version) differs. What it does not check, the folder name does: the
lecturedeck and Jinja2 versions and the environment's options, which shape the compiled code too. A cache
that cannot be read or written only costs time (output.cached): the rendered text is the same.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

import jinja2

from lecturedeck import __version__
from lecturedeck.convert.node_tools import user_cache
from lecturedeck.output.cached import read_entry, store_entry


class UserBytecodeCache(jinja2.BytecodeCache):
    """One file per template in `folder`, read and written as output.cached reads and writes entries."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_entry(self.folder / bucket.key)
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)  # a stale or foreign entry leaves the bucket empty: compiled
        except (EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        store_entry(self.folder / bucket.key, bucket.bytecode_to_string())


def cached_environment(loader: jinja2.BaseLoader, **options: Any) -> jinja2.Environment:
    """A jinja2.Environment loading from `loader` with `options`, its compiled templates in the user cache."""
    shape = repr((__version__, jinja2.__version__, sorted(options.items())))
    folder = user_cache() / "jinja" / hashlib.sha256(shape.encode()).hexdigest()[:16]
    return jinja2.Environment(loader=loader, bytecode_cache=UserBytecodeCache(folder), **options)
