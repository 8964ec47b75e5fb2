"""Timelines → native shapes: period bands (rounded rectangles), an axis, event markers (circles), text boxes.

The layout mirrors templates/css/timeline.css.j2: one equal column per period holding its band, its
summary and its events spread evenly along the shared axis.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide

from lecturedeck.diagrams.base import Rect
from lecturedeck.inline import Inline, text_span
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import TimelineBlock
from lecturedeck.render.pptx.diagram import add_node
from lecturedeck.render.pptx.shapes import add_text_box
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame

BAND_MARGIN = 6  # px each side of a period band (CSS .tl-band margin)
BAND_PAD_Y, BAND_PAD_X = 10, 14
SUMMARY_GAP = 10
AXIS_GAP = 28  # from the summary to the axis
AXIS = 6  # axis thickness
MARKER, MARKER_RING = 24, 4
EVENT_PAD_TOP, EVENT_PAD_X = 22, 4
LEFT, CENTER = PP_ALIGN.LEFT, PP_ALIGN.CENTER


def add_shape(slide: Slide, kind: MSO_SHAPE, box: Box, fill: str, name: str, outline: str | None = None) -> Shape:
    """A flat autoshape in a theme colour (no theme style; optional MARKER_RING-wide outline)."""
    shape = add_node(slide, kind, Rect(box.x, box.y, box.w, box.h), fill, outline, MARKER_RING)
    shape.name = name
    return shape


def write(
    slide: Slide, box: Box, lines: list[tuple[Inline, RunStyle]], ts: Typesetter, name: str, align: PP_ALIGN = LEFT
) -> None:
    """A text box with one paragraph per (spans, style), at the theme's line height."""
    paragraphs = setup_frame(add_text_box(slide, box, name).text_frame, anchor=MSO_ANCHOR.TOP, align=align)
    for spans, style in lines:
        p = paragraphs.next()
        ts.spacing(p, style.size or ts.theme.sizes.base)
        ts.spans(p, spans, style)


def _height(ts: Typesetter, spans: Inline, width: float, size: float, bold: bool = False) -> float:
    return measurer(ts.theme).text_height(spans, width, size=size, bold=bold)


def add_timeline(slide: Slide, block: TimelineBlock, box: Box, ts: Typesetter) -> None:
    c, z = ts.theme.colors, ts.theme.sizes
    n = len(block.periods)
    col_w = box.w / n
    band_w = col_w - 2 * BAND_MARGIN
    inner = band_w - 2 * BAND_PAD_X
    band_h = 2 * BAND_PAD_Y + max(
        _height(ts, p.name, inner, z.base, bold=True) + _height(ts, text_span(p.span), inner, z.small)
        for p in block.periods
    )
    summary_h = max(_height(ts, p.summary, band_w, z.small) for p in block.periods)
    axis_y = box.y + band_h + (SUMMARY_GAP + summary_h if summary_h else 0) + AXIS_GAP
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(box.x, axis_y, box.w, AXIS), c.rule, "Timeline axis")
    for i, period in enumerate(block.periods):
        x = box.x + i * col_w
        colour = c.heading if i % 2 == 0 else c.accent
        band = Box(x + BAND_MARGIN, box.y, band_w, band_h)
        add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, band, colour, f"Period {i + 1}")
        text = Box(band.x + BAND_PAD_X, band.y + BAND_PAD_Y, inner, band_h - 2 * BAND_PAD_Y)
        lines = [(period.name, RunStyle(size=z.base, color=c.background, bold=True))]
        if period.span:
            lines.append((text_span(period.span), RunStyle(size=z.small, color=c.background)))
        write(slide, text, lines, ts, f"Period {i + 1} name", align=CENTER)
        if period.summary:
            summary = Box(band.x, band.bottom + SUMMARY_GAP, band_w, summary_h)
            write(
                slide,
                summary,
                [(period.summary, RunStyle(size=z.small, color=c.muted))],
                ts,
                "Summary",
                PP_ALIGN.CENTER,
            )
        k = len(period.events)
        for j, event in enumerate(period.events):
            ew = col_w / k
            cx = x + (j + 0.5) * ew
            marker = Box(cx - MARKER / 2, axis_y + AXIS / 2 - MARKER / 2, MARKER, MARKER)
            add_shape(slide, MSO_SHAPE.OVAL, marker, colour, "Event marker", outline=c.background)
            top = axis_y + AXIS + EVENT_PAD_TOP
            label = Box(x + j * ew + EVENT_PAD_X, top, ew - 2 * EVENT_PAD_X, max(box.bottom - top, z.small))
            lines = [
                (text_span(event.year), RunStyle(size=z.small, color=c.heading, bold=True)),
                (event.text, RunStyle(size=z.small, color=c.text)),
            ]
            write(slide, label, lines, ts, "Event", align=CENTER)
