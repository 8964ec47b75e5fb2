"""A content slide's blocks → frames stacked in its body box, each with its kind's geometry.

Blocks stack from the top at the heights the fit step measured, a block gap apart. A side image
(placement left/right) takes one column of the body box and the other blocks the other column;
background images are not framed (see backdrop.py). Graphics (diagrams, mind maps, timelines,
model cards) take the height the other blocks leave.
"""

from __future__ import annotations

from lecturedeck.kinds import kind_of
from lecturedeck.kinds.image.geometry import image_geometry
from lecturedeck.layout.model import Detail, Frame
from lecturedeck.plan.geometry import Box, column_boxes
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import Block, ImageBlock, Slide


def layout_frames(slide: Slide, body: Box, ms: Measurer, lang: str) -> tuple[Frame, ...]:
    """The slide's blocks (but background images) placed in the body box."""
    flow = [b for b in slide.blocks if not (isinstance(b, ImageBlock) and b.placement == "background")]
    side = next((b for b in flow if isinstance(b, ImageBlock) and b.placement in ("left", "right")), None)
    if side is None or len(flow) == 1:
        return _stack(flow, body, ms, lang)
    flow.remove(side)
    left, right = column_boxes(body)
    image_box, region = (left, right) if side.placement == "left" else (right, left)
    side_frame = Frame(side, image_box, image_geometry(side, image_box, body.w, ms))
    return (side_frame, *_stack(flow, region, ms, lang))


def _stack(blocks: list[Block], region: Box, ms: Measurer, lang: str) -> tuple[Frame, ...]:
    if not blocks:
        return ()
    gap = ms.block_gap
    room = region.h - gap * (len(blocks) - 1)
    fixed = {i: ms.block_height(b, region.w, region.h) for i, b in enumerate(blocks) if not kind_of(b).fills_box}
    fillers = [i for i, b in enumerate(blocks) if kind_of(b).fills_box]
    spare = max(0.0, room - sum(fixed.values()))
    heights = [fixed.get(i, spare / max(1, len(fillers))) for i in range(len(blocks))]
    if sum(heights) > room > 0:  # the fit step should have split the slide: squeeze rather than run off it
        heights = [h * room / sum(heights) for h in heights]
    frames: list[Frame] = []
    y = region.y
    for block, h in zip(blocks, heights, strict=True):
        box = Box(region.x, y, region.w, h)
        frames.append(Frame(block, box, _detail(block, box, region, ms, lang)))
        y += h + gap
    return tuple(frames)


def _detail(block: Block, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    """The geometry a block's kind needs beyond its box (the kind's `layout`, kinds/<kind>/)."""
    layout = kind_of(block).layout
    return layout(block, box, region, ms, lang) if layout is not None else None
