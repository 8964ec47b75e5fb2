"""A Chromium started at the beginning of a build (driven through Playwright) takes the same thumbnails as
the `chromium --screenshot` run made when they are needed (convert.thumbnails.chromium_started)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.convert.thumbnails import chromium_started, find_chromium, thumbnails
from tests.conftest import require


@pytest.mark.client
def test_a_camera_started_early_takes_the_same_thumbnail(
    starter_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(find_chromium() is not None, "chromium")
    deck = {"a": starter_build / "01-basics.html"}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "when-needed"))
    when_needed = thumbnails(deck)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "early"))
    with chromium_started() as camera:
        early = thumbnails(deck, camera=camera)
    assert list(early) == ["a"] and early == when_needed
