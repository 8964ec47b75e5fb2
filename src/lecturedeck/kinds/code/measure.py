"""Measuring code: the width of each line in the mono font, the font size that makes the widest line
fit (not below sizes.min), the listing's height."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lecturedeck.plan import metrics as m
from lecturedeck.plan.fonts import glyph_widths
from lecturedeck.plan.measure import WIDTH_SAFETY
from lecturedeck.plan.model import CodeBlock
from lecturedeck.themes import Fonts

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer


@lru_cache(maxsize=4096)
def _line_em(fonts: Fonts, line: str) -> float:
    """Unscaled width (in em) of a line of code; cached per line, since splitting measures lines often."""
    glyphs = glyph_widths(fonts, True, False)
    return sum(glyphs.em(ch) for ch in line.expandtabs(4))


def code_line_width(ms: Measurer, line: str, size: float) -> float:
    """Width of one line of code (tabs as 4 spaces) in the mono font, safety margin included."""
    return _line_em(ms.theme.fonts, line) * size * WIDTH_SAFETY


def code_gutter_width(ms: Measurer, block: CodeBlock, size: float) -> float:
    """Width of the line-number gutter (0 without line numbers)."""
    if not block.line_numbers:
        return 0.0
    last = block.first_line + block.code.count("\n")
    return code_line_width(ms, "0" * (len(str(last)) + m.CODE_GUTTER_CHARS), size)


def code_font_size(ms: Measurer, block: CodeBlock, width: float) -> int:
    """Code font size in px: sizes.code, shrunk (not below sizes.min) until the widest line fits.

    Code does not wrap (`white-space: pre`); a line too wide even at sizes.min overflows.
    """
    sizes = ms.theme.sizes
    widest = max((code_line_width(ms, line, 1.0) for line in block.code.split("\n")), default=0.0)
    widest += code_gutter_width(ms, block, 1.0)
    inner = width - 2 * m.CODE_PADDING
    if widest * sizes.code <= inner:
        return sizes.code
    return max(sizes.min, min(sizes.code, int(inner / widest)))


def code_overflows(ms: Measurer, block: CodeBlock, width: float) -> bool:
    """Whether some code line is wider than the box even at the minimum size."""
    size = code_font_size(ms, block, width)
    inner = width - 2 * m.CODE_PADDING - code_gutter_width(ms, block, size)
    return any(code_line_width(ms, line, size) > inner for line in block.code.split("\n"))


def code_height(ms: Measurer, block: CodeBlock, width: float) -> float:
    size = code_font_size(ms, block, width)
    return len(block.code.split("\n")) * size * m.CODE_LINE_HEIGHT + 2 * m.CODE_PADDING
