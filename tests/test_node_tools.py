"""The pinned Node tools (issue 12 item 3): where they are found and in which order, their versions checked
against the shipped lockfile, `lecturedeck setup` refusing clearly without Node or npm, an HTML build that
cannot find them saying what to run before any work, and a PPTX build that needs no Node at all.

The real `npm ci` of `lecturedeck setup` runs in tests/test_install.py (fresh HOME, installed wheel)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from lecturedeck.convert import node_tools
from lecturedeck.convert.node_setup import install_node_tools
from lecturedeck.errors import DeckError
from lecturedeck.manifest import MANIFEST
from lecturedeck.scaffold import scaffold_course
from tests.conftest import ROOT, deck, require_marp

PINS = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]


def installed_tools(modules: Path, **versions: str) -> Path:
    """A node_modules folder holding both tools' package.json, at the pinned versions unless given
    (keys: marp, markmap)."""
    for key, tool in (("marp", node_tools.MARP), ("markmap", node_tools.MARKMAP)):
        folder = modules / tool.package
        folder.mkdir(parents=True)
        manifest = {"name": tool.package, "version": versions.get(key, PINS[tool.package]), "bin": {"x": "x.js"}}
        (folder / "package.json").write_text(json.dumps(manifest), encoding="utf-8")
    return modules


@pytest.fixture
def no_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """As an installed wheel sees it: no checkout, no explicit setting, an empty per-user cache in tmp."""
    monkeypatch.setattr(node_tools, "checkout", lambda: None)
    monkeypatch.delenv(node_tools.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def fake_command(folder: Path, name: str, prints: str) -> None:
    """An executable `name` in `folder` that prints `prints` (a stand-in Node of another version)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\necho {prints}\n", encoding="utf-8")
    script.chmod(0o755)


def test_the_pins_and_the_cache_folder_come_from_the_shipped_lockfile(no_checkout: Path) -> None:
    assert node_tools.pins() == PINS
    digest = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()[:16]
    assert node_tools.cache_dir() == no_checkout / "lecturedeck" / "node" / digest


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert node_tools.cache_dir().parents[2] == tmp_path / ".cache"


def test_the_checkout_comes_before_the_cache_and_the_explicit_setting_before_both(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require_marp()
    monkeypatch.delenv(node_tools.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    installed_tools(node_tools.cache_dir() / "node_modules")
    found = node_tools.require(node_tools.MARP)
    assert (found.source, found.folder) == ("checkout", ROOT / "node_modules" / "@marp-team" / "marp-cli")
    assert found.file("bin") == found.folder / "marp-cli.js"
    monkeypatch.setenv(node_tools.ENV, str(installed_tools(tmp_path / "mine" / "node_modules")))
    found = node_tools.require(node_tools.MARKMAP)
    assert (found.source, found.folder) == (node_tools.ENV, tmp_path / "mine" / "node_modules" / "markmap-cli")
    monkeypatch.delenv(node_tools.ENV)
    monkeypatch.setattr(node_tools, "checkout", lambda: None)
    assert node_tools.require(node_tools.MARP).source == "cache"


def test_nothing_found_says_what_to_run(no_checkout: Path) -> None:
    expected = (
        f"HTML needs marp-cli 4.x: run 'lecturedeck setup' (installs the pinned Node tools into "
        f"{no_checkout / 'lecturedeck'}, needs Node ≥ 18), or build only the PPTX with --to pptx"
    )
    with pytest.raises(DeckError) as error:
        node_tools.require(node_tools.MARP)
    assert str(error.value) == expected
    with pytest.raises(
        DeckError, match=r"^an HTML deck with a mind map needs markmap-cli 0\.x: run 'lecturedeck setup'"
    ):
        node_tools.require(node_tools.MARKMAP)


def test_an_explicit_setting_is_the_only_place_looked_in(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed_tools(node_tools.cache_dir() / "node_modules")
    monkeypatch.setenv(node_tools.ENV, str(tmp_path / "empty"))
    with pytest.raises(DeckError, match=f"names {tmp_path / 'empty'}, which has none\\): run 'lecturedeck setup'"):
        node_tools.require(node_tools.MARP)


def test_a_version_other_than_the_pin_is_refused_with_the_fix_for_where_it_was_found(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin = PINS["@marp-team/marp-cli"]
    mine = installed_tools(tmp_path / "mine", marp="4.4.0")
    monkeypatch.setenv(node_tools.ENV, str(mine))
    with pytest.raises(DeckError) as error:
        node_tools.require(node_tools.MARP)
    assert str(error.value) == (
        f"marp-cli 4.4.0 in {mine / '@marp-team' / 'marp-cli'} is not the pinned {pin}: "
        f"install @marp-team/marp-cli@{pin} there, or unset {node_tools.ENV}"
    )
    monkeypatch.delenv(node_tools.ENV)
    installed_tools(node_tools.cache_dir() / "node_modules", markmap="0.17.0")
    with pytest.raises(DeckError, match=r"markmap-cli 0\.17\.0 in .* is not the pinned .*: run 'lecturedeck setup'$"):
        node_tools.require(node_tools.MARKMAP)
    monkeypatch.setattr(node_tools, "checkout", lambda: tmp_path)
    installed_tools(tmp_path / "node_modules", marp="3.0.0")
    with pytest.raises(DeckError, match=f"run 'make install' \\(npm ci\\) in {tmp_path}$"):
        node_tools.require(node_tools.MARP)


def test_node_missing_from_path_is_said_with_the_install_hint(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed_tools(node_tools.cache_dir() / "node_modules")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(DeckError, match=r"needs Node\.js ≥ 18 and 'node' is not on PATH: install it \(Debian"):
        node_tools.node()


@pytest.mark.parametrize(
    ("commands", "said"),
    [
        ({}, "'node' is not on PATH"),
        ({"node": "v16.20.2", "npm": "8.19.4"}, "found Node v16.20.2 at {bin}/node"),
        ({"node": "v20.1.0"}, "found Node v20.1.0 but no npm"),
    ],
)
def test_setup_refuses_without_node_18_and_npm(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, commands: dict[str, str], said: str
) -> None:
    bin_dir = tmp_path / "bin"
    for name, prints in commands.items():
        fake_command(bin_dir, name, prints)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(DeckError) as error:
        install_node_tools(lambda _: None)
    assert str(error.value) == (
        f"setup needs Node.js ≥ 18 with npm ({said.format(bin=bin_dir)}): install them (Debian/Ubuntu: "
        "'sudo apt install nodejs npm'; elsewhere: https://nodejs.org), then run 'lecturedeck setup' again"
    )
    assert not node_tools.cache_dir().exists()


def test_setup_with_the_tools_in_place_has_nothing_to_do(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed_tools(node_tools.cache_dir() / "node_modules")
    monkeypatch.setenv("PATH", str(tmp_path / "no-node-here"))
    said: list[str] = []
    assert install_node_tools(said.append) == node_tools.cache_dir()
    assert said == [f"The pinned Node tools are already installed in {node_tools.cache_dir()}."]


def test_an_html_build_without_the_tools_stops_before_any_work_and_a_pptx_build_needs_no_node(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    course = tmp_path / "c"
    scaffold_course(course, "C")
    monkeypatch.setenv("PATH", os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != "/usr/bin"))
    code, _, err = deck("build", course, "--out", tmp_path / "out")
    with pytest.raises(DeckError) as expected:
        node_tools.require(node_tools.MARP)
    assert (code, err.strip()) == (2, str(expected.value))
    assert not (tmp_path / "out").exists()
    code, _, err = deck("build", course, "--to", "pptx,md", "--out", tmp_path / "out")
    assert (code, err) == (0, "")
    assert sorted(p.name for p in (tmp_path / "out" / "c").iterdir()) == [
        MANIFEST,
        "01-introduction.md",
        "01-introduction.pptx",
        "images",
    ]
