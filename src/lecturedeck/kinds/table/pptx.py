"""Tables → native PowerPoint tables: themed header row, striped body rows.

The `a:tbl` is written as one XML string and parsed once, then each cell's paragraph is filled by the
Typesetter: python-pptx's table, cell, fill and margin objects search the XML for each property they
set (≈ 8 ms a table, most of it in those searches). The XML is the same as theirs, attribute for attribute.
"""

from __future__ import annotations

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import Slide
from pptx.text.text import _Paragraph

from lecturedeck.layout.model import Frame, Palette, TableGeometry
from lecturedeck.plan.metrics import CELL_PAD_Y
from lecturedeck.plan.model import TableBlock
from lecturedeck.render.pptx.text import RunStyle, Typesetter
from lecturedeck.render.pptx.units import emu, hex_colour

TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default ("Medium Style 2 - Accent 1")
FRAME = (
    '<p:graphicFrame {ns}><p:nvGraphicFramePr><p:cNvPr id="{id}" name="Table"/><p:cNvGraphicFramePr>'
    '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
    '<p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm><a:graphic>'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
    '<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{style}</a:tableStyleId></a:tblPr>'
    "<a:tblGrid>{columns}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
)
CELL = (
    "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p/></a:txBody>"
    '<a:tcPr marL="{pad_x}" marR="{pad_x}" marT="{pad_y}" marB="{pad_y}" anchor="ctr">'
    '<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>'
)


def add_table(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """The table at its frame, with the column widths, row heights and font size the layout gave it."""
    block, geometry, box = frame.block, frame.detail, frame.box
    assert isinstance(block, TableBlock) and isinstance(geometry, TableGeometry)
    c, size = ts.theme.colors, geometry.size
    widths = [emu(width) for width in geometry.column_widths]
    heights = [emu(height) for height in geometry.row_heights]
    rows = (block.header, *block.rows)
    fills = [c.table_header_background, *(c.table_stripe if r % 2 == 0 else c.background for r in range(1, len(rows)))]
    pad_x, pad_y = emu(geometry.padding_x), emu(CELL_PAD_Y)
    shapes = slide.shapes
    xml = FRAME.format(
        ns=nsdecls("a", "p"),
        id=shapes._next_shape_id,
        style=TABLE_STYLE,
        x=emu(box.x),
        y=emu(box.y),
        cx=sum(widths),  # python-pptx sizes the frame to the sum of its columns and rows, as PowerPoint does
        cy=sum(heights),
        columns="".join(f'<a:gridCol w="{width}"/>' for width in widths),
        rows="".join(
            f'<a:tr h="{height}">'
            + CELL.format(pad_x=pad_x, pad_y=pad_y, fill=hex_colour(fill)) * len(widths)
            + "</a:tr>"
            for height, fill in zip(heights, fills, strict=True)
        ),
    )
    element = parse_xml(xml)
    shapes._spTree.insert_element_before(element, "p:extLst")
    for r, (row, tr) in enumerate(zip(rows, element.iter(qn("a:tr")), strict=True)):
        header = r == 0
        style = RunStyle(size=size, color=c.table_header_text if header else c.text, bold=header)
        for col, p in enumerate(tr.iter(qn("a:p"))):
            paragraph = _Paragraph(p, slide)
            ts.spacing(paragraph, size)
            ts.spans(paragraph, row[col] if col < len(row) else (), style)
