"""Tables → native PowerPoint tables: themed header row, striped body rows."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide

from lecturedeck.layout.model import Frame, Palette, TableGeometry
from lecturedeck.plan.metrics import CELL_PAD_Y
from lecturedeck.plan.model import TableBlock
from lecturedeck.render.pptx.text import Paragraphs, RunStyle, Typesetter
from lecturedeck.render.pptx.units import emu, rgb


def add_table(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """The table at its frame, with the column widths, row heights and font size the layout gave it."""
    block, geometry, box = frame.block, frame.detail, frame.box
    assert isinstance(block, TableBlock) and isinstance(geometry, TableGeometry)
    c, size = ts.theme.colors, geometry.size
    widths, heights = geometry.column_widths, geometry.row_heights
    rows = (block.header, *block.rows)
    shape = slide.shapes.add_table(len(rows), len(widths), emu(box.x), emu(box.y), emu(box.w), emu(sum(heights)))
    shape.name = "Table"
    table = shape.table
    table.first_row = True
    table.horz_banding = True
    for i, width in enumerate(widths):
        table.columns[i].width = emu(width)
    for r, (row, height) in enumerate(zip(rows, heights, strict=True)):
        table.rows[r].height = emu(height)
        header = r == 0
        fill = c.table_header_background if header else c.table_stripe if r % 2 == 0 else c.background
        style = RunStyle(size=size, color=c.table_header_text if header else c.text, bold=header)
        for col in range(len(widths)):
            cell = table.cell(r, col)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(fill)
            cell.margin_left = cell.margin_right = emu(geometry.padding_x)
            cell.margin_top = cell.margin_bottom = emu(CELL_PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            p = Paragraphs(cell.text_frame).next()
            ts.spacing(p, size)
            ts.spans(p, row[col] if col < len(row) else (), style)
