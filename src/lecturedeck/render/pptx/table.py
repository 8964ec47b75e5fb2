"""Tables → native PowerPoint tables: themed header row, striped body rows."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide

from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import CELL_PAD_X, CELL_PAD_Y
from lecturedeck.plan.model import TableBlock
from lecturedeck.render.pptx.text import Paragraphs, RunStyle, Typesetter
from lecturedeck.render.pptx.units import emu, rgb


def add_table(slide: Slide, block: TableBlock, box: Box, ts: Typesetter) -> None:
    theme = ts.theme
    c, size = theme.colors, theme.sizes.small
    measure = measurer(theme)
    widths = measure.table_column_widths(block, box.w)
    rows = (block.header, *block.rows)
    heights = [measure.row_height(row, widths, header=r == 0) for r, row in enumerate(rows)]
    frame = slide.shapes.add_table(len(rows), len(widths), emu(box.x), emu(box.y), emu(box.w), emu(sum(heights)))
    frame.name = "Table"
    table = frame.table
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
            cell.margin_left = cell.margin_right = emu(CELL_PAD_X)
            cell.margin_top = cell.margin_bottom = emu(CELL_PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            p = Paragraphs(cell.text_frame).next()
            ts.spacing(p, size)
            ts.spans(p, row[col] if col < len(row) else (), style)
