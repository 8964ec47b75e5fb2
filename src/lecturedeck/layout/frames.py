"""A content slide's blocks → frames stacked in its body box, each with its kind's geometry.

Blocks stack from the top at the heights the fit step measured, a block gap apart. A side image
(placement left/right) takes one column of the body box and the other blocks the other column;
background images are not framed (see backdrop.py). Graphics (diagrams, mind maps, timelines,
model cards) take the height the other blocks leave.
"""

from __future__ import annotations

from lecturedeck.layout.drawing import layout_drawing
from lecturedeck.layout.image import image_geometry
from lecturedeck.layout.model import (
    CodeGeometry,
    ColumnGeometry,
    ColumnsGeometry,
    Detail,
    Frame,
    TableGeometry,
)
from lecturedeck.layout.modelcard import layout_model_card
from lecturedeck.layout.timeline import layout_timeline
from lecturedeck.plan import metrics
from lecturedeck.plan.geometry import Box, column_boxes
from lecturedeck.plan.measure import Measurer, fills_box
from lecturedeck.plan.model import (
    Block,
    CodeBlock,
    ColumnsBlock,
    DiagramBlock,
    ImageBlock,
    MindmapBlock,
    ModelCardBlock,
    Slide,
    TableBlock,
    TimelineBlock,
)


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
    fixed = {i: ms.block_height(b, region.w, region.h) for i, b in enumerate(blocks) if not fills_box(b)}
    fillers = [i for i, b in enumerate(blocks) if fills_box(b)]
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
    """The geometry a block's kind needs beyond its box."""
    if isinstance(block, TableBlock):
        widths = ms.table_column_widths(block, box.w)
        size = ms.table_font_size(block, box.w)
        rows = (block.header, *block.rows)
        heights = tuple(ms.row_height(row, widths, header=r == 0, size=size) for r, row in enumerate(rows))
        return TableGeometry(widths, heights, size)
    if isinstance(block, CodeBlock):
        return CodeGeometry(ms.code_font_size(block, box.w))
    if isinstance(block, ImageBlock):
        return image_geometry(block, box, region.w, ms)
    if isinstance(block, ColumnsBlock):
        return _columns(block, box, ms)
    if isinstance(block, TimelineBlock):
        return layout_timeline(block, box, ms)
    if isinstance(block, ModelCardBlock):
        return layout_model_card(block, box, ms, lang)
    if isinstance(block, DiagramBlock | MindmapBlock):
        return layout_drawing(block, box, ms, lang)
    return None


def _columns(block: ColumnsBlock, box: Box, ms: Measurer) -> ColumnsGeometry:
    """Each column: the comparison rule, its heading (measured like body text, bold), then its body."""
    geometry: list[ColumnGeometry] = []
    for column, col in zip((block.left, block.right), column_boxes(box), strict=True):
        top = col.y + (metrics.COMPARISON_RULE if block.comparison else 0.0)
        heading_h = ms.text_height(column.heading, col.w, bold=True)
        heading = Box(col.x, top, col.w, heading_h) if heading_h else None
        body_top = top + (heading_h + ms.gap if heading_h else 0.0)
        geometry.append(ColumnGeometry(heading, Box(col.x, body_top, col.w, max(0.0, col.bottom - body_top))))
    return ColumnsGeometry(geometry[0], geometry[1])
