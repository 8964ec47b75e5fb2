"""Columns: two columns side by side, each a heading over text and bullets; `comparison: true` styles
them as a comparison (an accent rule over each)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.errors import excerpt
from lecturedeck.inline import Inline, parse_inline, plain_text
from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.layout.model import ColumnGeometry, ColumnsGeometry
from lecturedeck.outline.fields import BulletItem, OptionalText, Revealable, SlideBase, Strict
from lecturedeck.plan import metrics
from lecturedeck.plan.geometry import Box, column_boxes, column_width
from lecturedeck.plan.model import Block, BulletsBlock, Column, ColumnsBlock, ParagraphsBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


class ColumnSpec(Strict):
    heading: OptionalText = ""
    items: list[BulletItem] = []
    text: OptionalText = ""


class ColumnsSlide(SlideBase, Revealable):
    kind: Literal["columns"]
    left: ColumnSpec
    right: ColumnSpec
    comparison: bool = False


def _column(spec: ColumnSpec) -> Column:
    body: tuple[BulletsBlock | ParagraphsBlock, ...] = ()
    if spec.text:
        body += (ParagraphsBlock((parse_inline(spec.text),)),)
    body += tuple(b for b in bullets(spec.items) if isinstance(b, BulletsBlock))
    return Column(parse_inline(spec.heading), body)


def plan(spec: ColumnsSlide, folder: Path) -> tuple[Block, ...]:
    return (ColumnsBlock(_column(spec.left), _column(spec.right), spec.comparison),)


def column_lead(ms: Measurer, heading: Inline, width: float, comparison: bool) -> float:
    """What stands above a column's body: the comparison rule, the heading (bold, body size) and a gap."""
    h = ms.text_height(heading, width, bold=True)
    return (metrics.COMPARISON_RULE if comparison else 0.0) + (h + ms.gap if h else 0.0)


def height(ms: Measurer, block: ColumnsBlock, width: float, box_h: float) -> float:
    w = column_width(width)
    return max(
        column_lead(ms, c.heading, w, block.comparison) + ms.blocks_height(c.body, w, box_h)
        for c in (block.left, block.right)
    )


def lines(ms: Measurer, block: ColumnsBlock, width: float) -> int:
    w = column_width(width)
    return max(
        ms.lines(c.heading, ms.theme.sizes.base, w, bold=True).count + ms.content_lines(c.body, w)
        for c in (block.left, block.right)
    )


def split(
    pg: Paginator, block: ColumnsBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    """Both columns split at once; headings are repeated on the continuation."""
    if not pg.must_cut(block, width, fresh, force):
        return None, block
    w = column_width(width)
    heads: list[Column] = []
    tails: list[Column] = []
    for col in (block.left, block.right):
        lead = column_lead(pg.m, col.heading, w, block.comparison)
        placed, rest = pg.take(list(col.body), room - lead, w, fresh - lead, force)
        heads.append(Column(col.heading, tuple(placed)))  # type: ignore[arg-type]
        tails.append(Column(col.heading, tuple(rest)))  # type: ignore[arg-type]
    if not (heads[0].body or heads[1].body):
        return (block, None) if force else (None, block)
    head = replace(block, left=heads[0], right=heads[1])
    if not (tails[0].body or tails[1].body):
        return head, None
    return head, replace(block, left=tails[0], right=tails[1])


def oversize(ms: Measurer, block: ColumnsBlock, width: float, box_h: float) -> str | None:
    """A column heading taking more than half the slide (it is repeated on every continuation slide)."""
    w = column_width(width)
    for column in (block.left, block.right):
        lead = column_lead(ms, column.heading, w, block.comparison)
        if lead > box_h / 2:
            return (
                f"the column heading '{excerpt(plain_text(column.heading))}' takes {lead:.0f} px of the slide's "
                f"{box_h:.0f} px, and it is repeated on every continuation slide: shorten it (the rest can go "
                "into the column's text)"
            )
    return None


def words(ms: Measurer, block: ColumnsBlock, width: float, lang: str) -> ColumnsBlock:
    w = column_width(width)
    cols = [
        Column(
            ms.fit_words(c.heading, ms.theme.sizes.base, w, True, lang),
            tuple(ms.fit_block_words(b, w, lang) for b in c.body),  # type: ignore[misc]
        )
        for c in (block.left, block.right)
    ]
    return replace(block, left=cols[0], right=cols[1])


def layout(block: ColumnsBlock, box: Box, region: Box, ms: Measurer, lang: str) -> ColumnsGeometry:
    """Each column: the comparison rule, its heading (measured like body text, bold), then its body."""
    geometry: list[ColumnGeometry] = []
    for column, col in zip((block.left, block.right), column_boxes(box), strict=True):
        top = col.y + (metrics.COMPARISON_RULE if block.comparison else 0.0)
        heading_h = ms.text_height(column.heading, col.w, bold=True)
        heading = Box(col.x, top, col.w, heading_h) if heading_h else None
        body_top = top + (heading_h + ms.gap if heading_h else 0.0)
        geometry.append(ColumnGeometry(heading, Box(col.x, body_top, col.w, max(0.0, col.bottom - body_top))))
    return ColumnsGeometry(geometry[0], geometry[1])


KIND = Kind(
    name="columns",
    spec=ColumnsSlide,
    block=ColumnsBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    words=words,
    layout=layout,
    pptx="lecturedeck.kinds.columns.pptx:add_columns",
    oversize=oversize,
)
