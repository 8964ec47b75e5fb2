"""Measure planned content against a theme's boxes: line breaks of inline text and block heights.

Every number here mirrors the CSS and PPTX layout defined in `plan.metrics`. Widths are scaled
up by WIDTH_SAFETY so that text measured to fit also fits in renderers using other fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lecturedeck.inline import Inline, plain_text
from lecturedeck.mathtext import display_height
from lecturedeck.plan import metrics as m
from lecturedeck.plan.fonts import glyph_widths
from lecturedeck.plan.geometry import column_width, title_box
from lecturedeck.plan.images import image_aspect
from lecturedeck.plan.linebreak import break_lines
from lecturedeck.plan.model import (
    Block,
    BulletsBlock,
    CodeBlock,
    ColumnsBlock,
    DefinitionBlock,
    ImageBlock,
    ListItem,
    MathBlock,
    ParagraphsBlock,
    QuoteBlock,
    TableBlock,
)
from lecturedeck.themes import Theme

# Widths are measured 5% wide. Glyphs already come from the widest font of each stack (see
# fonts.py), so this covers what we cannot see: renderer fonts absent here (Segoe UI and
# Microsoft YaHei's Latin glyphs are wider than Arial), different break opportunities pushing a
# whole word to the next line, and sub-pixel rounding. For CJK text it costs ~2 characters per
# 38-character line — one extra line in about twenty, which is cheap next to an overflow.
WIDTH_SAFETY = 1.05


@dataclass(frozen=True)
class Lines:
    """Inline text broken into lines: start offsets into its plain text."""

    starts: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.starts)


class Measurer:
    """Measures text and blocks for one theme; line breaks are cached per (text, size, width), code lines per line."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.gap = theme.spacing.paragraph_gap
        self.block_gap = m.block_gap(theme)
        self._lines: dict[tuple[Inline, float, float, bool], Lines] = {}
        self._code_em: dict[str, float] = {}  # unscaled width (in em) of each code line measured

    # ---- inline text -------------------------------------------------------------------------

    def char_widths(self, spans: Inline, size: float, bold: bool = False) -> list[float]:
        """Advance of every character of the spans' plain text, in px, safety margin included."""
        fonts = self.theme.fonts
        out: list[float] = []
        for span in spans:
            glyphs = glyph_widths(fonts, span.code, (bold or span.bold) and not span.code)
            scale = size * WIDTH_SAFETY
            widths = [glyphs.em(ch) * scale for ch in span.text]
            if span.code and widths:
                pad = m.INLINE_CODE_PAD_EM * scale
                widths[0] += pad
                widths[-1] += pad
            out.extend(widths)
        return out

    def lines(self, spans: Inline, size: float, width: float, bold: bool = False) -> Lines:
        """How the spans wrap at `size` px in a box `width` px wide."""
        key = (spans, size, width, bold)
        found = self._lines.get(key)
        if found is None:
            text = plain_text(spans)
            starts = break_lines(text, self.char_widths(spans, size, bold), width) if text else []
            found = self._lines[key] = Lines(tuple(starts))
        return found

    def text_width(self, spans: Inline, size: float, bold: bool = False) -> float:
        """Unwrapped width of the spans."""
        return sum(self.char_widths(spans, size, bold))

    def text_height(self, spans: Inline, width: float, size: float | None = None, bold: bool = False) -> float:
        """Height of wrapped text at body line height (0 for empty text)."""
        size = size or self.theme.sizes.base
        return self.lines(spans, size, width, bold).count * size * self.theme.spacing.line_height

    def title_lines(self, title: Inline) -> int:
        """Lines a slide title wraps to (titles are bold)."""
        return max(1, self.lines(title, self.theme.sizes.title, title_box(self.theme).w, bold=True).count)

    # ---- blocks ------------------------------------------------------------------------------

    def blocks_height(self, blocks: tuple[Block, ...] | list[Block], width: float, box_h: float) -> float:
        """Blocks stacked in a column `width` px wide with block gaps between them."""
        flow = [b for b in blocks if not (isinstance(b, ImageBlock) and b.placement == "background")]
        if not flow:
            return 0.0
        return sum(self.block_height(b, width, box_h) for b in flow) + self.block_gap * (len(flow) - 1)

    def block_height(self, block: Block, width: float, box_h: float) -> float:
        """Height of one block laid out `width` px wide in a body box `box_h` px tall.

        Images are capped to the box; graphic blocks (diagrams, timelines, …) take all of it."""
        if isinstance(block, ParagraphsBlock):
            return self.paragraphs_height(block.paragraphs, width)
        if isinstance(block, BulletsBlock):
            return self.items_height(block.items, 0, width, first=True)
        if isinstance(block, DefinitionBlock):
            return self.definition_height(block, width)
        if isinstance(block, QuoteBlock):
            return self.quote_height(block, width)
        if isinstance(block, ColumnsBlock):
            return self.columns_height(block, width, box_h)
        if isinstance(block, TableBlock):
            return self.table_height(block, width)
        if isinstance(block, CodeBlock):
            return self.code_height(block, width)
        if isinstance(block, ImageBlock):
            return self.image_height(block, width, box_h)
        if isinstance(block, MathBlock):
            return display_height(block.latex, self.theme.sizes.base, m.MATH_ROW_EM)  # fractions, limits: taller
        return box_h  # fills_box(block)

    def paragraphs_height(self, paragraphs: tuple[Inline, ...], width: float) -> float:
        if not paragraphs:
            return 0.0
        return sum(self.text_height(p, width) for p in paragraphs) + self.gap * (len(paragraphs) - 1)

    def item_width(self, level: int, width: float) -> float:
        """Text width of a list item at nesting `level` (0 = top): each level indents once."""
        return width - (level + 1) * self.theme.spacing.indent

    def item_height(self, item: ListItem, level: int, width: float) -> float:
        """An item with all its children; every item below the first starts with a gap."""
        own = self.text_height(item.text, self.item_width(level, width))
        return own + sum(self.gap + self.item_height(c, level + 1, width) for c in item.children)

    def items_height(self, items: tuple[ListItem, ...], level: int, width: float, first: bool) -> float:
        """Consecutive items; `first` if the first of them starts the block (no gap above it)."""
        total = sum(self.gap + self.item_height(i, level, width) for i in items)
        return total - self.gap if first and items else total

    def box_inner_width(self, width: float, quote: bool = False) -> float:
        """Text width inside a definition or quote box."""
        return width - 2 * m.BOX_PADDING - m.BOX_BORDER - (m.QUOTE_EXTRA_LEFT if quote else 0)

    def definition_height(self, block: DefinitionBlock, width: float) -> float:
        inner = self.box_inner_width(width)
        parts = [h for h in (self.text_height(block.term, inner, bold=True), self.text_height(block.body, inner)) if h]
        return 2 * m.BOX_PADDING + sum(parts) + self.gap * max(0, len(parts) - 1)

    def quote_height(self, block: QuoteBlock, width: float) -> float:
        inner = self.box_inner_width(width, quote=True)
        source = self.text_height(block.source, inner, size=self.theme.sizes.small)
        return 2 * m.BOX_PADDING + self.text_height(block.text, inner) + (self.gap + source if source else 0.0)

    def column_lead(self, heading: Inline, width: float, comparison: bool) -> float:
        """What stands above a column's body: the comparison rule, the heading (bold, body size) and a gap."""
        h = self.text_height(heading, width, bold=True)
        return (m.COMPARISON_RULE if comparison else 0.0) + (h + self.gap if h else 0.0)

    def columns_height(self, block: ColumnsBlock, width: float, box_h: float) -> float:
        w = column_width(width)
        return max(
            self.column_lead(c.heading, w, block.comparison) + self.blocks_height(c.body, w, box_h)
            for c in (block.left, block.right)
        )

    # ---- tables ------------------------------------------------------------------------------

    def table_column_widths(self, table: TableBlock, width: float) -> tuple[float, ...]:
        """Column widths in px (summing to `width`): proportional to each column's unwrapped text.

        Renderers must use these (CSS `table-layout: fixed` with <col> widths; PPTX column widths).
        """
        rows = (table.header, *table.rows)
        ncols = max((len(r) for r in rows), default=0)
        if not ncols:
            return ()
        size = self.theme.sizes.small
        natural = [
            max((self.text_width(r[c], size, bold=r is table.header) for r in rows if c < len(r)), default=0.0)
            + 2 * m.CELL_PAD_X
            for c in range(ncols)
        ]
        if sum(natural) <= width:
            return tuple(width * n / sum(natural) for n in natural)
        floor = width * m.MIN_TABLE_COLUMN_SHARE / ncols
        fixed: dict[int, float] = {}  # columns held at the floor
        while True:
            free = [c for c in range(ncols) if c not in fixed]
            scale = (width - sum(fixed.values())) / sum(natural[c] for c in free)
            narrow = [c for c in free if natural[c] * scale < floor]
            if not narrow:
                return tuple(fixed.get(c, natural[c] * scale) for c in range(ncols))
            fixed.update((c, floor) for c in narrow)

    def table_font_size(self, table: TableBlock, width: float) -> float:
        """Font size of a table's cells in px (the layout stage and both renderers use it)."""
        return self.theme.sizes.small

    def row_height(
        self, row: tuple[Inline, ...], widths: tuple[float, ...], header: bool, size: float | None = None
    ) -> float:
        size = size or self.theme.sizes.small
        cells = zip(row, widths, strict=False)
        lines = max((self.lines(c, size, w - 2 * m.CELL_PAD_X, bold=header).count for c, w in cells), default=0)
        return max(lines, 1) * size * self.theme.spacing.line_height + 2 * m.CELL_PAD_Y + m.CELL_BORDER

    def table_height(self, table: TableBlock, width: float) -> float:
        widths = self.table_column_widths(table, width)
        header = self.row_height(table.header, widths, header=True) if table.header else 0.0
        return header + sum(self.row_height(r, widths, header=False) for r in table.rows)

    # ---- code --------------------------------------------------------------------------------

    def code_line_width(self, line: str, size: float) -> float:
        """Width of one line of code (tabs as 4 spaces) in the mono font, safety margin included."""
        em = self._code_em.get(line)
        if em is None:
            glyphs = glyph_widths(self.theme.fonts, True, False)
            em = self._code_em[line] = sum(glyphs.em(ch) for ch in line.expandtabs(4))
        return em * size * WIDTH_SAFETY

    def code_gutter_width(self, block: CodeBlock, size: float) -> float:
        """Width of the line-number gutter (0 without line numbers)."""
        if not block.line_numbers:
            return 0.0
        last = block.first_line + block.code.count("\n")
        return self.code_line_width("0" * (len(str(last)) + m.CODE_GUTTER_CHARS), size)

    def code_font_size(self, block: CodeBlock, width: float) -> int:
        """Code font size in px: sizes.code, shrunk (not below sizes.min) until the widest line fits.

        Code does not wrap (`white-space: pre`); a line too wide even at sizes.min overflows.
        """
        sizes = self.theme.sizes
        widest = max((self.code_line_width(line, 1.0) for line in block.code.split("\n")), default=0.0)
        widest += self.code_gutter_width(block, 1.0)
        inner = width - 2 * m.CODE_PADDING
        if widest * sizes.code <= inner:
            return sizes.code
        return max(sizes.min, min(sizes.code, int(inner / widest)))

    def code_overflows(self, block: CodeBlock, width: float) -> bool:
        """Whether some code line is wider than the box even at the minimum size."""
        size = self.code_font_size(block, width)
        inner = width - 2 * m.CODE_PADDING - self.code_gutter_width(block, size)
        return any(self.code_line_width(line, size) > inner for line in block.code.split("\n"))

    def code_height(self, block: CodeBlock, width: float) -> float:
        size = self.code_font_size(block, width)
        return len(block.code.split("\n")) * size * m.CODE_LINE_HEIGHT + 2 * m.CODE_PADDING

    # ---- images ------------------------------------------------------------------------------

    def image_captions_height(self, block: ImageBlock, image_w: float) -> float:
        """Caption and credit under an image `image_w` px wide: sizes.small, each below a paragraph_gap."""
        small = self.theme.sizes.small
        lines = [self.text_height(t, image_w, size=small) for t in (block.caption, block.credit)]
        return sum(h + self.gap for h in lines if h)

    def image_width(self, block: ImageBlock, width: float, box_h: float) -> float:
        """The width fraction an image really gets in a column `width` px wide: its own `width`,
        narrowed so that image, caption and credit fit in `box_h` (the fit step stores it in the block)."""
        fraction = block.width
        for _ in range(3):  # captions wrap at the image's width: settle the two together
            room = max(0.0, box_h - self.image_captions_height(block, width * fraction))
            fraction = min(block.width, room / image_aspect(block.path) / width) if width > 0 else block.width
        return fraction

    def image_height(self, block: ImageBlock, width: float, box_h: float) -> float:
        """Image height with caption and credit, at the width `image_width` gives it (never taller than `box_h`)."""
        if block.placement == "background":
            return 0.0
        image_w = width * self.image_width(block, width, box_h)
        return min(box_h, image_w * image_aspect(block.path) + self.image_captions_height(block, image_w))


MEASURED_BLOCKS = (
    ParagraphsBlock,
    BulletsBlock,
    DefinitionBlock,
    QuoteBlock,
    ColumnsBlock,
    TableBlock,
    CodeBlock,
    ImageBlock,
    MathBlock,
)


def fills_box(block: Block) -> bool:
    """Graphic blocks (diagram, mind map, timeline, model card) scale to fill the whole body box."""
    return not isinstance(block, MEASURED_BLOCKS)


@lru_cache(maxsize=8)
def measurer(theme: Theme) -> Measurer:
    """The cached measurer of a theme."""
    return Measurer(theme)
