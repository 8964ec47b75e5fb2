"""Diagram: a mermaid flowchart (a documented subset), laid out without a browser (grandalf), drawn as
an SVG image in the HTML and as native shapes with glued connectors in the PPTX."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from lecturedeck.diagrams.check import check_diagram
from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.layout.drawing import layout_drawing
from lecturedeck.outline.fields import Code, OptionalText, SlideBase
from lecturedeck.plan.model import Block, DiagramBlock


class DiagramSlide(SlideBase):
    """A mermaid flowchart (`graph LR` / `graph TD`), drawn without a browser."""

    kind: Literal["diagram"]
    mermaid: Code
    caption: OptionalText = ""


def plan(spec: DiagramSlide, folder: Path) -> tuple[Block, ...]:
    return (DiagramBlock(spec.mermaid.strip("\n"), parse_inline(spec.caption)),)


KIND = Kind(
    name="diagram",
    spec=DiagramSlide,
    block=DiagramBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout_drawing,
    pptx="lecturedeck.kinds.diagram.pptx:add_diagram",
    fills_box=True,
    check=check_diagram,
)
