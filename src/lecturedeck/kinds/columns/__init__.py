"""Columns: two columns side by side, each a heading over text and bullets; `comparison: true` styles
them as a comparison (an accent rule over each)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.layout.model import ColumnGeometry, ColumnsGeometry
from lecturedeck.outline.fields import BulletItem, OptionalText, SlideBase, Strict
from lecturedeck.plan import metrics
from lecturedeck.plan.geometry import Box, column_boxes
from lecturedeck.plan.model import Block, BulletsBlock, Column, ColumnsBlock, ParagraphsBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


class ColumnSpec(Strict):
    heading: OptionalText = ""
    items: list[BulletItem] = []
    text: OptionalText = ""


class ColumnsSlide(SlideBase):
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


def height(ms: Measurer, block: ColumnsBlock, width: float, box_h: float) -> float:
    return ms.columns_height(block, width, box_h)


def split(
    pg: Paginator, block: Block, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    return pg.split(block, room, width, fresh, force)


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
    layout=layout,
    pptx="lecturedeck.kinds.columns.pptx:add_columns",
)
