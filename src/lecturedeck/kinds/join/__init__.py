"""Join: the slide that tells the audience how to join the live questions. Built, it shows where the QR code,
link and room code will be (and says they appear with `deck present`); presented with `deck present`, the
presenter script puts the session's QR code, join link and room code into it. An optional `text` (e.g. what
the phones are for) stands above the link."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.join.layout import layout_join
from lecturedeck.outline.fields import OptionalText, SlideBase
from lecturedeck.plan.model import Block, JoinBlock

if TYPE_CHECKING:
    from lecturedeck.layout.model import Detail
    from lecturedeck.plan.geometry import Box
    from lecturedeck.plan.measure import Measurer


class JoinSlide(SlideBase):
    """How the audience joins the live questions: `deck present` fills in the QR code, link and room code."""

    kind: Literal["join"]
    text: OptionalText = ""


def plan(spec: JoinSlide, folder: Path) -> tuple[Block, ...]:
    return (JoinBlock(parse_inline(spec.text)),)


def layout(block: JoinBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    return layout_join(block, box, ms, lang)


KIND = Kind(
    name="join",
    spec=JoinSlide,
    block=JoinBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout,
    pptx="lecturedeck.render.pptx.graphic:add_graphic",
    fills_box=True,
)
