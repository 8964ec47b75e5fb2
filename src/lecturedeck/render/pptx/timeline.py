"""Timelines → native shapes: period bands (rounded rectangles), an axis, event markers (circles), text boxes.

The layout mirrors templates/css/timeline.css.j2: one equal column per period holding its band, its
summary and its events spread evenly along the shared axis.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.inline import Inline, text_span
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import TimelineBlock
from lecturedeck.render.pptx.shapes import add_lines, add_shape
from lecturedeck.render.pptx.text import RunStyle, Typesetter

BAND_MARGIN = 6  # px each side of a period band (CSS .tl-band margin)
BAND_PAD_Y, BAND_PAD_X = 10, 14
SUMMARY_GAP = 10
AXIS_GAP = 28  # from the summary to the axis
AXIS = 6  # axis thickness
MARKER, MARKER_RING = 24, 4
EVENT_PAD_TOP, EVENT_PAD_X = 22, 4
CENTER = PP_ALIGN.CENTER


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
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(box.x, axis_y, box.w, AXIS), c.rule, name="Timeline axis")
    for i, period in enumerate(block.periods):
        x = box.x + i * col_w
        colour = c.heading if i % 2 == 0 else c.accent
        band = Box(x + BAND_MARGIN, box.y, band_w, band_h)
        add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, band, colour, name=f"Period {i + 1}")
        text = Box(band.x + BAND_PAD_X, band.y + BAND_PAD_Y, inner, band_h - 2 * BAND_PAD_Y)
        lines = [(period.name, RunStyle(size=z.base, color=c.background, bold=True))]
        if period.span:
            lines.append((text_span(period.span), RunStyle(size=z.small, color=c.background)))
        add_lines(slide, text, lines, ts, f"Period {i + 1} name", align=CENTER)
        if period.summary:
            summary = Box(band.x, band.bottom + SUMMARY_GAP, band_w, summary_h)
            add_lines(
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
            add_shape(slide, MSO_SHAPE.OVAL, marker, colour, c.background, MARKER_RING, name="Event marker")
            top = axis_y + AXIS + EVENT_PAD_TOP
            label = Box(x + j * ew + EVENT_PAD_X, top, ew - 2 * EVENT_PAD_X, max(box.bottom - top, z.small))
            lines = [
                (text_span(event.year), RunStyle(size=z.small, color=c.heading, bold=True)),
                (event.text, RunStyle(size=z.small, color=c.text)),
            ]
            add_lines(slide, label, lines, ts, "Event", align=CENTER)
