"""Text helpers the layout uses: whole words, ellipsis, heights at a size and line height."""

from __future__ import annotations

from lecturedeck.inline import Inline, plain_text, text_span
from lecturedeck.plan.measure import Measurer

ELLIPSIS = "…"


def words_fit(ms: Measurer, spans: Inline, size: float, width: float, bold: bool = False) -> bool:
    """Whether every word of the spans fits on one line `width` px wide."""
    return ms.longest_word(spans, size, bold) <= width


def height(ms: Measurer, spans: Inline, size: float, width: float, line_height: float, bold: bool = False) -> float:
    """Height of the spans wrapped in `width` at `size` px and a line height."""
    if not plain_text(spans):
        return 0.0
    return ms.lines(spans, size, width, bold).count * size * line_height


def ellipsize(ms: Measurer, text: str, size: float, width: float) -> str:
    """The text, shortened at the end with an ellipsis so that it fits on one line of `width` px."""
    if ms.text_width(text_span(text), size) <= width:
        return text
    cut = len(text)
    while cut > 0 and ms.text_width(text_span(text[:cut].rstrip() + ELLIPSIS), size) > width:
        cut -= 1
    return text[:cut].rstrip(" ·") + ELLIPSIS
