"""Images in their frame: the picture (aspect ratio kept, inside the frame), caption and credit under it.

`width` is a fraction of the slide's body width for every placement. A full-width image's fraction
was already narrowed by the fit step so that picture, caption and credit fit its frame; a side image
is capped to its column and shrunk if taller than the column. Captions and credits sit right under
the picture, as wide as it, so they always stay with their image.
"""

from __future__ import annotations

from lecturedeck.kinds.image.measure import image_captions_height
from lecturedeck.layout.model import ImageGeometry
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.images import image_aspect
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import ImageBlock


def image_geometry(block: ImageBlock, frame: Box, body_w: float, ms: Measurer) -> ImageGeometry:
    """Picture, caption and credit boxes of an image block in its frame (`body_w`: the slide's body width)."""
    aspect = image_aspect(block.path)
    w = frame.w * block.width if block.placement == "full" else min(frame.w, body_w * block.width)
    h = w * aspect
    room = frame.h - image_captions_height(ms, block, w)
    if h > room > 0:
        h = room
        w = h / aspect
        room = frame.h - image_captions_height(ms, block, w)
        h = min(h, room) if room > 0 else h
    x = frame.x + (frame.w - w) / 2
    picture = Box(x, frame.y, w, h)
    y, gap, small = picture.bottom, ms.gap, ms.theme.sizes.small
    boxes: list[Box | None] = []
    for spans in (block.caption, block.credit):
        text_h = ms.text_height(spans, w, size=small) if spans else 0.0
        boxes.append(Box(x, y + gap, w, text_h) if text_h else None)
        y += gap + text_h if text_h else 0.0
    return ImageGeometry(picture, boxes[0], boxes[1])
