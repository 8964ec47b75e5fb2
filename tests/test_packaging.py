"""Packaging: one version everywhere, both commands and `python -m lecturedeck`, a wheel built without warnings."""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import lecturedeck
from tests.conftest import ROOT


def test_one_version_for_the_package_its_metadata_and_both_commands() -> None:
    assert version("lecturedeck") == lecturedeck.__version__
    expected = f"lecturedeck {lecturedeck.__version__}"
    commands = ([sys.executable, "-m", "lecturedeck"], [str(Path(sys.executable).parent / "lecturedeck")])
    for command in commands:
        result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stdout.strip(), result.stderr) == (0, expected, ""), command


def test_the_wheel_builds_without_warnings_with_the_spdx_license_and_both_scripts(tmp_path: Path) -> None:
    """Built from a copy (setuptools writes build/ and *.egg-info next to pyproject.toml), as pip installs it."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    output = built.stdout + built.stderr
    assert "deprecat" not in output.lower() and "BuildBackendWarning" not in output, output
    (wheel,) = (tmp_path / "dist").glob("lecturedeck-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        info = f"lecturedeck-{lecturedeck.__version__}.dist-info"
        metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
        scripts = archive.read(f"{info}/entry_points.txt").decode()
    assert metadata["Version"] == lecturedeck.__version__
    assert metadata["License-Expression"] == "MIT"
    assert "deck = lecturedeck.__main__:main" in scripts and "lecturedeck = lecturedeck.__main__:main" in scripts
