"""Installable anywhere (issue 12 items 1–3): the wheel holds everything the tool reads, and installed into a
fresh virtual environment with a fresh HOME it works from an empty folder with no checkout anywhere: the
version, `deck new`, a PPTX build with no Node on PATH, an HTML build refused until `lecturedeck setup`
has installed the pinned Node tools (a real `npm ci` into the fresh cache, replacing a broken one), then a
full build and `lecturedeck doctor` using the cache.

Needs the package index and the npm registry (npm's cache is the machine's, to save downloads)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import lecturedeck
from lecturedeck.manifest import MANIFEST
from tests.conftest import ROOT, require_tool
from tests.test_node_tools import installed_tools

SHIPPED = [  # inside the wheel, under lecturedeck/
    "resources/templates/index.html.j2",
    "resources/templates/theme.css.j2",
    "resources/templates/marp/deck.md.j2",
    "resources/templates/marp/slides/content.md.j2",
    "resources/templates/markmap/pages.mjs",
    "resources/templates/new-course/en/course.yaml",
    "resources/templates/new-course/zh-CN/images/loss-curve.svg",
    "resources/themes/lecture/theme.yaml",
    "resources/themes/contrast/theme.yaml",
    "resources/node/package.json",
    "resources/node/package-lock.json",
    "kinds/bullets/slide.md.j2",
    "kinds/code/style.css.j2",
    "kinds/quiz/quiz.js",
    "serve/reload.js",
    "present/static/audience.html",
    "present/static/presenter.js",
]


def build_wheel(tmp_path: Path) -> Path:
    """`pip wheel` of a copy of the project (setuptools writes build/ and *.egg-info beside pyproject.toml);
    the copy follows src/lecturedeck/resources' links to the top-level folders, as an sdist does."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp_path / "dist")])
    (wheel,) = (tmp_path / "dist").glob("lecturedeck-*.whl")
    return wheel


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, code: int = 0) -> str:
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=600)
    assert result.returncode == code, f"{command}: {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.mark.client
def test_the_wheel_works_from_an_empty_folder_with_a_fresh_home(tmp_path: Path) -> None:
    node, npm = Path(require_tool("node")), require_tool("npm")
    npm_cache = run([npm, "config", "get", "cache"]).strip()
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("lecturedeck/resources/node/package-lock.json") == (ROOT / "package-lock.json").read_bytes()
    assert {f"lecturedeck/{name}" for name in SHIPPED} <= names
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    # --no-compile: installing is what is tested; bytecode for every dependency took a third of the install
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-compile", str(wheel)])

    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    no_node = {"PATH": str(venv / "bin"), "HOME": str(home), "LANG": "C.UTF-8", "COLUMNS": "400"}
    assert shutil.which("node", path=no_node["PATH"]) is None
    with_node = {**no_node, "PATH": os.pathsep.join([str(venv / "bin"), str(node.parent), "/usr/bin", "/bin"])}
    with_node["npm_config_cache"] = npm_cache

    def deck(*args: str, env: dict[str, str] = no_node, code: int = 0) -> str:
        return run([str(venv / "bin" / "deck"), *args], env=env, cwd=work, code=code)

    assert run(["lecturedeck", "--version"], env=no_node, cwd=work).strip() == f"lecturedeck {lecturedeck.__version__}"
    deck("new", "c")
    deck("build", "--to", "pptx")
    assert sorted(p.name for p in (work / "build" / "c").iterdir()) == [MANIFEST, "01-introduction.pptx"]

    digest = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()[:16]
    cache = home / ".cache" / "lecturedeck" / "node" / digest
    installed_tools(cache / "node_modules", marp="0.0.1")  # a broken install that setup must replace
    said = deck("build", env=with_node, code=2)
    assert f"marp-cli 0.0.1 in {cache / 'node_modules' / '@marp-team' / 'marp-cli'} is not the pinned" in said
    assert "run 'lecturedeck setup'" in said

    said = deck("setup", env=with_node)
    assert f"Installed marp-cli 4.5.1 and markmap-cli 0.18.12 in {cache}." in said
    assert [p.name for p in cache.parent.iterdir()] == [digest]  # the private folders are gone
    deck("build", env=with_node)
    outputs = {p.name for p in (work / "build" / "c").iterdir()}
    assert {"01-introduction.html", "01-introduction.md", "01-introduction.pptx", "index.html"} <= outputs
    assert "<html" in (work / "build" / "c" / "01-introduction.html").read_text(encoding="utf-8")
    shown = deck("doctor", env=with_node)
    assert f"cache: {cache / 'node_modules' / '@marp-team' / 'marp-cli'}" in shown
    assert "checkout" not in shown
    assert sorted(p.name for p in work.iterdir()) == ["build", "slides"]
