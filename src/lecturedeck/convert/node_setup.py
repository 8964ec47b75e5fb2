"""`lecturedeck setup`: the pinned Node tools installed into the per-user cache with `npm ci` from the shipped
lockfile, in a private folder renamed into place when complete (a stopped or failed install leaves nothing
half-installed where builds look)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lecturedeck.convert import node_tools
from lecturedeck.convert.run import run_tool
from lecturedeck.errors import DeckError
from lecturedeck.paths import NODE_DIR

WORK_PREFIX = ".setup-"
STALE_AFTER = 24 * 3600  # s: the private folder of a setup that was killed long ago is removed
NPM_CI = ["ci", "--no-audit", "--no-fund"]


def version_of(command: str) -> str | None:
    """What `command --version` prints (first line), or None when it cannot be run."""
    try:
        result = run_tool([command, "--version"], command, timeout=60)
    except DeckError:
        return None
    lines = (result.stdout or "").strip().splitlines()
    return lines[0].strip() if result.returncode == 0 and lines else None


def node_found() -> tuple[str | None, str | None, bool]:
    """The `node` on PATH (None: none), what its `--version` prints (None: nothing), and whether it is at
    least MIN_NODE."""
    node = shutil.which("node")
    version = version_of(node) if node else None
    major = node_tools.major_version(version or "")
    return node, version, major is not None and major >= node_tools.MIN_NODE


def node_and_npm() -> tuple[str, str]:
    """`node` (at least MIN_NODE) and `npm` from PATH, or a DeckError saying how to install them."""
    (node, version, recent), npm = node_found(), shutil.which("npm")
    if node is None:
        found = "'node' is not on PATH"
    elif not recent:
        found = f"found Node {version or 'of unknown version'} at {node}"
    elif npm is None:
        found = f"found Node {version} but no npm"
    else:
        return node, npm
    raise DeckError(
        f"setup needs Node.js ≥ {node_tools.MIN_NODE} with npm ({found}): install them "
        f"({node_tools.NODE_HINT}), then run 'lecturedeck setup' again"
    )


def installed(modules: Path) -> bool:
    """Every tool is in `modules` at its pinned version."""
    where = [("cache", modules)]
    return all(
        (found := node_tools.locate(tool, where)) and not node_tools.mismatch(found) for tool in node_tools.TOOLS
    )


def install_node_tools(say: Callable[[str], None]) -> Path:
    """Install the pinned tools into the cache (nothing to do when they are there); returns the folder."""
    target = node_tools.cache_dir()
    if installed(target / "node_modules"):
        say(f"The pinned Node tools are already installed in {target}.")
        return target
    _, npm = node_and_npm()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target.parent)
        work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=target.parent))
    except OSError as exc:
        raise _unwritable(target, exc) from None
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(NODE_DIR / name, work / name)
        say(f"Installing {_pinned()} into {target} (npm ci) …")
        env = {**os.environ, "NO_UPDATE_NOTIFIER": "1", "npm_config_update_notifier": "false"}
        result = run_tool(
            [npm, *NPM_CI], "npm ci", cwd=work, env=env, timeout=1800, capture=False, too_long="check the network"
        )
        if result.returncode != 0 or not installed(work / "node_modules"):
            raise DeckError(
                f"npm ci failed (exit code {result.returncode}; its messages are above): check the network and "
                "npm's registry setting ('npm config get registry'), then run 'lecturedeck setup' again"
            )
        _into_place(work, target)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say(f"Installed {_pinned()} in {target}.")
    return target


def _unwritable(target: Path, exc: OSError) -> DeckError:
    return DeckError(
        f"cannot install the Node tools into {target} ({exc.strerror or exc}): free some space, or point "
        "XDG_CACHE_HOME at a folder you can write to"
    )


def _pinned() -> str:
    return " and ".join(f"{tool.name} {node_tools.pins()[tool.package]}" for tool in node_tools.TOOLS)


def _into_place(work: Path, target: Path) -> None:
    """Rename the complete install to `target`; a previous (broken) one there is moved aside and removed."""
    aside = work.with_name(work.name + "-old")
    if target.exists():
        os.rename(target, aside)
    try:
        os.rename(work, target)
    except OSError:
        if not installed(target / "node_modules"):  # else another setup has just put the same pins there
            raise
    shutil.rmtree(aside, ignore_errors=True)


def _remove_stale(folder: Path) -> None:
    for stale in folder.glob(WORK_PREFIX + "*"):
        try:
            if time.time() - stale.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            continue
