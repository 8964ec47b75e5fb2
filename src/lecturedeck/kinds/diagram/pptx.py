"""Diagram slides → native, editable PPTX: an autoshape per node (text inside it), straight links as
connectors glued to the shapes' connection sites (they follow when a box is moved), routed links (with
bends) as open freeforms along exactly the path the HTML draws, edge labels and subgraph frames.

The layout is the same one the SVG of the HTML is drawn from (lecturedeck.diagrams).
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.connector import Connector
from pptx.slide import Slide

from lecturedeck.diagrams.base import LINE_HEIGHT, Label
from lecturedeck.diagrams.flowchart import FlowchartLayout, PlacedEdge, PlacedNode
from lecturedeck.diagrams.style import flowchart_style
from lecturedeck.layout.model import DrawingGeometry, Frame, Palette
from lecturedeck.plan.geometry import Box
from lecturedeck.render.pptx.shapes import add_shape, add_text_box, drop_theme_style
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.render.pptx.units import emu, rgb

AUTOSHAPES = {
    "rect": MSO_SHAPE.RECTANGLE,
    "round": MSO_SHAPE.ROUNDED_RECTANGLE,
    "diamond": MSO_SHAPE.DIAMOND,
    "circle": MSO_SHAPE.OVAL,
    "stadium": MSO_SHAPE.FLOWCHART_TERMINATOR,
}
# Connection-site index of each side, per preset geometry (ellipses have 8 sites, the others 4).
SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}
ELLIPSE_SITES = {"top": 0, "left": 2, "bottom": 4, "right": 6}


def add_diagram(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """Draw a laid-out flowchart at its drawing box (the caption, if any, in its box below it)."""
    theme, geometry = ts.theme, frame.detail
    assert isinstance(geometry, DrawingGeometry) and isinstance(geometry.layout, FlowchartLayout)
    area, layout = geometry.drawing, geometry.layout
    st = flowchart_style(theme, layout.size)
    for group in layout.groups:
        box = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, on_slide(group.rect, area), st.group_fill, st.group_line)
        box.name = f"Subgraph {group.id}"
        _corner(box, 8 / min(group.rect.w, group.rect.h))
        pad = group.label.size * 0.5
        write_label(box, group.label, st.group_text, ts, inset=(pad, pad * 0.5), anchor=MSO_ANCHOR.TOP, align=None)
    shapes: dict[str, Shape] = {}
    for node in layout.nodes:
        fill, line = st.node_colors(node.shape)
        shape = add_shape(slide, AUTOSHAPES[node.shape], on_slide(node.rect, area), fill, line, st.node_line_width)
        shape.name = f"Node {node.id}"
        if node.shape == "round":
            _corner(shape, min(0.25, 12 * st.node_line_width / min(node.rect.w, node.rect.h)))
        write_label(shape, node.label, st.node_text, ts)
        shapes[node.id] = shape
    by_id = layout.node
    for edge in layout.edges:
        source, target = by_id[edge.source], by_id[edge.target]
        width = st.line_width * (2 if edge.style == "thick" else 1)
        link: Shape | Connector
        if len(edge.points) > 2:  # a routed link (around other nodes, back to an earlier layer): its exact path
            link = polyline(slide, [(x + area.x, y + area.y) for x, y in edge.points])
        else:  # a straight link: a connector glued to both shapes, so it follows when a box is moved
            start, end = _nearest_side(source, edge.points[0]), _nearest_side(target, edge.points[-1])
            link = connect(
                slide,
                MSO_CONNECTOR.STRAIGHT,
                (shapes[edge.source], site(source.shape, start), side_point(source.rect, start, area)),
                (shapes[edge.target], site(target.shape, end), side_point(target.rect, end, area)),
            )
        style_line(link, st.line, width, dashed=edge.style == "dotted", arrow=edge.arrow)
        link.name = f"Link {edge.source}→{edge.target}"
        _edge_label(slide, edge, area, theme.colors.background, st.label_text, ts)
    if geometry.below is not None:
        _caption(slide, geometry, ts)


def on_slide(rect: Box, area: Box) -> Box:
    """A layout rectangle (relative to its drawing area) in slide coordinates."""
    return Box(rect.x + area.x, rect.y + area.y, rect.w, rect.h)


def write_label(
    shape: Shape,
    label: Label,
    color: str,
    ts: Typesetter,
    *,
    inset: tuple[float, float] = (0.0, 0.0),
    anchor: MSO_ANCHOR = MSO_ANCHOR.MIDDLE,
    align: PP_ALIGN | None = PP_ALIGN.CENTER,
) -> None:
    """The label's lines as paragraphs (no re-wrapping: the layout measured them), in theme fonts."""
    frame = shape.text_frame
    paragraphs = setup_frame(frame, anchor=anchor, align=align)
    frame.word_wrap = False
    frame.margin_left = frame.margin_right = emu(inset[0])
    frame.margin_top = frame.margin_bottom = emu(inset[1])
    style = RunStyle(size=label.size, color=color, bold=label.bold)
    for line in label.lines:
        p = paragraphs.next()
        ts.spacing(p, label.size, line_height=LINE_HEIGHT)
        ts.run(p, line, style)


def site(shape: str, side: str) -> int:
    return (ELLIPSE_SITES if shape == "circle" else SITES)[side]


def side_point(rect: Box, side: str, area: Box) -> tuple[float, float]:
    r = on_slide(rect, area)
    return {"top": (r.cx, r.y), "bottom": (r.cx, r.bottom), "left": (r.x, r.cy), "right": (r.right, r.cy)}[side]


def _nearest_side(node: PlacedNode, end: tuple[float, float]) -> str:
    """The side whose midpoint (a connection site) is nearest to where the laid-out link meets the node."""
    r = node.rect
    mids = {"top": (r.cx, r.y), "bottom": (r.cx, r.bottom), "left": (r.x, r.cy), "right": (r.right, r.cy)}
    return min(mids, key=lambda side: (mids[side][0] - end[0]) ** 2 + (mids[side][1] - end[1]) ** 2)


def connect(
    slide: Slide,
    kind: MSO_CONNECTOR,
    begin: tuple[Shape, int, tuple[float, float]],
    end: tuple[Shape, int, tuple[float, float]],
) -> Connector:
    """A connector glued to connection site `idx` of two shapes (stCxn/endCxn)."""
    (a, a_idx, (x0, y0)), (b, b_idx, (x1, y1)) = begin, end
    connector = slide.shapes.add_connector(kind, emu(x0), emu(y0), emu(x1), emu(y1))
    cnv = connector._element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
    for tag, shape, idx in (("a:stCxn", a, a_idx), ("a:endCxn", b, b_idx)):
        cnv.append(etree.Element(qn(tag), id=str(shape.shape_id), idx=str(idx)))
    return connector


def polyline(slide: Slide, points: list[tuple[float, float]]) -> Shape:
    """An open freeform through `points` (slide px): the path the HTML's SVG draws."""
    (x0, y0), rest = points[0], points[1:]
    builder = slide.shapes.build_freeform(emu(x0), emu(y0), scale=1.0)
    builder.add_line_segments([(emu(x), emu(y)) for x, y in rest], close=False)
    shape = builder.convert_to_shape()
    shape.fill.background()
    return shape


def style_line(link: Shape | Connector, color: str, width: float, *, dashed: bool, arrow: bool) -> None:
    """A link's stroke in theme colours, optionally dashed and with an arrowhead at its end."""
    drop_theme_style(link)
    link.line.color.rgb = rgb(color)
    link.line.width = emu(width)
    ln = link.line._get_or_add_ln()
    if dashed:
        etree.SubElement(ln, qn("a:prstDash"), val="dash")
    if arrow:
        etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="med")


def _corner(shape: Shape, ratio: float) -> None:
    """Corner radius of a rounded rectangle as a share of its shorter side."""
    shape.adjustments[0] = max(0.0, min(0.5, ratio))


def _edge_label(slide: Slide, edge: PlacedEdge, area: Box, background: str, color: str, ts: Typesetter) -> None:
    if not (edge.label and edge.label_rect):
        return
    shape = add_shape(slide, MSO_SHAPE.RECTANGLE, on_slide(edge.label_rect, area), background, None)
    shape.name = f"Label {edge.source}→{edge.target}"
    write_label(shape, edge.label, color, ts)


def _caption(slide: Slide, geometry: DrawingGeometry, ts: Typesetter) -> None:
    assert geometry.below is not None
    theme = ts.theme
    shape = add_text_box(slide, geometry.below, "Caption")
    paragraphs = setup_frame(shape.text_frame, anchor=MSO_ANCHOR.BOTTOM, align=PP_ALIGN.CENTER)
    p = paragraphs.next()
    size = theme.sizes.small
    ts.spacing(p, size)
    ts.spans(p, geometry.below_text, RunStyle(size=size, color=theme.colors.muted, italic=True))  # as images' captions
