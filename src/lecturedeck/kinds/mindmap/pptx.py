"""Mind-map slides → native PPTX: a shape per node and elbow connectors glued to them, from the same
layout as the HTML drawing (lecturedeck.diagrams.tree)."""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.diagrams.style import branch_colors, mindmap_style
from lecturedeck.diagrams.tree import ROOT_SCALE, TreeLayout, link_ends
from lecturedeck.kinds.diagram.pptx import SITES, connect, on_slide, style_line, write_label
from lecturedeck.layout.model import DrawingGeometry, Frame, Palette
from lecturedeck.render.pptx.shapes import add_shape
from lecturedeck.render.pptx.text import Typesetter


def add_mindmap(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """Root box, branch boxes outlined in their branch colour, leaves as text; elbow links (LibreOffice
    re-routes glued curves into loops). The space the HTML gives the link to the interactive page stays
    free, so both drawings have the same size."""
    theme, c, geometry = ts.theme, ts.theme.colors, frame.detail
    assert isinstance(geometry, DrawingGeometry) and isinstance(geometry.layout, TreeLayout)
    area, layout = geometry.drawing, geometry.layout
    colors = branch_colors(theme)
    st = mindmap_style(layout.nodes[0].label.size / ROOT_SCALE)  # from the branch text size
    shapes = []
    for n in layout.nodes:
        color = colors[n.branch % len(colors)]
        rect = on_slide(n.rect, area)
        if n.depth == 0:
            shape = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, rect, c.heading, None)
            write_label(shape, n.label, c.background, ts)
        elif n.depth == 1:
            shape = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, rect, c.background, color, st.branch_outline)
            write_label(shape, n.label, c.text, ts)
        else:
            # a rounded rectangle without corners: LibreOffice numbers a plain rectangle's glue points
            # differently from PowerPoint and would loop the curves around it
            shape = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, rect, None, None)
            shape.adjustments[0] = 0.0
            align = PP_ALIGN.LEFT if n.side == 1 else PP_ALIGN.RIGHT
            write_label(shape, n.label, c.text, ts, inset=((n.rect.w - n.label.w) / 2, 0), align=align)
        shape.name = f"Mind map level {n.depth}"
        shapes.append(shape)
    for index, child in enumerate(layout.nodes):
        if child.parent < 0:
            continue
        (x0, y0), (x1, y1) = link_ends(layout.nodes[child.parent], child)
        out, into = ("right", "left") if child.side == 1 else ("left", "right")
        width = st.branch_link if child.depth == 1 else st.link
        link = connect(
            slide,
            MSO_CONNECTOR.ELBOW,
            (shapes[child.parent], SITES[out], (x0 + area.x, y0 + area.y)),
            (shapes[index], SITES[into], (x1 + area.x, y1 + area.y)),
        )
        style_line(link, colors[child.branch % len(colors)], width, dashed=False, arrow=False)
        link.name = "Mind map link"
