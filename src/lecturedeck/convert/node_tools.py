"""The Node tools a build runs (marp-cli for the HTML, markmap-cli for mind-map pages): their pins and where
they are found.

The pins are the package.json and package-lock.json shipped in the package (in a checkout, the repository's
own). A tool is looked for, in order, in
1. the node_modules folder named by LECTUREDECK_NODE_MODULES (when set, the only place looked in);
2. the checkout's node_modules, when lecturedeck runs from its repository (`make install`);
3. the per-user cache `lecturedeck setup` fills: $XDG_CACHE_HOME/lecturedeck/node/<lockfile digest>/
   (~/.cache/… by default), so a new pin installs beside the old one instead of over it.
The first place that holds a tool is used, and its version must be the pinned one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lecturedeck.errors import DeckError
from lecturedeck.paths import NODE_DIR, checkout

ENV = "LECTUREDECK_NODE_MODULES"
MIN_NODE = 18  # marp-cli 4 needs Node >= 18 (its package.json engines)
NODE_HINT = "Debian/Ubuntu: 'sudo apt install nodejs npm'; elsewhere: https://nodejs.org"


@dataclass(frozen=True)
class Tool:
    name: str  # as messages name it
    package: str  # the npm package
    needed_for: str


MARP = Tool("marp-cli", "@marp-team/marp-cli", "HTML")
MARKMAP = Tool("markmap-cli", "markmap-cli", "an HTML deck with a mind map")
TOOLS = (MARP, MARKMAP)


@dataclass(frozen=True)
class Found:
    """A tool as installed in one node_modules folder."""

    tool: Tool
    folder: Path  # node_modules/<package>
    source: str  # ENV, "checkout" or "cache"
    manifest: dict[str, Any]  # its package.json

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "?"))

    def file(self, key: str) -> Path:
        """A file the manifest names: `bin` (the command) or `main` (the module to import)."""
        value = self.manifest.get(key)
        relative = next(iter(value.values())) if isinstance(value, dict) else value
        return self.folder / str(relative)


@cache
def pins() -> dict[str, str]:
    """npm package → pinned version, from the shipped package.json."""
    manifest = json.loads((NODE_DIR / "package.json").read_text(encoding="utf-8"))
    return dict(manifest["dependencies"])


def lock_digest() -> str:
    """A short digest of the shipped package-lock.json: the cache folder of these pins."""
    return hashlib.sha256((NODE_DIR / "package-lock.json").read_bytes()).hexdigest()[:16]


def user_cache() -> Path:
    """lecturedeck's per-user cache folder: $XDG_CACHE_HOME/lecturedeck, by default ~/.cache/lecturedeck."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "lecturedeck"


def cache_dir() -> Path:
    """The per-user folder `lecturedeck setup` installs these pins into (node_modules inside)."""
    return user_cache() / "node" / lock_digest()


def places() -> list[tuple[str, Path]]:
    """(source, node_modules folder) in the order tools are looked for."""
    explicit = os.environ.get(ENV)
    if explicit:
        return [(ENV, Path(explicit).expanduser())]
    root = checkout()
    return [*([("checkout", root / "node_modules")] if root else []), ("cache", cache_dir() / "node_modules")]


def locate(tool: Tool, where: list[tuple[str, Path]] | None = None) -> Found | None:
    """The tool in the first place that holds it, whatever its version; None when no place does."""
    for source, modules in places() if where is None else where:
        manifest = modules / tool.package / "package.json"
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return Found(tool, manifest.parent, source, data)
    return None


def mismatch(found: Found) -> str | None:
    """What to do when the found version is not the pinned one (None when it is)."""
    pin = pins()[found.tool.package]
    if found.version == pin:
        return None
    fix = {
        ENV: f"install {found.tool.package}@{pin} there, or unset {ENV}",
        "checkout": f"run 'make install' (npm ci) in {checkout()}",
    }.get(found.source, "run 'lecturedeck setup'")
    return f"{found.tool.name} {found.version} in {found.folder} is not the pinned {pin}: {fix}"


def setup_hint() -> str:
    """How to get the tools when none is found."""
    folder = cache_dir().parents[1]
    return f"run 'lecturedeck setup' (installs the pinned Node tools into {folder}, needs Node ≥ {MIN_NODE})"


def require(tool: Tool) -> Found:
    """The tool at its pinned version, or a DeckError saying what to run."""
    found = locate(tool)
    if found is None:
        major = pins()[tool.package].split(".")[0]
        where = f" ({ENV} names {places()[0][1]}, which has none)" if os.environ.get(ENV) else ""
        fix = f"{setup_hint()}, or build only the PPTX with --to pptx"
        raise DeckError(f"{tool.needed_for} needs {tool.name} {major}.x{where}: {fix}")
    problem = mismatch(found)
    if problem:
        raise DeckError(problem)
    return found


def node() -> str:
    """The `node` on PATH, or a DeckError saying how to install it."""
    found = shutil.which("node")
    if found is None:
        raise DeckError(
            f"the HTML needs Node.js ≥ {MIN_NODE} and 'node' is not on PATH: install it ({NODE_HINT}), "
            "or build only the PPTX with --to pptx"
        )
    return found


def major_version(text: str) -> int | None:
    """The major version in a `--version` output such as 'v20.20.2'."""
    match = re.search(r"(\d+)\.\d+", text)
    return int(match.group(1)) if match else None
