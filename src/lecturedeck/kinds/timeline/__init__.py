"""Timeline: periods (a band with name, span and summary) and their events on one axis, laid out in
the arrangement that keeps the text largest (see layout.py); native shapes in the PPTX, positioned
boxes in the HTML. A timeline too long for one slide is split by its events onto continuation slides,
at a period's end where one is near, into parts of about the same number of events."""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.timeline.layout import layout_timeline, timeline_fits
from lecturedeck.outline.fields import OptionalText, RequiredLabel, Revealable, SlideBase, Strict, Text
from lecturedeck.plan import model as m
from lecturedeck.plan.geometry import Box

if TYPE_CHECKING:
    from lecturedeck.layout.model import Detail
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


class TimelineEvent(Strict):
    year: RequiredLabel
    text: Text


class TimelinePeriod(Strict):
    name: Text
    span: OptionalText = ""
    summary: OptionalText = ""
    events: list[TimelineEvent] = []


class TimelineSlide(SlideBase, Revealable):
    kind: Literal["timeline"]
    periods: list[TimelinePeriod] = Field(min_length=1)


def _period(spec: TimelinePeriod) -> m.TimelinePeriod:
    events = tuple(m.TimelineEvent(e.year, parse_inline(e.text)) for e in spec.events)
    return m.TimelinePeriod(parse_inline(spec.name), spec.span, parse_inline(spec.summary), events)


def plan(spec: TimelineSlide, folder: Path) -> tuple[m.Block, ...]:
    return (m.TimelineBlock(tuple(_period(p) for p in spec.periods)),)


Unit = tuple[int, int]  # (period, event) of the timeline; a period without events is (period, -1)


def height(ms: Measurer, block: m.TimelineBlock, width: float, box_h: float) -> float:
    """The body box when the timeline can be drawn in it; infinite when it cannot (so the fit step splits it)."""
    return box_h if timeline_fits(ms, block, width, box_h) else math.inf


def split(
    pg: Paginator, block: m.TimelineBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[m.Block | None, m.Block | None]:
    """By events; a period cut in two keeps its name and span on the next slide (its summary stays with its start)."""
    units = tuple((i, j) for i, p in enumerate(block.periods) for j in (range(len(p.events)) if p.events else (-1,)))
    return pg.rows(block, units, lambda part, skipped: _part(block, part), room, width, fresh, force, cut=_cut)


def _part(block: m.TimelineBlock, units: tuple[Unit, ...]) -> m.TimelineBlock:
    """The timeline of some of its units."""
    periods = []
    for i, group in groupby(units, key=lambda u: u[0]):
        period, events = block.periods[i], [j for _, j in group]
        if events[0] > 0:  # continued from the slide before
            period = replace(period, summary=())
        periods.append(replace(period, events=tuple(period.events[j] for j in events if j >= 0)))
    return m.TimelineBlock(tuple(periods), block.first_period + units[0][0])


def _cut(units: tuple[Unit, ...], most: int) -> int:
    """How many units a part takes when at most `most` fit: the same number on every slide the rest needs,
    or the end of a period near that (not below two thirds of it)."""
    parts = -(-len(units) // most)
    even = -(-len(units) // parts)
    ends = [k for k in range(max(1, 2 * even // 3), most + 1) if units[k][0] != units[k - 1][0]]
    return min(ends, key=lambda k: (abs(k - even), -k)) if ends else even


def layout(block: m.TimelineBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    return layout_timeline(block, box, ms)


KIND = Kind(
    name="timeline",
    spec=TimelineSlide,
    block=m.TimelineBlock,
    plan=plan,
    height=height,
    split=split,
    layout=layout,
    pptx="lecturedeck.render.pptx.graphic:add_graphic",
    fills_box=True,
)
