"""Diagram: a mermaid flowchart (a documented subset), laid out without a browser (grandalf), drawn as
an SVG image in the HTML and as native shapes with glued connectors in the PPTX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.layout.drawing import layout_drawing
from lecturedeck.outline.fields import OptionalText, SlideBase, Text
from lecturedeck.plan.model import Block, DiagramBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer


class DiagramSlide(SlideBase):
    """A mermaid flowchart (`graph LR` / `graph TD`), drawn without a browser."""

    kind: Literal["diagram"]
    mermaid: Text
    caption: OptionalText = ""


def plan(spec: DiagramSlide, folder: Path) -> tuple[Block, ...]:
    return (DiagramBlock(spec.mermaid.strip("\n"), parse_inline(spec.caption)),)


def height(ms: Measurer, block: DiagramBlock, width: float, box_h: float) -> float:
    return box_h


KIND = Kind(
    name="diagram",
    spec=DiagramSlide,
    block=DiagramBlock,
    plan=plan,
    height=height,
    split=None,
    layout=layout_drawing,
    pptx="lecturedeck.kinds.diagram.pptx:add_diagram",
    fills_box=True,
)
