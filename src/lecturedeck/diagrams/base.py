"""What diagram and mind-map layouts share: rectangles, measured labels, and fitting into a box.

Layouts are computed in CSS px with the origin at the top-left of the box they are drawn into; the
SVG (HTML) and the native shapes (PPTX) are both drawn from the same layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Generic, Protocol, TypeVar

from lecturedeck.inline import Inline, plain_text
from lecturedeck.plan.measure import Measurer
from lecturedeck.themes import Theme

LINE_HEIGHT = 1.25  # of node and label text


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
    """Wrap text at max_w px, widened to the longest word (no word is ever broken inside), in the lines of
    `Measurer.label_lines`: balanced, no lone CJK character on the last line, at spaces and punctuation where
    they read well (`问题 + / 文档组成提示`, not `问题 + 文 / 档组成提示`). The label is as wide as its widest line."""
    text = plain_text(spans)
    if not text:
        return Label(("",), size, 0.0, bold)
    allowed = max(max_w, measure.longest_word(spans, size, bold))
    widths = measure.char_widths(spans, size, bold)
    bounds = [*(measure.label_lines(spans, size, allowed, bold).starts or (0,)), len(text)]
    lines = tuple(text[a:b].strip() for a, b in pairwise(bounds))
    w = max(_ink(text[a:b], widths[a:b]) for a, b in pairwise(bounds))
    return Label(lines, size, w, bold)


def _ink(line: str, widths: list[float]) -> float:
    """Width of a line without its leading and trailing spaces."""
    a, b = len(line) - len(line.lstrip()), len(line.rstrip())
    return sum(widths[a:b]) if b > a else 0.0


def font_sizes(theme: Theme, start: float | None = None) -> list[float]:
    """Font sizes to try, largest first: from `start` (default the base size) down to sizes.min."""
    top, low = start or theme.sizes.base, theme.sizes.min
    sizes = list(range(int(top), int(low), -2))
    return [*sizes, low]


class Scalable(Protocol):
    @property
    def width(self) -> float: ...

    @property
    def height(self) -> float: ...

    @property
    def text_size(self) -> float: ...  # the main text size (node or branch text): the size laid out at

    @property
    def smallest_text(self) -> float: ...  # the smallest text anywhere in the drawing

    def scaled(self, s: float, dx: float, dy: float) -> Scalable: ...


L = TypeVar("L", bound=Scalable)
EPS = 0.01
UNREADABLE = 1000.0  # px off the score of a drawing with text below sizes.min
ROUNDING = 1e-9  # how far a drawing's text_size may differ from the size it was laid out at (float rounding)


@dataclass(frozen=True)
class Fitted(Generic[L]):
    """The chosen layout, fitted into the box, and whether all its text is at least sizes.min."""

    layout: L
    arrangement: int  # index of the arrangement chosen
    readable: bool


def fit_best(
    arrangements: Sequence[tuple[float, Callable[[float], L | None]]], theme: Theme, w: float, h: float
) -> Fitted[L]:
    """The arrangement and font size (base size down to sizes.min) whose drawing shows the largest text
    once scaled to fit w × h, never scaled so that any text falls below sizes.min.

    Each arrangement comes with a penalty in px: it wins only if its text is larger by more than that
    (the author's own arrangement has 0, a wrapped or turned one more), ties go to the earlier one. If
    no arrangement keeps every text at sizes.min, the one with the largest text is returned, marked
    not readable. The result is centred in the box. An arrangement that cannot be drawn cleanly at a size
    gives None there and is passed over (the first one must always give a drawing).

    A drawing's score is at most its size less its penalty (it is never scaled up), so an arrangement that
    cannot beat the best so far even at that is not laid out: the same choice, far fewer grandalf layouts."""
    low = theme.sizes.min
    best: tuple[float, int, L, float, bool] | None = None  # (score, index, layout, scale, readable)
    for size in font_sizes(theme):
        for index, (penalty, natural) in enumerate(arrangements):
            if best is not None and size - min(penalty, UNREADABLE) + ROUNDING <= best[0] + EPS:
                continue  # cannot win
            layout = natural(size)
            if layout is None:
                continue
            s = min(1.0, w / layout.width if layout.width else 1.0, h / layout.height if layout.height else 1.0)
            readable = layout.smallest_text * s >= low - EPS
            shown = layout.text_size * s
            score = shown - penalty if readable else shown - UNREADABLE
            if best is None or score > best[0] + EPS:
                best = (score, index, layout, s, readable)
    assert best is not None
    _, index, layout, s, readable = best
    fitted = layout.scaled(s, (w - layout.width * s) / 2, (h - layout.height * s) / 2)
    return Fitted(fitted, index, readable)  # type: ignore[arg-type]
