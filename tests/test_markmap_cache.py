"""markmap's pages kept in the user cache: a mind map seen before needs no Node run (convert.markmap)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.build import load_and_plan
from lecturedeck.convert import markmap
from lecturedeck.convert.node_tools import MARKMAP, locate
from tests.conftest import require
from tests.courses import write_course

LECTURE = """\
title: Maps
sections:
  - title: One
    slides:
      - kind: mindmap
        title: A map
        root: Models
        items: [Text, {text: Vision, items: [CNN, ViT]}]
"""


def test_a_mind_map_seen_before_is_written_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require(locate(MARKMAP) is not None, "markmap-cli (npm ci, or lecturedeck setup)")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = write_course(tmp_path / "maps", {"01-map.yaml": LECTURE}, title="Maps")
    [course] = load_and_plan([folder])
    decks = [(course.loaded.name, deck) for deck in course.decks]
    first: dict[Path, str] = {}
    with markmap.markmap_pages(decks, first.__setitem__, tmp_path / "first") as written:
        assert written() == 1
    assert len(list((tmp_path / "cache" / "lecturedeck" / "markmap").glob("*.html"))) == 1

    def no_node(*args: object, **kwargs: object) -> None:
        raise AssertionError("markmap ran again for a mind map it had made")

    monkeypatch.setattr(markmap, "started_tool", no_node)
    again: dict[Path, str] = {}
    with markmap.markmap_pages(decks, again.__setitem__, tmp_path / "again") as written:
        assert written() == 1
    assert again == first and "<html" in next(iter(again.values()))
