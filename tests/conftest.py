"""Shared fixtures: real clients (marp-cli, Chromium, LibreOffice) and built sample decks.

Real-client tests skip when a client is missing on a developer machine, but FAIL under CI=true:
CI must never go green without having run them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require(available: bool, what: str) -> None:
    """Skip (or, with CI=true, fail) when a real client is not installed."""
    if available:
        return
    message = f"{what} is not installed; CI installs it via .ci/run"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_tool(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, name)
    return str(path)


def require_marp() -> None:
    from lecturedeck.convert.node_tools import MARP, locate

    require(locate(MARP) is not None, "marp-cli (npm ci, or lecturedeck setup)")


def convert_to_html(md_dir: Path, html_dir: Path, theme_css: list[Path]) -> None:
    """Every .md under md_dir converted by the real marp-cli, as a build converts them (waited for at once)."""
    from lecturedeck.convert.marp import early_marp

    with early_marp() as marp:
        marp.convert(md_dir, html_dir, theme_css)()


def built_course(course: Path, formats: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course built `--to formats` (in this process) into a fresh folder: the course's output folder."""
    out = tmp_path_factory.mktemp("built")
    code, _, err = deck("build", course, "--out", out, "--to", formats)
    assert code == 0, err
    return out / course.name


def run_deck(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `deck` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "lecturedeck", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def deck(*args: str | Path) -> tuple[int, str, str]:
    """`deck ARGS` in this process through the real entry point, as the console script runs it: (exit code,
    stdout, stderr). Any exception other than the exit is a traceback the user would have seen: it fails the
    test. `run_deck` is the same in a subprocess."""
    from lecturedeck.__main__ import main

    argv, out, err = sys.argv, io.StringIO(), io.StringIO()
    sys.argv = ["deck", *map(str, args)]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        sys.argv = argv
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless system Chromium driven by Playwright (never a downloaded browser)."""
    require(Path(CHROMIUM).exists(), "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def starter_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter course built once with every format (through the real CLI and marp-cli)."""
    require_marp()
    out = tmp_path_factory.mktemp("build")
    result = run_deck("build", ROOT / "slides" / "starter", "--out", out)
    assert result.returncode == 0, result.stderr
    return out / "starter"
