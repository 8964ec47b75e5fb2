"""SVG images too costly to draw (plan.svgimage.svg_overload): 100,000 `<use>` took ~13 s of drawing before
CairoSVG gave up; a streaming count refuses such files at once, with a located line, while diagrams of a
few thousand elements (draw.io, matplotlib, Inkscape) are drawn as before."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lecturedeck.errors import DeckError
from lecturedeck.plan.images import image_size
from tests.conftest import deck

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="60">'
COURSE = "title: C\nlang: en\nlectures:\n  - 01.yaml\n"
LECTURE = """\
title: L
sections:
  - title: S
    slides:
      - kind: image
        title: I
        alt: a picture
        src: picture.svg
"""
SRC_AT = "01.yaml:8:14"  # the image slide's `src` value


def use_flood(uses: int) -> str:
    """One square drawn `uses` times by flat <use> elements (3 MB for 100,000)."""
    drawn = "".join(f'<use xlink:href="#dot" x="{i % 90}" y="{i // 90 % 60}"/>' for i in range(uses))
    return f'{SVG_OPEN}<defs><rect id="dot" width="1" height="1"/></defs>{drawn}</svg>'


def use_bomb(levels: int) -> str:
    """A "billion laughs" of <use>: each level draws the one below ten times (1 kB, 10^levels squares)."""
    groups = "".join(f'<g id="l{k + 1}">' + f'<use href="#l{k}"/>' * 10 + "</g>" for k in range(levels))
    return f'{SVG_OPEN}<defs><rect id="l0" width="1" height="1"/>{groups}</defs><use href="#l{levels}"/></svg>'


def scatter_plot(points: int) -> str:
    """As matplotlib writes a scatter plot: a marker in <defs>, one <use> per point, plus labelled boxes."""
    markers = "".join(f'<use xlink:href="#m" x="{i % 80 + 5}" y="{i // 80 % 50 + 5}"/>' for i in range(points))
    boxes = "".join(
        f'<g id="b{i}"><rect x="{i % 9 * 10}" y="0" width="8" height="4"/><text x="0" y="9">{i}</text></g>'
        for i in range(points)
    )
    return f'{SVG_OPEN}<defs><path id="m" d="M0 -1 L1 0 L0 1 L-1 0 Z"/></defs>{markers}{boxes}</svg>'


HOSTILE = {
    "100,000 <use>": (use_flood(100_000), "has more than 20,000 elements"),
    "<use> bomb": (use_bomb(9), "draws 1,111,111,111 <use> references"),
    "<use> loop": (
        f'{SVG_OPEN}<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>',
        "<use> elements that refer to each other in a loop",
    ),
}


@pytest.mark.parametrize(("svg", "message"), HOSTILE.values(), ids=list(HOSTILE))
def test_an_svg_too_costly_to_draw_is_refused_at_once(tmp_path: Path, svg: str, message: str) -> None:
    (tmp_path / "picture.svg").write_text(svg, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DeckError, match=message):
        image_size(tmp_path / "picture.svg", None)
    assert time.perf_counter() - started < 5, "refused by counting, not by drawing"


def test_the_refusal_is_a_located_line_and_nothing_is_written(tmp_path: Path) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / "course.yaml").write_text(COURSE, encoding="utf-8")
    (course / "01.yaml").write_text(LECTURE, encoding="utf-8")
    (course / "picture.svg").write_text(use_flood(100_000), encoding="utf-8")
    started = time.perf_counter()
    code, stdout, stderr = deck("build", course, "--to", "pptx", "--out", tmp_path / "out")
    assert time.perf_counter() - started < 10
    assert code == 2, stdout + stderr
    assert stderr.startswith(f"{course / SRC_AT}: SVG image {course / 'picture.svg'} has more than 20,000 elements")
    assert "export it as PNG" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_diagrams_of_thousands_of_elements_are_drawn(tmp_path: Path) -> None:
    """1,500 markers and 1,500 labelled boxes (7,500 elements); 1,110 squares drawn by nested <use>."""
    for name, svg in {"plot.svg": scatter_plot(1_500), "nested.svg": use_bomb(3)}.items():
        (tmp_path / name).write_text(svg, encoding="utf-8")
        assert image_size(tmp_path / name, None) == (90, 60), name
