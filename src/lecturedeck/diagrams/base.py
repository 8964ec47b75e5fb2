"""What diagram and mind-map layouts share: rectangles, measured labels, and fitting into a box.

Layouts are computed in CSS px with the origin at the top-left of the box they are drawn into; the
SVG (HTML) and the native shapes (PPTX) are both drawn from the same layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Protocol, TypeVar

from lecturedeck.inline import Inline, plain_text
from lecturedeck.plan.measure import Measurer
from lecturedeck.themes import Theme

LINE_HEIGHT = 1.25  # of node and label text


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def scaled(self, s: float, dx: float = 0, dy: float = 0) -> Rect:
        return Rect(self.x * s + dx, self.y * s + dy, self.w * s, self.h * s)

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def inside(self, w: float, h: float, eps: float = 0.01) -> bool:
        return self.x >= -eps and self.y >= -eps and self.right <= w + eps and self.bottom <= h + eps


@dataclass(frozen=True)
class Label:
    """Text broken into lines at a font size; `w`/`h` is the text block's size."""

    lines: tuple[str, ...]
    size: float
    w: float
    bold: bool = False

    @property
    def h(self) -> float:
        return len(self.lines) * self.size * LINE_HEIGHT

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def scaled(self, s: float) -> Label:
        return replace(self, size=self.size * s, w=self.w * s)


def measure_label(measure: Measurer, spans: Inline, size: float, max_w: float, bold: bool = False) -> Label:
    """Wrap text at max_w px; the label is as wide as its widest line."""
    text = plain_text(spans)
    if not text:
        return Label(("",), size, 0.0, bold)
    starts = measure.lines(spans, size, max_w, bold).starts or (0,)
    widths = measure.char_widths(spans, size, bold)
    bounds = [*starts, len(text)]
    lines = tuple(text[a:b].strip() for a, b in pairwise(bounds))
    w = max(sum(widths[a:b]) for a, b in pairwise(bounds))
    return Label(lines, size, min(w, max_w) if len(lines) > 1 else w, bold)


def font_sizes(theme: Theme, start: float | None = None) -> list[float]:
    """Font sizes to try, largest first: from `start` (default the base size) down to sizes.min."""
    top, low = start or theme.sizes.base, theme.sizes.min
    sizes = list(range(int(top), int(low), -2))
    return [*sizes, low]


class Scalable(Protocol):
    width: float
    height: float

    def scaled(self, s: float, dx: float, dy: float) -> Scalable: ...


L = TypeVar("L", bound=Scalable)


def fit(natural: Callable[[float], L], theme: Theme, w: float, h: float, start: float | None = None) -> L:
    """The layout at the largest font size (down to sizes.min) that fits w × h; below that, scaled
    down to fit. The result is centred in the box."""
    layout = None
    for size in font_sizes(theme, start):
        layout = natural(size)
        if layout.width <= w and layout.height <= h:
            break
    assert layout is not None
    s = min(1.0, w / layout.width if layout.width else 1.0, h / layout.height if layout.height else 1.0)
    return layout.scaled(s, (w - layout.width * s) / 2, (h - layout.height * s) / 2)  # type: ignore[return-value]
