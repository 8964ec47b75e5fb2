"""Delimiters as filled outlines, as tall as the rows they enclose: ( ) [ ] { } | ‖ ⟨ ⟩.

mathtext can only scale a delimiter glyph as a whole (it grows wide and heavy); MathJax stretches them.
Each delimiter here is a pen stroke along its centre line, thin at the ends and full in the middle
(parentheses, braces), or straight bars (brackets, vertical bars); right ones are their left twins
mirrored.
"""

from __future__ import annotations

import math

Point = tuple[float, float]
MIRRORED = {")": "(", "]": "[", "}": "{", "⟩": "⟨"}  # right delimiters: their left twin, flipped


def outlines(shape: str, x: float, y: float, w: float, h: float, stroke: float) -> list[list[Point]]:
    """Closed polygons (px, y up) that draw the delimiter `shape` in the box x, y (bottom), w, h with a pen
    `stroke` px wide at its thickest."""
    drawn = _left_outlines(MIRRORED.get(shape, shape), w, h, stroke)
    if shape in MIRRORED:
        drawn = [[(w - px, py) for px, py in outline] for outline in drawn]
    return [[(x + px, y + py) for px, py in outline] for outline in drawn]


def _left_outlines(shape: str, w: float, h: float, t: float) -> list[list[Point]]:
    m = t  # side bearing
    if shape == "(":
        samples = [i / 32 for i in range(33)]
        line = [
            (w - m - (w - 2 * m - t / 2) * math.sin(math.pi * s), h / 2 + h / 2 * math.cos(math.pi * s))
            for s in samples
        ]
        return [_stroke(line, [t * (0.3 + 0.7 * math.sin(math.pi * s)) for s in samples])]
    if shape == "[":
        return [[(m, 0.0), (w - m, 0.0), (w - m, t), (m + t, t), (m + t, h - t), (w - m, h - t), (w - m, h), (m, h)]]
    if shape == "|":
        return [_bar(w / 2, h, t)]
    if shape == "‖":
        return [_bar(w / 3, h, t), _bar(2 * w / 3, h, t)]
    if shape == "⟨":
        return [_stroke([(w - m, h), (m + t / 2, h / 2), (w - m, 0.0)], [t, t, t])]
    return _brace(w, h, t, m)


def _bar(x: float, h: float, t: float) -> list[Point]:
    return [(x - t / 2, 0.0), (x + t / 2, 0.0), (x + t / 2, h), (x - t / 2, h)]


def _brace(w: float, h: float, t: float, m: float) -> list[list[Point]]:
    """`{`: two halves, each a hook at the end, a straight arm and a bend into the point at mid-height."""
    right, tip = w - m, m
    arm = (right + tip) / 2
    bend = min(1.5 * (right - arm), h / 4)
    steps = [i / 12 * math.pi / 2 for i in range(13)]
    hook = [(right - (right - arm) * math.sin(a), h - bend + bend * math.cos(a)) for a in steps]
    point = [(tip + (arm - tip) * math.cos(a), h / 2 + bend - bend * math.sin(a)) for a in steps]
    upper = [*hook, *point]
    n = len(upper)
    widths = [t * (0.3 + 0.7 * math.sin(math.pi * i / (n - 1))) for i in range(n)]
    lower = [(x, h - y) for x, y in upper]
    return [_stroke(upper, widths), _stroke(lower, widths)]


def _stroke(line: list[Point], widths: list[float]) -> list[Point]:
    """The outline of `line` drawn with a pen `widths[i]` wide at each point."""
    left, right = [], []
    for i, (x, y) in enumerate(line):
        (x0, y0), (x1, y1) = line[max(i - 1, 0)], line[min(i + 1, len(line) - 1)]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / length * widths[i] / 2, (x1 - x0) / length * widths[i] / 2
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    return left + right[::-1]
