"""Splitting a column of blocks at the point where a page is full.

Units move whole when they can: a list item with its children, a paragraph, a table, a code
block, a box. Only a unit taller than a fresh page is split inside, by its kind's `split`
(lecturedeck/kinds/<kind>/): lists among their children, text after a sentence (else at a line
boundary), tables by rows (header repeated), code by lines. The shared machinery is here: taking
blocks into a page, cutting text (`split_text`) and cutting a block made of units (`rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from lecturedeck.inline import Inline, plain_text
from lecturedeck.kinds import kind_of
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import Block, ParagraphsBlock
from lecturedeck.plan.textsplit import best_cut, split_inline

EPSILON = 0.01  # px; absorbs float noise when content exactly fills a box
B = TypeVar("B", bound=Block)
U = TypeVar("U")


def leads_in(text: Inline) -> bool:
    """Text that introduces what follows it: all in bold (a heading such as "**2.1 Pre-training**") or
    ending with a colon ("It is used for:", "包括：")."""
    shown = plain_text(text).strip()
    return bool(shown) and (all(s.bold for s in text if s.text.strip()) or shown.endswith((":", "：")))


def _leads_in_at_end(block: Block) -> bool:
    """Whether a text block ends with a lead-in (an intro above a list or a formula)."""
    return isinstance(block, ParagraphsBlock) and leads_in(block.paragraphs[-1])


def keep_with_next(leads: list[bool], k: int, force: bool) -> int:
    """How many of the first `k` units (of more) a page takes: `k` less the lead-ins that would end it (they
    go to the next page with what they introduce), unless that leaves nothing on a page that must take
    something (`force`)."""
    kept = k
    while kept and leads[kept - 1]:
        kept -= 1
    return kept if kept or not force else k


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
            if head is None and placed and _leads_in_at_end(placed[-1]) and (len(placed) > 1 or not force):
                # an intro ("训练分三步：") goes to the next page with the list it introduces
                return placed[:-1], [placed[-1], *([tail] if tail is not None else []), *blocks[i + 1 :]]
            if head is not None:
                placed.append(head)
            return placed, ([tail] if tail is not None else []) + blocks[i + 1 :]
        return placed, []

    def split(
        self, block: Block, room: float, width: float, fresh: float, force: bool
    ) -> tuple[Block | None, Block | None]:
        """A leading part of `block` that fits in `room` (None if none should go here) and the rest: its kind's
        `split`; a block of a kind that never splits moves whole (or stays, when `force`)."""
        split = kind_of(block).split
        if split is not None:
            return split(self, block, room, width, fresh, force)
        return (block, None) if force else (None, block)

    def must_cut(self, block: Block, width: float, fresh: float, force: bool) -> bool:
        """Whether a box (definition, quote, columns) is cut rather than moved whole: only when the page
        must take something, or when even a fresh page could not hold it."""
        return force or self.m.block_height(block, width, self.box_h) > fresh + EPSILON

    def rows(
        self,
        block: B,
        units: tuple[U, ...],
        rebuild: Callable[[tuple[U, ...], int], B],
        room: float,
        width: float,
        fresh: float,
        force: bool,
        cut: Callable[[tuple[U, ...], int], int] | None = None,
    ) -> tuple[B | None, B | None]:
        """Split a block made of units (table rows, code lines) after as many units as fit in `room`;
        moved whole if a fresh page holds it. `rebuild(units, skipped)` makes the block of some units,
        `cut(units, most)` may choose an earlier cut (code: a boundary between definitions)."""
        if not force and self.m.block_height(block, width, self.box_h) <= fresh + EPSILON:
            return None, block

        def fits(k: int) -> bool:
            return self.m.block_height(rebuild(units[:k], 0), width, self.box_h) <= room + EPSILON

        # The largest k whose head fits: doubling from 1, then bisection, so that the parts measured are
        # about as long as the head (a 5,000-row table is not measured whole for every slide it fills).
        lo, hi = 0, 1
        while hi < len(units) and fits(hi):
            lo, hi = hi, 2 * hi
        hi = min(hi, len(units))
        while lo < hi:
            k = (lo + hi + 1) // 2
            if fits(k):
                lo = k
            else:
                hi = k - 1
        k = max(lo, 1) if force else lo
        if k == 0:
            return None, block
        if k >= len(units):  # all of it fits as rebuilt (a listing without its trailing blank lines)
            return rebuild(units, 0), None
        if cut is None:
            return rebuild(units[:k], 0), rebuild(units[k:], k)
        k = cut(units, k)
        return rebuild(units[:k], 0), rebuild(units[k:], k)

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

    # ---- lists ---------------------------------------------------------------------------------

    # ---- tables and code -----------------------------------------------------------------------

    # ---- boxes ---------------------------------------------------------------------------------
