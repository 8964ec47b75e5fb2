"""The marp-cli wrapper: found locally or on PATH, failures reported with marp's own message."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.convert import marp
from lecturedeck.errors import DeckError
from tests.conftest import ROOT, require_marp


def test_missing_marp_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(marp, "PROJECT_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DeckError, match=r"npm ci.*npm install -g @marp-team/marp-cli@4\.5\.1"):
        marp.find_marp()


def test_project_local_marp_is_preferred() -> None:
    require_marp()
    assert marp.find_marp() == ROOT / "node_modules" / ".bin" / "marp"


def test_pinned_version_is_installed() -> None:
    require_marp()
    import json

    lock = json.loads((ROOT / "package-lock.json").read_text())
    installed = json.loads((ROOT / "node_modules" / "@marp-team" / "marp-cli" / "package.json").read_text())
    assert lock["packages"]["node_modules/@marp-team/marp-cli"]["version"] == installed["version"]
    assert installed["version"].startswith("4.5.")


def test_marp_failure_surfaces_its_message(tmp_path: Path) -> None:
    require_marp()
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "a.md").write_text("# x", encoding="utf-8")
    (tmp_path / "html").write_text("a file where marp needs a folder", encoding="utf-8")
    with pytest.raises(DeckError, match="marp-cli failed"):
        marp.convert_to_html(tmp_path / "md", tmp_path / "html", [])
