"""A rendered PPTX leaves nothing behind: python-pptx's parts refer to each other (reference cycles
holding whole XML trees), and a build of many lectures grew by one deck's trees per lecture until
render_pptx collected its own garbage (630 MB → 220 MB for 5,000 slides, bench/bench_build.py)."""

from __future__ import annotations

import gc
from pathlib import Path

from pptx.opc.package import Part

from lecturedeck.build import load_and_plan
from lecturedeck.render.pptx import render_pptx
from lecturedeck.themes import load_theme

ROOT = Path(__file__).resolve().parents[1]


def live_parts() -> int:
    return sum(1 for item in gc.get_objects() if isinstance(item, Part))


def test_render_pptx_leaves_no_python_pptx_part_alive() -> None:
    (course,) = load_and_plan([ROOT / "slides" / "starter"])
    gc.collect()
    before = live_parts()
    for laid in course.laid:
        data = render_pptx(laid, load_theme(laid.deck.theme))
        assert data.startswith(b"PK")
        assert live_parts() == before
