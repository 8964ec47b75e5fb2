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
from lecturedeck.plan.hyphenate import fit_words, strip_breaks, word_spans
from lecturedeck.plan.images import image_aspect
from lecturedeck.plan.linebreak import INVISIBLE, SOFT_HYPHEN, break_lines
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
EPSILON_PX = 0.01  # float noise when widths exactly fill a box


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
            widths = [0.0 if ch in INVISIBLE else glyphs.em(ch) * scale for ch in span.text]
            if span.code and widths:
                pad = m.INLINE_CODE_PAD_EM * scale
                widths[0] += pad
                widths[-1] += pad
            out.extend(widths)
        return out

    def hyphen_width(self, size: float, bold: bool = False) -> float:
        """Width of the hyphen a line ending at a soft hyphen shows, safety margin included."""
        return glyph_widths(self.theme.fonts, False, bold).em("-") * size * WIDTH_SAFETY

    def lines(self, spans: Inline, size: float, width: float, bold: bool = False) -> Lines:
        """How the spans wrap at `size` px in a box `width` px wide (`bold`: all of it bold, as headings).

        Breaks like a browser (see `plan.linebreak`): at spaces, CJK characters, zero-width spaces
        and soft hyphens (a line ending at one needs room for its hyphen)."""
        key = (spans, size, width, bold)
        found = self._lines.get(key)
        if found is None:
            text = plain_text(spans)
            widths = self.char_widths(spans, size, bold)
            starts = break_lines(text, widths, width, self.hyphen_width(size, bold)) if text else []
            found = self._lines[key] = Lines(tuple(starts))
        return found

    def fit_words(self, spans: Inline, size: float, width: float, bold: bool = False, lang: str = "en") -> Inline:
        """The spans with soft hyphens / zero-width spaces in every word too wide for one line of
        `width` px at `size` px (see `plan.hyphenate.fit_words`); other words are left alone."""
        return fit_words(spans, size, width, bold, lang, self)

    def longest_word(self, spans: Inline, size: float, bold: bool = False, breaks: bool = True) -> float:
        """Width of the widest run of the spans no line break may cut: the narrowest line they fit.

        `breaks=False` ignores inserted soft hyphens and zero-width spaces (the words as written)."""
        if not breaks:
            spans = strip_breaks(spans)
        text = plain_text(spans)
        if not text:
            return 0.0
        widths = self.char_widths(spans, size, bold)
        hyphen = self.hyphen_width(size, bold)
        return max(sum(widths[a:b]) + (hyphen if text[b - 1] == SOFT_HYPHEN else 0.0) for a, b in word_spans(text))

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

    # ---- lines of text (for balancing continuation slides) -----------------------------------

    def content_lines(self, blocks: tuple[Block, ...] | list[Block], width: float) -> int:
        """Lines of text a column of blocks shows, as a reader counts them: wrapped lines of text,
        list items and boxes, table rows (each as tall as its tallest cell), non-blank code lines,
        formula rows, captions; the taller column of a two-column block. Graphics count 0."""
        return sum(self._block_lines(b, width) for b in blocks)

    def _block_lines(self, block: Block, width: float) -> int:
        base, small = self.theme.sizes.base, self.theme.sizes.small
        if isinstance(block, ParagraphsBlock):
            return sum(self.lines(p, base, width).count for p in block.paragraphs)
        if isinstance(block, BulletsBlock):
            return self._items_lines(block.items, 0, width)
        if isinstance(block, DefinitionBlock):
            inner = self.box_inner_width(width)
            return self.lines(block.term, base, inner, bold=True).count + self.lines(block.body, base, inner).count
        if isinstance(block, QuoteBlock):
            inner = self.box_inner_width(width, quote=True)
            return self.lines(block.text, base, inner).count + self.lines(block.source, small, inner).count
        if isinstance(block, ColumnsBlock):
            w = column_width(width)
            return max(
                self.lines(c.heading, base, w, bold=True).count + self.content_lines(c.body, w)
                for c in (block.left, block.right)
            )
        if isinstance(block, TableBlock):
            return sum(self.table_row_lines(block, width))
        if isinstance(block, CodeBlock):
            return sum(1 for line in block.code.split("\n") if line.strip())
        if isinstance(block, MathBlock):
            return 1 + block.latex.count("\\\\")
        if isinstance(block, ImageBlock) and block.placement != "background":
            w = width * block.width
            return self.lines(block.caption, small, w).count + self.lines(block.credit, small, w).count
        return 0

    def _items_lines(self, items: tuple[ListItem, ...], level: int, width: float) -> int:
        w = self.item_width(level, width)
        return sum(
            self.lines(i.text, self.theme.sizes.base, w).count + self._items_lines(i.children, level + 1, width)
            for i in items
        )

    # ---- tables ------------------------------------------------------------------------------

    def table_font_size(self, table: TableBlock, width: float) -> float:
        """Font size in px of a table `width` px wide: sizes.small, or smaller (never below sizes.min)
        until every column can be as wide as its longest word (bold in the header, padding included).

        A table whose longest words do not fit side by side even at sizes.min is set at sizes.min,
        and the fit step hyphenates what does not fit (`fit_words` at `table_cell_widths`).
        Renderers draw every cell at this size, header included (line height spacing.line_height).
        """
        sizes = self.theme.sizes
        size = float(sizes.small)
        while size > sizes.min and sum(self._table_minimums(table, size)) > width + EPSILON_PX:
            size = max(float(sizes.min), size - 1)
        return size

    def table_column_widths(self, table: TableBlock, width: float) -> tuple[float, ...]:
        """Column widths in px (summing to `width`) at `table_font_size`.

        Every column is at least as wide as its longest word (plus cell padding) whenever those
        minimums fit side by side; the width left over goes to columns in proportion to their
        unwrapped text. When the minimums do not fit even at sizes.min, the columns with the longest
        words are narrowed equally (short words and numbers keep their width) and the fit step
        hyphenates what no longer fits. Inserted soft hyphens and zero-width spaces do not change
        the result, so a fitted table keeps the widths it was hyphenated for.

        Renderers must use these (CSS `table-layout: fixed` with <col> widths; PPTX column widths).
        """
        rows = (table.header, *table.rows)
        ncols = max((len(r) for r in rows), default=0)
        if not ncols:
            return ()
        size = self.table_font_size(table, width)
        natural = [
            max((self.text_width(r[c], size, bold=r is table.header) for r in rows if c < len(r)), default=0.0)
            + 2 * m.CELL_PAD_X
            for c in range(ncols)
        ]
        minimum = self._table_minimums(table, size)
        if sum(minimum) > width:
            return _water_fill(minimum, width)
        if sum(natural) <= width:
            return tuple(width * n / sum(natural) for n in natural)
        share = width * m.MIN_TABLE_COLUMN_SHARE / ncols
        floors = [max(share, f) for f in minimum]
        if sum(floors) > width:
            floors = minimum
        fixed: dict[int, float] = {}  # columns held at their floor
        while True:
            free = [c for c in range(ncols) if c not in fixed]
            if not free:
                return _spread(tuple(fixed[c] for c in range(ncols)), width)
            scale = (width - sum(fixed.values())) / sum(natural[c] for c in free)
            narrow = [c for c in free if natural[c] * scale < floors[c]]
            if not narrow:
                return tuple(fixed.get(c, natural[c] * scale) for c in range(ncols))
            fixed.update((c, floors[c]) for c in narrow)

    def table_cell_widths(self, table: TableBlock, width: float) -> tuple[float, ...]:
        """Text widths inside the cells of each column (column width minus padding)."""
        return tuple(w - 2 * m.CELL_PAD_X for w in self.table_column_widths(table, width))

    def _table_minimums(self, table: TableBlock, size: float) -> list[float]:
        """Per column: its longest word as written at `size` px, plus the cell padding."""
        rows = (table.header, *table.rows)
        ncols = max((len(r) for r in rows), default=0)
        return [
            max(
                (self.longest_word(r[c], size, bold=r is table.header, breaks=False) for r in rows if c < len(r)),
                default=0.0,
            )
            + 2 * m.CELL_PAD_X
            for c in range(ncols)
        ]

    def row_height(
        self, row: tuple[Inline, ...], widths: tuple[float, ...], header: bool, size: float | None = None
    ) -> float:
        """Height of one table row whose columns are `widths` px wide (from `table_column_widths`),
        at `size` px (pass `table_font_size`; sizes.small if omitted), header cells bold."""
        size = size or self.theme.sizes.small
        cells = zip(row, widths, strict=False)
        lines = max((self.lines(c, size, w - 2 * m.CELL_PAD_X, bold=header).count for c, w in cells), default=0)
        return max(lines, 1) * size * self.theme.spacing.line_height + 2 * m.CELL_PAD_Y + m.CELL_BORDER

    def table_row_lines(self, table: TableBlock, width: float) -> tuple[int, ...]:
        """Lines of text each row wraps to (header first if there is one)."""
        widths, size = self.table_column_widths(table, width), self.table_font_size(table, width)
        rows = ((table.header, True),) if table.header else ()
        return tuple(
            max(1, *(self.lines(c, size, w - 2 * m.CELL_PAD_X, bold=h).count for c, w in zip(r, widths, strict=False)))
            for r, h in (*rows, *((r, False) for r in table.rows))
        )

    def table_height(self, table: TableBlock, width: float) -> float:
        widths = self.table_column_widths(table, width)
        size = self.table_font_size(table, width)
        header = self.row_height(table.header, widths, header=True, size=size) if table.header else 0.0
        return header + sum(self.row_height(r, widths, header=False, size=size) for r in table.rows)

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


def _water_fill(minimum: list[float], width: float) -> tuple[float, ...]:
    """Widths summing to `width` that keep the smallest minimums and cap the largest at one level."""
    order = sorted(minimum)
    left, rest = width, len(order)
    cap = width / len(order)
    for w in order:
        if w * rest > left:
            cap = left / rest
            break
        left -= w
        rest -= 1
    return tuple(min(w, cap) for w in minimum)


def _spread(widths: tuple[float, ...], width: float) -> tuple[float, ...]:
    """Widths scaled to sum to `width` exactly."""
    total = sum(widths)
    return tuple(w * width / total for w in widths) if total else widths


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
