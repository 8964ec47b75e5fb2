"""Columns → the layout's column placeholders: Two Content (the heading as the first line of each column)
or Comparison (headings in their own placeholders, an accent rule over each), each moved onto the boxes the
layout gave it."""

from __future__ import annotations

from pptx.slide import Slide

from lecturedeck.layout.model import ColumnsGeometry, Frame, Palette
from lecturedeck.plan import metrics
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import ColumnsBlock
from lecturedeck.render.pptx import master
from lecturedeck.render.pptx.bullets import fill_text
from lecturedeck.render.pptx.pages import placeholder
from lecturedeck.render.pptx.shapes import add_panel
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame


def add_columns(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    block, geometry = frame.block, frame.detail
    assert isinstance(block, ColumnsBlock) and isinstance(geometry, ColumnsGeometry)
    style = RunStyle(color=palette.text) if palette is not None else RunStyle()
    accent = palette.accent if palette is not None else ts.theme.colors.accent
    for n, (column, col) in enumerate(((block.left, geometry.left), (block.right, geometry.right))):
        if not block.comparison:
            shape = placeholder(slide, n + 1)
            top = col.heading.y if col.heading is not None else col.body.y
            master.place(shape, Box(col.body.x, top, col.body.w, col.body.bottom - top))
            fill_text(shape, column.body, ts, column.heading, style=style, heading_color=accent)
            continue
        # the accent rule over each compared column, as the HTML's border-top
        add_panel(slide, Box(col.body.x, frame.box.y, col.body.w, metrics.BOX_BORDER), accent, f"Rule {n + 1}")
        heading = placeholder(slide, 2 * n + 1)
        if col.heading is not None:
            master.place(heading, col.heading)
            ts.spans(setup_frame(heading.text_frame).next(), column.heading, RunStyle(color=accent, bold=True))
        body = placeholder(slide, 2 * n + 2)
        master.place(body, col.body)
        fill_text(body, column.body, ts, style=style)
