"""Table: a header row and rows of cells, with column widths and font size from the layout; split
by rows onto continuation slides (the header repeated)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, ValidationInfo, field_validator

from lecturedeck.errors import DeckError, excerpt
from lecturedeck.inline import Inline, parse_inline, plain_text
from lecturedeck.kinds import Kind
from lecturedeck.kinds.table.measure import (
    EPSILON_PX,
    MIN_COLUMN_EM,
    max_columns,
    row_height,
    table_cell_padding,
    table_cell_widths,
    table_column_widths,
    table_font_size,
    table_height,
    table_height_at_least,
    table_row_lines,
)
from lecturedeck.layout.model import TableGeometry
from lecturedeck.outline.fields import Label, SlideBase
from lecturedeck.plan.geometry import Box, body_box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import Block, Slide, TableBlock
from lecturedeck.themes import Theme

if TYPE_CHECKING:
    from lecturedeck.outline.yaml_source import KeyPath, SourceMap
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


def check(spec: TableSlide, slide: Slide, theme: Theme, lang: str, source: SourceMap, at: KeyPath) -> None:
    """Columns cannot continue on another slide: more than fit side by side readably is a located error."""
    most = max_columns(measurer(theme), body_box(theme).w)
    if len(spec.header) > most:
        raise DeckError(
            f"the table has {len(spec.header)} columns, and at most {most} fit side by side on a slide (each at least "
            f"{MIN_COLUMN_EM} em wide at the theme's minimum text size, {theme.sizes.min:g} px): transpose it (one row "
            f"per column) or split it into tables of at most {most} columns",
            source.locate((*at, "header")),
        )


def plan(spec: TableSlide, folder: Path) -> tuple[Block, ...]:
    rows = tuple(tuple(parse_inline(c) for c in row) for row in spec.rows)
    return (TableBlock(tuple(parse_inline(h) for h in spec.header), rows),)


def height(ms: Measurer, block: TableBlock, width: float, box_h: float) -> float:
    """The table's height; only a lower bound above `box_h` for a table with more rows than any slide holds, so
    splitting a 5,000-row table measures a slide's worth of rows at a time (every threshold is at most box_h)."""
    floor = table_height_at_least(ms, block)
    return floor if floor > box_h else table_height(ms, block, width)


def oversize(ms: Measurer, block: TableBlock, width: float, box_h: float) -> str | None:
    """A table part still taller than the slide is one row (with the header) that no slide holds."""
    if height(ms, block, width, box_h) <= box_h + EPSILON_PX:
        return None
    alone = TableBlock(block.header, ())
    row = "the header row" if height(ms, alone, width, box_h) > box_h else f"the row '{_row_text(block.rows[0])}'"
    size = table_font_size(ms, block, width)
    return (
        f"a table row is taller than a slide even with the table text at {size:g} px: {row}; shorten its cells "
        "(long text belongs in a text slide or the speaker notes)"
    )


def _row_text(row: tuple[Inline, ...]) -> str:
    """The beginning of a row's text, to name it in a message."""
    return excerpt(" | ".join(plain_text(cell) for cell in row))


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
    oversize=oversize,
    check=check,
)
