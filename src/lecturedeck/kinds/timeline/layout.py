"""Timelines → shapes and text boxes: period bands, an axis, event markers and labels.

Three arrangements are tried, at text sizes from sizes.base (the vertical one from sizes.small) down to
sizes.min:
- columns: one column per period (as wide as its share of events), the band, its summary, then its
  events spread along a shared horizontal axis with their labels under it;
- staggered: the same, with labels alternating between two rows, so each may be twice as wide;
- vertical: periods stacked, bands on the left, events listed down a vertical axis on the right.
The arrangement that keeps the text largest wins (ties: in that order). An arrangement is possible only
when every word fits its box (no word is ever broken) and everything fits the frame. If none fits at
sizes.min, `DoesNotFit` is raised with what to change; the fit step asks `timeline_fits` first and splits a
timeline too long for one slide by its events.
Every text is a label in balanced lines (`layout.text.label_paragraphs`: no lone CJK character last, breaks
at spaces and punctuation), one paragraph per line, so that both renderers show the measured breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lecturedeck.inline import Inline, Span, plain_text, text_span
from lecturedeck.layout.model import Align, DoesNotFit, Graphic, Paragraph, Primitive, ShapeBox, TextBox, TextStyle
from lecturedeck.layout.text import label_paragraphs, paragraphs_height, words_fit
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import TimelineBlock, TimelinePeriod

LINE = 1.3  # line height of timeline text
BAND_MARGIN = 6  # px each side of a period band
BAND_PAD_Y, BAND_PAD_X = 10, 14
SUMMARY_GAP = 10
AXIS_GAP = 24  # from the summary to the axis
AXIS = 6  # axis thickness
MARKER, MARKER_RING = 22, 4
LABEL_GAP, LABEL_PAD_X = 18, 4  # from the axis to the labels; each side of a label
ROW_GAP = 12  # between the two rows of staggered labels
CONNECTOR = 2  # staggered labels of the second row hang from their marker on a thin line
VERTICAL_BAND_SHARE = 0.3  # vertical arrangement: the bands' share of the width
VERTICAL_GAP = 14  # between periods, and from the axis to the labels


@dataclass(frozen=True)
class _Style:
    size: float  # events, spans and summaries
    name: float  # period names (bold)


def layout_timeline(block: TimelineBlock, box: Box, ms: Measurer) -> Graphic:
    """The timeline drawn in `box` in the arrangement that keeps its text largest."""
    z = ms.theme.sizes
    arrangements: tuple[Callable[[TimelineBlock, Box, Measurer, _Style], list[Primitive] | None], ...] = (
        _columns,
        _staggered,
        _vertical,
    )
    for size in range(int(z.base), int(z.min) - 1, -1):
        style = _Style(size, min(z.base, size + 6))
        for arrange in arrangements:
            if arrange is _vertical and size > z.small:
                continue  # above sizes.small only along the axis: deck import reads those arrangements back
            items = arrange(block, box, ms, style)
            if items is not None:
                return Graphic(tuple(items))
    raise DoesNotFit(
        f"the timeline cannot show {_what(block)} on a slide at the minimum text size ({z.min} px): shorten the "
        "period names, spans, summaries and event texts (every word must fit the width of its label)"
    )


def _what(block: TimelineBlock) -> str:
    """The part of a timeline that does not fit, in words: a period or event by name if it is alone."""
    events = [(p, e) for p in block.periods for e in p.events]
    if len(events) > 1:
        return f"its {len(events)} events"
    period = block.periods[0]
    name = plain_text(period.name)
    return f"the event '{events[0][1].year}' of '{name}' even alone" if events else f"the period '{name}' even alone"


@lru_cache(maxsize=4096)
def timeline_fits(ms: Measurer, block: TimelineBlock, width: float, height: float) -> bool:
    """Whether some arrangement draws the timeline in width × height px with every text at least sizes.min."""
    try:
        layout_timeline(block, Box(0.0, 0.0, width, height), ms)
    except DoesNotFit:
        return False
    return True


# ---- shared pieces ----------------------------------------------------------------------------


def _band_colour(ms: Measurer, i: int) -> str:
    c = ms.theme.colors
    return c.heading if i % 2 == 0 else c.accent


def _band(ms: Measurer, period: TimelinePeriod, i: int, box: Box, style: _Style, step: int) -> list[Primitive]:
    inner = Box(box.x + BAND_PAD_X, box.y + BAND_PAD_Y, box.w - 2 * BAND_PAD_X, box.h - 2 * BAND_PAD_Y)
    paragraphs = _band_text(ms, period, inner.w, style, "center")
    return [
        ShapeBox(box, "rounded", _band_colour(ms, i), f"Period {i + 1}", radius=14, step=step),
        TextBox(inner, paragraphs, f"Period {i + 1} name", anchor="middle", step=step),
    ]


def _band_text(
    ms: Measurer, period: TimelinePeriod, width: float, style: _Style, align: Align, summary: bool = False
) -> tuple[Paragraph, ...]:
    """The lines of a band's name and span (and summary: the vertical arrangement), `width` px wide."""
    background = ms.theme.colors.background
    name = TextStyle(style.name, background, bold=True, align=align, line_height=LINE)
    text = TextStyle(style.size, background, align=align, line_height=LINE)
    paragraphs = label_paragraphs(ms, period.name, name, width) + label_paragraphs(
        ms, text_span(period.span), text, width
    )
    return paragraphs + label_paragraphs(ms, period.summary, text, width) if summary else paragraphs


def _band_height(
    ms: Measurer, period: TimelinePeriod, width: float, style: _Style, summary: bool = False
) -> float | None:
    """Height of a band `width` px wide (with its summary: the vertical arrangement), None if a word does not fit."""
    inner = width - 2 * BAND_PAD_X
    texts = [(period.name, style.name, True), (text_span(period.span), style.size, False)]
    if summary:
        texts.append((period.summary, style.size, False))
    if not all(words_fit(ms, spans, size, inner, bold) for spans, size, bold in texts):
        return None
    return paragraphs_height(_band_text(ms, period, inner, style, "center", summary)) + 2 * BAND_PAD_Y


def _event_text(ms: Measurer, year: str, text: Inline, width: float, size: float) -> tuple[Paragraph, ...] | None:
    """The lines of an event's label `width` px wide (its year bold, then its text), None if a word does not fit."""
    c = ms.theme.colors
    year_spans = text_span(year)
    if not (words_fit(ms, year_spans, size, width, bold=True) and words_fit(ms, text, size, width)):
        return None
    return label_paragraphs(
        ms, year_spans, TextStyle(size, c.heading, bold=True, align="center", line_height=LINE), width
    ) + label_paragraphs(ms, text, TextStyle(size, c.text, align="center", line_height=LINE), width)


def _marker(ms: Measurer, cx: float, cy: float, colour: str, step: int) -> ShapeBox:
    box = Box(cx - MARKER / 2, cy - MARKER / 2, MARKER, MARKER)
    background = ms.theme.colors.background
    return ShapeBox(box, "oval", colour, "Event marker", line=background, line_width=MARKER_RING, step=step)


# ---- horizontal arrangements ------------------------------------------------------------------


def _columns(block: TimelineBlock, box: Box, ms: Measurer, style: _Style) -> list[Primitive] | None:
    return _horizontal(block, box, ms, style, rows=1)


def _staggered(block: TimelineBlock, box: Box, ms: Measurer, style: _Style) -> list[Primitive] | None:
    if max(len(p.events) for p in block.periods) < 2:
        return None
    return _horizontal(block, box, ms, style, rows=2)


def _horizontal(block: TimelineBlock, box: Box, ms: Measurer, style: _Style, rows: int) -> list[Primitive] | None:
    c = ms.theme.colors
    periods = block.periods
    shares = [max(1, len(p.events)) for p in periods]
    col_ws = [box.w * s / sum(shares) for s in shares]
    xs = [box.x + sum(col_ws[:i]) for i in range(len(periods))]
    band_hs = [_band_height(ms, p, w - 2 * BAND_MARGIN, style) for p, w in zip(periods, col_ws, strict=True)]
    if any(h is None for h in band_hs):
        return None
    band_h = max(h for h in band_hs if h is not None)
    summary_style = TextStyle(style.size, c.muted, align="center", line_height=LINE)
    summaries: list[tuple[Paragraph, ...]] = []
    for period, w in zip(periods, col_ws, strict=True):
        if not words_fit(ms, period.summary, style.size, w - 2 * BAND_MARGIN):
            return None
        summaries.append(label_paragraphs(ms, period.summary, summary_style, w - 2 * BAND_MARGIN))
    summary_h = max(paragraphs_height(lines) for lines in summaries)
    axis_y = box.y + band_h + (SUMMARY_GAP + summary_h if summary_h else 0.0) + AXIS_GAP
    label_top = axis_y + AXIS + LABEL_GAP
    # events: slot centres and label widths
    slots: list[tuple[float, float, int, str, Inline, int]] = []  # (centre x, label width, row, year, text, period)
    for i, (period, x, w) in enumerate(zip(periods, xs, col_ws, strict=True)):
        k = len(period.events)
        for j, event in enumerate(period.events):
            slot = w / k
            cx = x + (j + 0.5) * slot
            slots.append((cx, slot, 0, event.year, event.text, i))
    if rows == 2:
        slots = [(cx, slot, n % 2, y, t, i) for n, (cx, slot, _, y, t, i) in enumerate(slots)]
    row_h = [0.0, 0.0]
    labels: list[tuple[float, tuple[Paragraph, ...]]] = []  # (width, lines) of each event's label
    for cx, slot, row, year, text, _ in slots:
        w = (slot * rows) - 2 * LABEL_PAD_X
        w = min(w, 2 * (cx - box.x) - 2 * LABEL_PAD_X, 2 * (box.x + box.w - cx) - 2 * LABEL_PAD_X)
        lines = _event_text(ms, year, text, w, style.size)
        if lines is None:
            return None
        labels.append((w, lines))
        row_h[row] = max(row_h[row], paragraphs_height(lines))
    row_tops = [label_top, label_top + row_h[0] + ROW_GAP]
    bottom = row_tops[rows - 1] + row_h[rows - 1]
    if bottom > box.bottom + 0.5:
        return None
    items: list[Primitive] = [ShapeBox(Box(box.x, axis_y, box.w, AXIS), "rect", c.rule, "Timeline axis")]
    for i, (period, x, w, summary) in enumerate(zip(periods, xs, col_ws, summaries, strict=True)):
        band = Box(x + BAND_MARGIN, box.y, w - 2 * BAND_MARGIN, band_h)
        items += _band(ms, period, block.first_period + i, band, style, step=i + 1)
        if summary:
            summary_box = Box(band.x, band.bottom + SUMMARY_GAP, band.w, summary_h)
            items.append(TextBox(summary_box, summary, "Summary", step=i + 1))
    axis_centre = axis_y + AXIS / 2
    for (cx, _, row, _, _, period_index), (w, lines) in zip(slots, labels, strict=True):
        step = period_index + 1
        if row == 1:
            line = Box(cx - CONNECTOR / 2, axis_centre, CONNECTOR, row_tops[1] - axis_centre)
            items.append(ShapeBox(line, "rect", c.rule, "Event connector", step=step))
        items.append(_marker(ms, cx, axis_centre, _band_colour(ms, block.first_period + period_index), step))
        items.append(TextBox(Box(cx - w / 2, row_tops[row], w, row_h[row]), lines, "Event", step=step))
    return items


# ---- vertical arrangement ---------------------------------------------------------------------


def _vertical(block: TimelineBlock, box: Box, ms: Measurer, style: _Style) -> list[Primitive] | None:
    c = ms.theme.colors
    band_w = box.w * VERTICAL_BAND_SHARE
    axis_x = box.x + band_w + VERTICAL_GAP + MARKER / 2
    label_x = axis_x + MARKER / 2 + VERTICAL_GAP
    label_w = box.x + box.w - label_x
    event_style = TextStyle(style.size, c.text, line_height=LINE)
    rows: list[tuple[TimelinePeriod, float, list[tuple[Paragraph, ...]]]] = []
    for period in block.periods:
        band_h = _band_height(ms, period, band_w, style, summary=True)
        if band_h is None:
            return None
        events: list[tuple[Paragraph, ...]] = []
        for event in period.events:
            line: Inline = (Span(event.year, bold=True), Span("  "), *event.text)
            if not words_fit(ms, line, style.size, label_w):
                return None
            events.append(label_paragraphs(ms, line, event_style, label_w))
        events_h = sum(paragraphs_height(lines) for lines in events) + 4 * max(0, len(events) - 1)
        rows.append((period, max(band_h, events_h), events))
    total = sum(h for _, h, _ in rows) + VERTICAL_GAP * (len(rows) - 1)
    if total > box.h + 0.5:
        return None
    items: list[Primitive] = [ShapeBox(Box(axis_x - AXIS / 2, box.y, AXIS, total), "rect", c.rule, "Timeline axis")]
    y = box.y
    for i, (period, row_h, events) in enumerate(rows, start=block.first_period):
        step = i - block.first_period + 1
        band = Box(box.x, y, band_w, row_h)
        items.append(ShapeBox(band, "rounded", _band_colour(ms, i), f"Period {i + 1}", radius=14, step=step))
        inner = Box(band.x + BAND_PAD_X, band.y + BAND_PAD_Y, band.w - 2 * BAND_PAD_X, band.h - 2 * BAND_PAD_Y)
        paragraphs = _band_text(ms, period, inner.w, style, "left", summary=True)
        items.append(TextBox(inner, paragraphs, f"Period {i + 1} name", anchor="middle", step=step))
        ey = y
        for lines in events:
            h = paragraphs_height(lines)
            items.append(_marker(ms, axis_x, ey + style.size * LINE / 2, _band_colour(ms, i), step))
            items.append(TextBox(Box(label_x, ey, label_w, h), lines, "Event", step=step))
            ey += h + 4
        y += row_h + VERTICAL_GAP
    return items
