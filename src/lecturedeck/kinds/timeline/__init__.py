"""Timeline: periods (a band with name, span and summary) and their events on one axis, laid out in
the arrangement that keeps the text largest (see layout.py); native shapes in the PPTX, positioned
boxes in the HTML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.timeline.layout import layout_timeline
from lecturedeck.outline.fields import OptionalText, RequiredLabel, SlideBase, Strict, Text
from lecturedeck.plan import model as m
from lecturedeck.plan.geometry import Box

if TYPE_CHECKING:
    from lecturedeck.layout.model import Detail
    from lecturedeck.plan.measure import Measurer


class TimelineEvent(Strict):
    year: RequiredLabel
    text: Text


class TimelinePeriod(Strict):
    name: Text
    span: OptionalText = ""
    summary: OptionalText = ""
    events: list[TimelineEvent] = []


class TimelineSlide(SlideBase):
    kind: Literal["timeline"]
    periods: list[TimelinePeriod] = Field(min_length=1)


def _period(spec: TimelinePeriod) -> m.TimelinePeriod:
    events = tuple(m.TimelineEvent(e.year, parse_inline(e.text)) for e in spec.events)
    return m.TimelinePeriod(parse_inline(spec.name), spec.span, parse_inline(spec.summary), events)


def plan(spec: TimelineSlide, folder: Path) -> tuple[m.Block, ...]:
    return (m.TimelineBlock(tuple(_period(p) for p in spec.periods)),)


def layout(block: m.TimelineBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    return layout_timeline(block, box, ms)


KIND = Kind(
    name="timeline",
    spec=TimelineSlide,
    block=m.TimelineBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout,
    pptx="lecturedeck.render.pptx.graphic:add_graphic",
    fills_box=True,
)
