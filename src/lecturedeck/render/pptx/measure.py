"""Estimated heights of blocks, to stack several blocks in one body box.

The planner decides what fits on a slide; this only decides where each block starts. A simple
width model (CJK 1 em, Latin a generous 0.6 em) errs on the tall side so blocks never overlap.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from lecturedeck.inline import Inline, plain_text
from lecturedeck.plan.model import (
    BulletsBlock,
    CodeBlock,
    DefinitionBlock,
    ListItem,
    ParagraphsBlock,
    QuoteBlock,
    TableBlock,
)
from lecturedeck.themes import Theme

LATIN_EM = 0.6
SPACE_EM = 0.3
PANEL_INSET = 16  # px of padding inside definition, quote and code panels
ACCENT_BAR = 6  # px width of the accent bar left of definitions and quotes
CELL_INSET_X, CELL_INSET_Y = 10, 5
CODE_LINE_HEIGHT = 1.3

TextBlock = BulletsBlock | ParagraphsBlock


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def text_width(text: str, size: float, mono: bool = False) -> float:
    """Estimated advance width of a line of text in px."""
    narrow = 0.6 if mono else LATIN_EM
    return size * sum(1.0 if _is_wide(ch) else SPACE_EM if ch == " " and not mono else narrow for ch in text)


def _tokens(text: str) -> Iterator[str]:
    """Unbreakable pieces: a CJK character, or a Latin word with its trailing spaces."""
    word = ""
    for ch in text:
        if _is_wide(ch):
            if word:
                yield word
                word = ""
            yield ch
        else:
            word += ch
            if ch == " ":
                yield word
                word = ""
    if word:
        yield word


def line_count(text: str, size: float, width: float, mono: bool = False) -> int:
    """Lines a text wraps to in a box of this width (greedy, like PowerPoint and browsers)."""
    lines, x = 1, 0.0
    for token in _tokens(text):
        w = text_width(token.rstrip(), size, mono)
        if x and x + w > width:
            lines += 1
            x = 0.0
        x += text_width(token, size, mono)
    return lines


def inline_height(spans: Inline, size: float, width: float, line_height: float) -> float:
    return line_count(plain_text(spans), size, width) * size * line_height


def text_height(blocks: tuple[TextBlock, ...], theme: Theme, width: float) -> float:
    """Bullets and paragraphs as the body placeholder sets them (base size, gap after each)."""
    s, size = theme.spacing, theme.sizes.base

    def items(item: ListItem, depth: int) -> float:
        own = inline_height(item.text, size, width - s.indent * (min(depth, 2) + 1), s.line_height)
        return own + s.paragraph_gap + sum(items(child, depth + 1) for child in item.children)

    total = 0.0
    for block in blocks:
        if isinstance(block, BulletsBlock):
            total += sum(items(item, 0) for item in block.items)
        else:
            total += sum(inline_height(p, size, width, s.line_height) + s.paragraph_gap for p in block.paragraphs)
    return total


def definition_height(block: DefinitionBlock, theme: Theme, width: float) -> float:
    inner, size, lh = width - ACCENT_BAR - 2 * PANEL_INSET, theme.sizes.base, theme.spacing.line_height
    return 2 * PANEL_INSET + inline_height(block.term, size, inner, lh) + inline_height(block.body, size, inner, lh)


def quote_height(block: QuoteBlock, theme: Theme, width: float) -> float:
    inner, lh = width - ACCENT_BAR - 2 * PANEL_INSET, theme.spacing.line_height
    source = inline_height(block.source, theme.sizes.small, inner, lh) if block.source else 0
    return 2 * PANEL_INSET + inline_height(block.text, theme.sizes.base, inner, lh) + source


def code_height(block: CodeBlock, theme: Theme, width: float) -> float:
    size, inner = theme.sizes.code, width - 2 * PANEL_INSET
    lines = sum(line_count(line.expandtabs(4), size, inner, mono=True) for line in block.code.rstrip("\n").split("\n"))
    return 2 * PANEL_INSET + lines * size * CODE_LINE_HEIGHT


def table_row_heights(block: TableBlock, theme: Theme, col_widths: list[float]) -> list[float]:
    size, lh = theme.sizes.small, theme.spacing.line_height
    return [
        2 * CELL_INSET_Y
        + max(inline_height(cell, size, w - 2 * CELL_INSET_X, lh) for cell, w in zip(row, col_widths, strict=False))
        for row in (block.header, *block.rows)
    ]


def table_column_widths(block: TableBlock, theme: Theme, width: float) -> list[float]:
    """Column widths in proportion to each column's widest cell, each at least a fair minimum."""
    size = theme.sizes.small
    cols = len(block.header)
    natural = [
        max(text_width(plain_text(row[i]), size) for row in (block.header, *block.rows) if i < len(row))
        + 2 * CELL_INSET_X
        for i in range(cols)
    ]
    if sum(natural) <= width:
        return [n * width / sum(natural) for n in natural]
    floor = width / cols / 2
    capped = [max(n, floor) for n in natural]
    return [c * width / sum(capped) for c in capped]
