"""Layout constants shared by the fit step, the Marp CSS and the PPTX renderer.

The fit step measures content against these numbers; the CSS and the PPTX must draw with exactly
the same ones (lengths in CSS px on the slide; font sizes and spacing that vary by theme come from
the theme tokens: sizes.base, sizes.small, sizes.code, sizes.min, spacing.line_height,
spacing.paragraph_gap, spacing.indent).
"""

from __future__ import annotations

from lecturedeck.themes import Theme

BLOCK_GAP_FACTOR = 2  # vertical gap between blocks = 2 × spacing.paragraph_gap
CODE_LINE_HEIGHT = 1.35  # pre/code: line-height; white-space: pre (no wrapping)
CODE_PADDING = 16  # pre box padding on all four sides
CODE_GUTTER_CHARS = 2  # line numbers: a gutter as wide as the largest number plus 2 mono characters
MATH_ROW_EM = 2.5  # display math: each row (rows split by \\) at most 2.5 × sizes.base tall
CELL_PAD_Y = 6  # table cells: font sizes.small, line-height spacing.line_height, padding 6px 12px
CELL_PAD_X = 12
COMPACT_CELL_PAD_X = 6  # a table too wide for its words at sizes.min tightens its cells before hyphenating
CELL_BORDER = 1  # one 1px horizontal rule per row (border-bottom)
BOX_PADDING = 16  # definition and quote boxes: padding on all four sides
BOX_BORDER = 6  # definition and quote boxes: border-left width
QUOTE_EXTRA_LEFT = 8  # quotes: padding-left BOX_PADDING + 8
COMPARISON_RULE = 14  # comparison columns: border-top 6px + padding-top 8px
INLINE_CODE_PAD_EM = 0.2  # inline `code`: padding 0 0.2em, font-size at most 1em of the text
NUMBER_GAP_EM = 0.4  # numbered lists: the number column is the widest number ("10." at least) + 0.4em, ≥ indent
MIN_TABLE_COLUMN_SHARE = 0.5  # no table column narrower than half an equal share of the width
# Diagrams, mind maps, timelines and model cards scale to fit the body box: the fit step gives
# each a whole body box, so they stand alone on a slide.


def block_gap(theme: Theme) -> float:
    """Vertical gap between consecutive blocks of a slide or a column."""
    return BLOCK_GAP_FACTOR * theme.spacing.paragraph_gap


def box_inner_width(width: float, quote: bool = False) -> float:
    """Text width inside a definition or quote box `width` px wide."""
    return width - 2 * BOX_PADDING - BOX_BORDER - (QUOTE_EXTRA_LEFT if quote else 0)
