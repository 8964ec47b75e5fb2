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

TAB_SIZE = 4  # columns a tab in a listing stands for, in both outputs


@lru_cache(maxsize=4096)
def _line_em(fonts: Fonts, line: str) -> float:
    """Unscaled width (in em) of a line of code; cached per line, since splitting measures lines often."""
    glyphs = glyph_widths(fonts, True, False)
    return sum(glyphs.em(ch) for ch in line.expandtabs(TAB_SIZE))


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

    Code does not wrap (`white-space: pre`); a line too wide even at sizes.min is refused (`code_too_wide`).
    """
    sizes = ms.theme.sizes
    widest = max((code_line_width(ms, line, 1.0) for line in block.code.split("\n")), default=0.0)
    widest += code_gutter_width(ms, block, 1.0)
    inner = width - 2 * m.CODE_PADDING
    if widest * sizes.code <= inner:
        return sizes.code
    return max(sizes.min, min(sizes.code, int(inner / widest)))


def code_too_wide(ms: Measurer, block: CodeBlock, width: float, box_h: float) -> str | None:
    """The listing's first line wider than the box even at sizes.min, said with how to fix it (None if none)."""
    size = code_font_size(ms, block, width)
    inner = width - 2 * m.CODE_PADDING - code_gutter_width(ms, block, size)
    for number, line in enumerate(block.code.split("\n"), start=block.first_line):
        if code_line_width(ms, line, size) > inner:
            most = int(inner / code_line_width(ms, "0", size))
            return (
                f"line {number} of the listing is too wide for a slide even at the smallest code size ({size} px): "
                f"it has {len(line.expandtabs(TAB_SIZE))} characters and about {most} fit; break it into shorter lines"
            )
    return None


def code_height(ms: Measurer, block: CodeBlock, width: float) -> float:
    size = code_font_size(ms, block, width)
    return len(block.code.split("\n")) * size * m.CODE_LINE_HEIGHT + 2 * m.CODE_PADDING
