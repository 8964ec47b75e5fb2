"""Diagrams and mind maps in their frame: the drawing laid out once (lecturedeck.diagrams), with the
caption (diagrams) or the link to the interactive page (mind maps) under it. The SVG of the HTML and
the native shapes of the PPTX are both drawn from this one layout."""

from __future__ import annotations

from lecturedeck.diagrams.area import below_text, drawing_box
from lecturedeck.diagrams.flowchart import FlowchartLayout, layout_mermaid
from lecturedeck.diagrams.tree import TreeLayout, layout_mindmap
from lecturedeck.inline import plain_text
from lecturedeck.layout.model import DrawingGeometry
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import DiagramBlock, MindmapBlock


def layout_drawing(
    block: DiagramBlock | MindmapBlock, box: Box, region: Box, ms: Measurer, lang: str
) -> DrawingGeometry:
    """The drawing fitted into its part of the frame, and the caption or link box at the frame's bottom."""
    area = drawing_box(ms, block, box, lang)
    layout: FlowchartLayout | TreeLayout
    if isinstance(block, DiagramBlock):
        layout = layout_mermaid(block.mermaid, ms.theme, area.w, area.h)
    else:
        layout = layout_mindmap(block, ms.theme, area.w, area.h)
    text = below_text(block, lang)
    below = None
    if plain_text(text):
        h = ms.text_height(text, box.w, size=ms.theme.sizes.small)
        below = Box(box.x, box.bottom - h, box.w, h)
    return DrawingGeometry(area, layout, below, text)
