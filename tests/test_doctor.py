"""`lecturedeck doctor` (issue 12 item 4) on this machine: real Node, npm, marp-cli, Chromium, LibreOffice
and fontconfig; then with Node gone from PATH, a tool at another version and a font stack nothing on the
machine has, each with its fix."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from lecturedeck import cli
from lecturedeck.cli.doctor import Finding, diagnose, font_finding, ready
from lecturedeck.convert import node_tools
from lecturedeck.plan.fonts import fc_match
from lecturedeck.scaffold import scaffold_course
from tests.conftest import CHROMIUM, ROOT, require, require_marp, require_tool
from tests.test_node_tools import PINS, installed_tools


def doctor(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`deck doctor` in-process through the real entry point, on a wide console: (exit code, stdout)."""
    monkeypatch.setattr(sys, "argv", ["deck", "doctor"])
    monkeypatch.setattr(cli.out, "width", 400)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    return int(exited.value.code or 0), capsys.readouterr().out


def by_component(findings: list[Finding]) -> dict[str, Finding]:
    return {f.component: f for f in findings}


def test_doctor_on_this_machine(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    require_marp()
    node, npm, soffice = require_tool("node"), require_tool("npm"), require_tool("soffice")
    require(Path(CHROMIUM).exists(), "chromium")
    require(fc_match("Liberation Sans") is not None and "Liberation Sans" in fc_match("Arial").families, "fonts")
    monkeypatch.delenv(node_tools.ENV, raising=False)
    found = by_component(diagnose())
    assert all(f.status == "ok" and not f.fix for f in found.values()), [f for f in found.values() if f.status != "ok"]
    assert found["Node.js"].found.startswith("v") and found["Node.js"].found.endswith(f"({node})")
    assert found["npm"].found.endswith(f"({npm})")
    pin = PINS["@marp-team/marp-cli"]
    marp_folder = ROOT / "node_modules" / "@marp-team" / "marp-cli"
    assert found["marp-cli"].found == f"{pin} (pinned {pin}), checkout: {marp_folder}"
    assert found["Chromium"].found.startswith("Chromium ") and found["LibreOffice"].found.endswith(f"({soffice})")
    for theme in ("lecture", "contrast"):
        assert found[f"{theme} Latin font"].found.startswith("Liberation Sans for Arial (")
        assert found[f"{theme} CJK font"].found.startswith("Noto Sans CJK SC for Microsoft YaHei (")
        assert found[f"{theme} mono font"].found.startswith("Liberation Mono for Courier New (")
    assert {"python-pptx", "matplotlib", "pydantic", "pillow", "cairosvg", "Python"} <= set(found)
    assert "libcairo" in found["cairosvg"].found
    code, shown = doctor(monkeypatch, capsys)
    assert code == 0
    assert shown.rstrip().endswith("Everything the default build needs is here.")
    for component in found:
        assert f" {component} " in shown


def test_doctor_without_node_on_path_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    found = by_component(diagnose())
    node = found["Node.js"]
    assert (node.status, node.found) == ("fail", "not on PATH")
    assert node.fix == (
        "install Node.js ≥ 18 with npm (Debian/Ubuntu: 'sudo apt install nodejs npm'; elsewhere: https://nodejs.org)"
    )
    assert (found["npm"].status, found["npm"].fix) == ("warn", node.fix)
    assert not ready(list(found.values()))
    code, shown = doctor(monkeypatch, capsys)
    assert code == 1
    assert "sudo apt install nodejs npm" in shown
    assert shown.rstrip().endswith("thing(s) the default build needs are missing: see the fix column (✗).")


def test_doctor_flags_a_tool_at_another_version_and_a_missing_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(node_tools.ENV, str(installed_tools(tmp_path / "node_modules", marp="4.0.0")))
    found = by_component(diagnose())
    assert found["marp-cli"].status == "fail"
    assert found["marp-cli"].fix.startswith(f"marp-cli 4.0.0 in {tmp_path / 'node_modules' / '@marp-team'}")
    assert found["markmap-cli"].status == "ok"
    monkeypatch.setenv(node_tools.ENV, str(tmp_path / "nothing"))
    found = by_component(diagnose())
    assert found["markmap-cli"].found == f"not found (looked in {tmp_path / 'nothing'})"
    assert found["markmap-cli"].fix.startswith("run 'lecturedeck setup' (installs the pinned Node tools into ")


def test_a_font_stack_nothing_here_has_is_a_warning_with_its_fix() -> None:
    require(fc_match("Liberation Sans") is not None, "fontconfig")
    stack = ("No Such Family Xyz", "Neither Family Qqq")
    finding = font_finding("odd Latin font", stack, "", "body text")
    assert finding.status == "warn"
    assert finding.found.endswith(": not a face of No Such Family Xyz, Neither Family Qqq")
    assert finding.fix == "install No Such Family Xyz or Neither Family Qqq"


def test_the_fonts_of_a_course_theme_are_checked_too(tmp_path: Path) -> None:
    require(fc_match("Liberation Sans") is not None, "fontconfig")
    course = tmp_path / "c"
    scaffold_course(course, "C")
    (course / "themes" / "brand").mkdir(parents=True)
    theme = 'extends: lecture\nfonts:\n  latin: ["No Such Family Xyz"]\n'
    (course / "themes" / "brand" / "theme.yaml").write_text(theme, encoding="utf-8")
    found = by_component(diagnose([course]))
    assert found["c/brand Latin font"].status == "warn"
    assert found["c/brand Latin font"].fix == "install No Such Family Xyz"
    assert found["c/brand CJK font"] == replace(found["lecture CJK font"], component="c/brand CJK font")
    assert "lecture Latin font" in found and not any(name.startswith("c/") for name in by_component(diagnose()))
