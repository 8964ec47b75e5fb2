"""Laying out and drawing a formula's Grid for the PPTX, the way MathJax sets it in the HTML.

Each Piece is drawn by matplotlib's mathtext; cells sit in aligned columns (aligned: right/left pairs,
2 em between pairs; cases: left-aligned, 1 em apart; matrices: centred, 1 em apart), every row at least
as tall as MathJax's strut (0.75 em above the baseline, 0.25 em below) with the environment's row gap,
environments centred on the math axis, and their delimiters (latex.fences) as tall as the rows.
Lengths are px at the drawing's font size (1 em = the font size). Walking the Grid recurses once per
nested environment: parse() has bounded the nesting (problems.MAX_DEPTH) before any Grid exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from lecturedeck.latex.fences import outlines
from lecturedeck.latex.kept import as_json, kept
from lecturedeck.latex.spelling import drawn
from lecturedeck.latex.structure import Grid, Piece

if TYPE_CHECKING:
    from matplotlib.font_manager import FontProperties

MATH_FONTSET = "cm"  # Computer Modern: looks like LaTeX and MathJax
STRUT = (0.75, 0.25)  # MathJax's least row height above and below the baseline, em
AXIS = 0.25  # the math axis above the baseline (fraction bars, centred environments), em
FENCE_PAD = 0.1  # between a delimiter and the cells it encloses, em
FENCE_STROKE = 0.07  # thickness of a drawn delimiter, em
FENCE_WIDTH = {
    "(": 0.45,
    ")": 0.45,
    "[": 0.4,
    "]": 0.4,
    "{": 0.55,
    "}": 0.55,
    "|": 0.25,
    "‖": 0.4,
    "⟨": 0.45,
    "⟩": 0.45,
}


@dataclass(frozen=True)
class Glyphs:
    """LaTeX that mathtext draws with its baseline's left end at (x, y); y up from the box's baseline."""

    latex: str
    x: float
    y: float


@dataclass(frozen=True)
class Fence:
    """A delimiter (`shape`) drawn in the box x, y (bottom), w, h."""

    shape: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Box:
    """A laid-out piece of a formula: its size around its baseline and what to draw, relative to it."""

    width: float
    ascent: float
    descent: float
    marks: tuple[Glyphs | Fence, ...] = ()

    def moved(self, dx: float, dy: float) -> tuple[Glyphs | Fence, ...]:
        return tuple(replace(mark, x=mark.x + dx, y=mark.y + dy) for mark in self.marks)


@lru_cache(maxsize=2048)
def measure(latex: str, size: float) -> tuple[float, float, float]:
    """(width, ascent, descent) of one line of LaTeX drawn by mathtext at font size `size` px."""
    return _mathtext_measure(latex, size) if latex.strip() else (0.0, 0.0, 0.0)


def _three(data: bytes) -> tuple[float, float, float]:
    width, ascent, descent = map(float, json.loads(data))
    return width, ascent, descent


@kept("measure", as_json, _three)
def _mathtext_measure(latex: str, size: float) -> tuple[float, float, float]:
    from matplotlib.mathtext import MathTextParser

    width, height, depth = MathTextParser("path").parse(f"${latex}$", dpi=96, prop=font(size))[:3]
    return float(width), float(height - depth), float(depth)


def font(size: float) -> FontProperties:
    """The math font at `size` px (matplotlib is imported only when a formula is drawn)."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=size * 0.75, math_fontfamily=MATH_FONTSET)  # pt at 96 px per inch


def layout(grid: Grid, size: float, display: bool = True) -> Box:
    """The Grid laid out at font size `size` px; its baseline is the math axis' baseline when it is an
    environment, the first row's baseline-free stack when it is the formula's own rows."""
    cells = [
        [_cell(cell, size, grid.env.display and display, _joined(grid, col)) for col, cell in enumerate(row)]
        for row in grid.rows
    ]
    widths = [max((row[c].width for row in cells if c < len(row)), default=0.0) for c in range(grid.columns)]
    gaps = [grid.env.column_gaps[c % len(grid.env.column_gaps)] * size for c in range(grid.columns - 1)]
    marks: list[Glyphs | Fence] = []
    y = 0.0  # top of the current row, downwards from the top of the rows
    for r, row in enumerate(cells):
        ascent = max([STRUT[0] * size, *(cell.ascent for cell in row)])
        descent = max([STRUT[1] * size, *(cell.descent for cell in row)])
        x = 0.0
        for c, cell in enumerate(row):
            align = grid.env.align[c % len(grid.env.align)]
            slack = widths[c] - cell.width
            dx = x + (slack if align == "r" else slack / 2 if align == "c" else 0.0)
            marks += cell.moved(dx, -(y + ascent))
            x += widths[c] + (gaps[c] if c < len(gaps) else 0.0)
        y += ascent + descent + (grid.env.row_gap * size if r < len(cells) - 1 else 0.0)
    body = Box(sum(widths) + sum(gaps), y, 0.0, tuple(marks))
    body = Box(body.width, y, 0.0, body.moved(0.0, y))  # baseline at the bottom of the rows
    return _fenced(body, grid.left, grid.right, size) if grid.name else body


def _joined(grid: Grid, column: int) -> bool:
    """aligned: the left cell of each right/left pair starts as if after something (LaTeX's `{}`), so a
    leading `=` or `+` is spaced as a relation or binary operator."""
    return grid.env.column_gaps[0] == 0.0 and column % 2 == 1


def _cell(items: tuple[Piece | Grid, ...], size: float, display: bool, joined: bool) -> Box:
    """The items of one cell side by side, on one baseline (environments centred on the math axis)."""
    boxes = []
    for k, item in enumerate(items):
        if isinstance(item, Grid):
            boxes.append(_on_axis(layout(item, size, display), size))
            continue
        latex = drawn(item.latex, display)
        if (joined and k == 0) or (k > 0 and isinstance(items[k - 1], Grid)):
            latex = "{}" + latex  # spaced as after something: `= b`, `+ c` after a matrix
        width, ascent, descent = measure(latex, size)
        boxes.append(Box(width, ascent, descent, (Glyphs(latex, 0.0, 0.0),)))
    marks: list[Glyphs | Fence] = []
    x = 0.0
    for box in boxes:
        marks += box.moved(x, 0.0)
        x += box.width
    ascent = max((box.ascent for box in boxes), default=0.0)
    return Box(x, ascent, max((box.descent for box in boxes), default=0.0), tuple(marks))


def _on_axis(box: Box, size: float) -> Box:
    """A box whose baseline is its bottom, moved so that its middle is on the math axis."""
    half = (box.ascent + box.descent) / 2
    shift = half - AXIS * size - box.descent  # how far the content moves down
    return Box(box.width, half + AXIS * size, half - AXIS * size, box.moved(0.0, -shift))


def _fenced(body: Box, left: str, right: str, size: float) -> Box:
    """The body between its delimiters, each as tall as the body."""
    height = body.ascent + body.descent
    left_w = (FENCE_WIDTH[left] + FENCE_PAD) * size if left else 0.0
    right_w = (FENCE_WIDTH[right] + FENCE_PAD) * size if right else 0.0
    marks = list(body.moved(left_w, 0.0))
    if left:
        marks.append(Fence(left, 0.0, -body.descent, FENCE_WIDTH[left] * size, height))
    if right:
        marks.append(
            Fence(right, left_w + body.width + FENCE_PAD * size, -body.descent, FENCE_WIDTH[right] * size, height)
        )
    return Box(left_w + body.width + right_w, body.ascent, body.descent, tuple(marks))


# ---- the picture -------------------------------------------------------------------------------------


def draw_png(box: Box, size: float, color: str, pad: float, dpi: float) -> bytes:
    """The laid-out formula as a transparent PNG: `pad` px of margin around its box, `dpi` dots per inch
    (96: one pixel per CSS px)."""
    import io

    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon

    width, height = box.width + 2 * pad, box.ascent + box.descent + 2 * pad
    fig = Figure(figsize=(width / 96, height / 96), dpi=96)
    fig.patch.set_alpha(0)
    prop = font(size)
    for mark in box.moved(pad, pad + box.descent):
        if isinstance(mark, Glyphs):
            fig.text(
                mark.x / width, mark.y / height, f"${mark.latex}$", fontproperties=prop, color=color, va="baseline"
            )
            continue
        for outline in outlines(mark.shape, mark.x, mark.y, mark.w, mark.h, FENCE_STROKE * size):
            points = [(x / width, y / height) for x, y in outline]
            fig.add_artist(Polygon(points, closed=True, facecolor=color, edgecolor="none", transform=fig.transFigure))
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, transparent=True)
    return out.getvalue()
