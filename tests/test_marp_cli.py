"""The marp-cli wrapper: the pinned marp-cli (see tests/test_node_tools.py), failures reported with marp's own
message."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.convert import marp
from lecturedeck.errors import DeckError
from tests.conftest import ROOT, convert_to_html, require_marp


def test_the_checkout_marp_is_run_with_node() -> None:
    require_marp()
    assert marp.marp_command()[1:] == [str(ROOT / "node_modules" / "@marp-team" / "marp-cli" / "marp-cli.js")]


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
        convert_to_html(tmp_path / "md", tmp_path / "html", [])
