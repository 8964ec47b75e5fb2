"""Table: a header row and rows of cells, with column widths and font size from the layout; split
by rows onto continuation slides (the header repeated)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, ValidationInfo, field_validator

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.table.measure import (
    row_height,
    table_cell_padding,
    table_cell_widths,
    table_column_widths,
    table_font_size,
    table_height,
    table_row_lines,
)
from lecturedeck.layout.model import TableGeometry
from lecturedeck.outline.fields import Label, SlideBase
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import Block, TableBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator

Cell = Label


class TableSlide(SlideBase):
    kind: Literal["table"]
    header: list[Cell] = Field(min_length=1)
    rows: list[list[Cell]] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _same_width(cls, rows: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        width = len(info.data.get("header", []))
        for number, row in enumerate(rows, start=1):
            if width and len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells but the header has {width}")
        return rows


def plan(spec: TableSlide, folder: Path) -> tuple[Block, ...]:
    rows = tuple(tuple(parse_inline(c) for c in row) for row in spec.rows)
    return (TableBlock(tuple(parse_inline(h) for h in spec.header), rows),)


def height(ms: Measurer, block: TableBlock, width: float, box_h: float) -> float:
    return table_height(ms, block, width)


def lines(ms: Measurer, block: TableBlock, width: float) -> int:
    return sum(table_row_lines(ms, block, width))


def split(
    pg: Paginator, block: TableBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    """By rows, the header repeated on the continuation."""
    return pg.rows(block, block.rows, lambda rows, skipped: TableBlock(block.header, rows), room, width, fresh, force)


def words(ms: Measurer, block: TableBlock, width: float, lang: str) -> TableBlock:
    size, cells = table_font_size(ms, block, width), table_cell_widths(ms, block, width)
    header = tuple(ms.fit_words(c, size, w, True, lang) for c, w in zip(block.header, cells, strict=False))
    rows = tuple(
        tuple(ms.fit_words(c, size, w, False, lang) for c, w in zip(r, cells, strict=False)) for r in block.rows
    )
    return TableBlock(header, rows)


def layout(block: TableBlock, box: Box, region: Box, ms: Measurer, lang: str) -> TableGeometry:
    widths = table_column_widths(ms, block, box.w)
    size, pad = table_font_size(ms, block, box.w), table_cell_padding(ms, block, box.w)
    rows = (block.header, *block.rows)
    heights = tuple(row_height(ms, row, widths, header=r == 0, size=size, pad=pad) for r, row in enumerate(rows))
    return TableGeometry(widths, heights, size, pad)


KIND = Kind(
    name="table",
    spec=TableSlide,
    block=TableBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    words=words,
    layout=layout,
    pptx="lecturedeck.kinds.table.pptx:add_table",
)
