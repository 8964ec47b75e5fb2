"""Splitting a column of blocks at the point where a page is full.

Units move whole when they can: a list item with its children, a paragraph, a table, a code
block, a box. Only a unit taller than a fresh page is split inside: lists among their children,
text after a sentence (else at a line boundary), tables by rows (header repeated), code by lines.
"""

from __future__ import annotations

from dataclasses import replace

from lecturedeck.inline import Inline, plain_text
from lecturedeck.plan import metrics as m
from lecturedeck.plan.geometry import column_width
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import (
    Block,
    BulletsBlock,
    CodeBlock,
    Column,
    ColumnsBlock,
    DefinitionBlock,
    ListItem,
    ParagraphsBlock,
    QuoteBlock,
    TableBlock,
)
from lecturedeck.plan.textsplit import best_cut, split_inline

EPSILON = 0.01  # px; absorbs float noise when content exactly fills a box
ORPHAN_CODE_LINES = 3  # a listing is not cut so that fewer lines than this go on


class Paginator:
    """Takes as much of a column of blocks as fits into a given height.

    `fresh` is the height of an empty continuation page: a unit that fits there is moved, never cut.
    `force` (page still empty) makes sure something is taken so that pagination always advances.
    `box_h` is the body height of the slide being filled; it caps image heights.
    """

    def __init__(self, measurer: Measurer, box_h: float) -> None:
        self.m = measurer
        self.box_h = box_h

    def take(
        self, blocks: list[Block], room: float, width: float, fresh: float, force: bool
    ) -> tuple[list[Block], list[Block]]:
        """The blocks (or leading parts of them) that fit in `room`, and the rest."""
        placed: list[Block] = []
        used = 0.0
        for i, block in enumerate(blocks):
            gap = self.m.block_gap if placed else 0.0
            left = room - used - gap
            h = self.m.block_height(block, width, self.box_h)
            if h <= left + EPSILON:
                placed.append(block)
                used += gap + h
                continue
            head, tail = self.split(block, left, width, fresh, force and not placed)
            if head is not None:
                placed.append(head)
            return placed, ([tail] if tail is not None else []) + blocks[i + 1 :]
        return placed, []

    def split(
        self, block: Block, room: float, width: float, fresh: float, force: bool
    ) -> tuple[Block | None, Block | None]:
        """A leading part of `block` that fits in `room` (None if none should go here) and the rest."""
        if isinstance(block, ParagraphsBlock):
            return self._paragraphs(block, room, width, fresh, force)
        if isinstance(block, BulletsBlock):
            head, tail = self._items(block.items, 0, room, width, fresh, force, first=True)
            return (BulletsBlock(head) if head else None), (BulletsBlock(tail) if tail else None)
        if isinstance(block, (TableBlock, CodeBlock)):
            return self._rows(block, room, width, fresh, force)
        if force or self.m.block_height(block, width, self.box_h) > fresh + EPSILON:
            if isinstance(block, DefinitionBlock):
                return self._definition(block, room, width, force)
            if isinstance(block, QuoteBlock):
                return self._quote(block, room, width, force)
            if isinstance(block, ColumnsBlock):
                return self._columns(block, room, width, fresh, force)
        return (block, None) if force else (None, block)

    # ---- text ----------------------------------------------------------------------------------

    def split_text(
        self, spans: Inline, room: float, width: float, force: bool, bold: bool = False
    ) -> tuple[Inline, Inline]:
        """Cut text so that its head fits in `room` (after a sentence if possible); head may be empty."""
        size = self.m.theme.sizes.base
        line_h = size * self.m.theme.spacing.line_height
        lines = self.m.lines(spans, size, width, bold)
        max_lines = min(lines.count - 1, int((room + EPSILON) // line_h))
        if force:
            max_lines = max(1, max_lines)
        if max_lines >= lines.count:
            return spans, ()
        if max_lines <= 0:
            return (), spans
        text = plain_text(spans)
        cut = best_cut(text, lines.starts, max_lines)
        if cut < lines.starts[max(1, max_lines // 2)]:
            cut = lines.starts[max_lines]  # a sentence end that would leave the page half empty
        head, tail = split_inline(spans, cut)
        # A cut head can wrap differently (e.g. a cut inline-code span gains its end padding):
        # cut again at its own line boundary until it fits. Each round cuts earlier.
        while (own := self.m.lines(head, size, width, bold)).count > max_lines:
            head, tail = split_inline(spans, own.starts[max_lines])
        return head, tail

    def _paragraphs(
        self, block: ParagraphsBlock, room: float, width: float, fresh: float, force: bool
    ) -> tuple[Block | None, Block | None]:
        paras = block.paragraphs
        used, k = 0.0, 0
        for p in paras:
            h = self.m.text_height(p, width) + (self.m.gap if k else 0.0)
            if used + h > room + EPSILON:
                break
            used += h
            k += 1
        if k:
            return ParagraphsBlock(paras[:k]), ParagraphsBlock(paras[k:])
        if not force and self.m.text_height(paras[0], width) <= fresh + EPSILON:
            return None, block
        head, tail = self.split_text(paras[0], room, width, force)
        if not head:
            return None, block
        rest = (tail, *paras[1:]) if tail else paras[1:]
        return ParagraphsBlock((head,)), (ParagraphsBlock(rest) if rest else None)

    # ---- lists ---------------------------------------------------------------------------------

    def _items(
        self,
        items: tuple[ListItem, ...],
        level: int,
        room: float,
        width: float,
        fresh: float,
        force: bool,
        first: bool,
    ) -> tuple[tuple[ListItem, ...], tuple[ListItem, ...]]:
        """Whole item groups that fit; a group taller than a fresh page is split among its children.

        A group continued on the next page keeps its place under an item with empty text, which
        renderers draw without a marker (nothing is repeated)."""
        gap = self.m.gap
        used, k = 0.0, 0
        for item in items:
            h = self.m.item_height(item, level, width) + (0.0 if first and not k else gap)
            if used + h > room + EPSILON:
                break
            used += h
            k += 1
        if k:
            return items[:k], items[k:]
        group, lead = items[0], (0.0 if first else gap)
        if not force and lead + self.m.item_height(group, level, width) <= fresh + EPSILON:
            return (), items
        room -= lead
        text_w = self.m.item_width(level, width)
        own = self.m.text_height(group.text, text_w)
        if own > room + EPSILON:
            head_text, tail_text = self.split_text(group.text, room, text_w, force)
            if not head_text:
                return (), items
            rest = (ListItem(tail_text, group.children),) if tail_text or group.children else ()
            return (ListItem(head_text),), (*rest, *items[1:])
        kids_head, kids_tail = self._items(
            group.children, level + 1, room - own, width, fresh, force and not group.text, first=False
        )
        if kids_head:
            rest = (ListItem((), kids_tail),) if kids_tail else ()
            return (ListItem(group.text, kids_head),), (*rest, *items[1:])
        if not group.text:
            return (), items
        return (ListItem(group.text),), (ListItem((), group.children), *items[1:])

    # ---- tables and code -----------------------------------------------------------------------

    def _rows(
        self, block: TableBlock | CodeBlock, room: float, width: float, fresh: float, force: bool
    ) -> tuple[Block | None, Block | None]:
        """Tables by rows (header repeated) and code by lines; moved whole if a fresh page holds it.

        Code continuations keep their language, line numbers and highlights; `first_line` advances."""
        if not force and self.m.block_height(block, width, self.box_h) <= fresh + EPSILON:
            return None, block
        units = block.rows if isinstance(block, TableBlock) else tuple(block.code.split("\n"))
        lo, hi = 0, len(units)  # the largest k whose head fits, by bisection
        while lo < hi:
            k = (lo + hi + 1) // 2
            if self.m.block_height(_with_units(block, units[:k]), width, self.box_h) <= room + EPSILON:
                lo = k
            else:
                hi = k - 1
        k = max(lo, 1) if force else lo
        if k == 0:
            return None, block
        if k >= len(units):
            return block, None
        if isinstance(block, CodeBlock):
            lines = tuple(block.code.split("\n"))
            k = code_cut(lines, k)
            head = lines[:k]
            while len(head) > 1 and not head[-1].strip():
                head = head[:-1]  # blank lines before the cut are not shown at the bottom of the part
            return _with_units(block, head), _with_units(block, lines[k:], k)
        return _with_units(block, units[:k]), _with_units(block, units[k:], k)

    # ---- boxes ---------------------------------------------------------------------------------

    def _definition(
        self, block: DefinitionBlock, room: float, width: float, force: bool
    ) -> tuple[Block | None, Block | None]:
        """The term stays on the first part; the body continues in a box without a term."""
        inner = self.m.box_inner_width(width)
        term = self.m.text_height(block.term, inner, bold=True)
        chrome = 2 * m.BOX_PADDING + (term + self.m.gap if term else 0.0)
        head, tail = self.split_text(block.body, room - chrome, inner, force)
        if not head:
            return (block, None) if force else (None, block)
        return DefinitionBlock(block.term, head), (DefinitionBlock((), tail) if tail else None)

    def _quote(self, block: QuoteBlock, room: float, width: float, force: bool) -> tuple[Block | None, Block | None]:
        """The source goes with the last part."""
        inner = self.m.box_inner_width(width, quote=True)
        head, tail = self.split_text(block.text, room - 2 * m.BOX_PADDING, inner, force)
        if not head or not tail:
            return (block, None) if force else (None, block)
        return QuoteBlock(head), QuoteBlock(tail, block.source)

    def _columns(
        self, block: ColumnsBlock, room: float, width: float, fresh: float, force: bool
    ) -> tuple[Block | None, Block | None]:
        """Both columns split at once; headings are repeated on the continuation."""
        w = column_width(width)
        heads: list[Column] = []
        tails: list[Column] = []
        for col in (block.left, block.right):
            lead = self.m.column_lead(col.heading, w, block.comparison)
            placed, rest = self.take(list(col.body), room - lead, w, fresh - lead, force)
            heads.append(Column(col.heading, tuple(placed)))  # type: ignore[arg-type]
            tails.append(Column(col.heading, tuple(rest)))  # type: ignore[arg-type]
        if not (heads[0].body or heads[1].body):
            return (block, None) if force else (None, block)
        head = replace(block, left=heads[0], right=heads[1])
        if not (tails[0].body or tails[1].body):
            return head, None
        return head, replace(block, left=tails[0], right=tails[1])


def code_cut(lines: tuple[str, ...], most: int) -> int:
    """Where to cut a listing whose first `most` lines fit: the continuation starts at the best
    boundary in the second half of that room — a line at the listing's lowest indentation after a
    blank line (a new top-level definition), else any line after a blank line, else a line at the
    lowest indentation — and never leaves the continuation only one or two lines (unless that is
    all there is). Ties go to the latest cut (the fullest part)."""
    n = len(lines)
    indents = [len(line) - len(line.lstrip()) for line in lines]
    base = min((i for i, line in zip(indents, lines, strict=True) if line.strip()), default=0)

    def score(k: int) -> int:
        if not lines[k].strip():
            return -1  # a continuation starting with blank lines
        after_blank = not lines[k - 1].strip()
        top = indents[k] == base
        value = 3 if after_blank and top else 2 if after_blank else 1 if top and _closed(lines[k]) else 0
        return value - (2 if 0 < n - k < ORPHAN_CODE_LINES else 0)

    low = max(1, (most + 1) // 2)
    return max(range(low, most + 1), key=lambda k: (score(k), k))


def _closed(line: str) -> bool:
    """A top-level line that does not continue the statement before it (no closing bracket)."""
    return not line.lstrip().startswith((")", "]", "}", "else", "elif", "except", "finally", "catch"))


def _with_units(block: TableBlock | CodeBlock, units: tuple, skipped: int = 0) -> TableBlock | CodeBlock:
    """The block with only `units` (rows or code lines), `skipped` units after its start."""
    if isinstance(block, TableBlock):
        return TableBlock(block.header, units)
    return replace(block, code="\n".join(units), first_line=block.first_line + skipped)
