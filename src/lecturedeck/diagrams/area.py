"""The part of a frame a drawing gets: the frame less the caption (diagrams) or the link to the
interactive page (mind maps) under it. Used by the plan-time size check and by the layout stage."""

from __future__ import annotations

from lecturedeck.inline import Inline, plain_text, text_span
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.labels import label
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import DiagramBlock, MindmapBlock

MIN_DRAWING_SHARE = 0.5  # the drawing keeps at least half its frame, however long the caption


def below_text(block: DiagramBlock | MindmapBlock, lang: str) -> Inline:
    """What stands under the drawing: a diagram's caption, a mind map's link label."""
    return block.caption if isinstance(block, DiagramBlock) else text_span(label(lang, "mindmap_link"))


def below_height(ms: Measurer, block: DiagramBlock | MindmapBlock, lang: str, width: float) -> float:
    """Height of the caption or link under a drawing, its gap included (0 if there is none)."""
    text = below_text(block, lang)
    if not plain_text(text):
        return 0.0
    return ms.text_height(text, width, size=ms.theme.sizes.small) + ms.block_gap


def drawing_box(ms: Measurer, block: DiagramBlock | MindmapBlock, box: Box, lang: str) -> Box:
    """The part of a frame the drawing gets."""
    return Box(box.x, box.y, box.w, max(box.h - below_height(ms, block, lang, box.w), box.h * MIN_DRAWING_SHARE))
