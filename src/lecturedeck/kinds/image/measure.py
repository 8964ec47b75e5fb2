"""Measuring images: the width fraction an image really gets and its height with caption and credit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lecturedeck.plan.images import image_aspect
from lecturedeck.plan.model import ImageBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer


def image_captions_height(ms: Measurer, block: ImageBlock, image_w: float) -> float:
    """Caption and credit under an image `image_w` px wide: sizes.small, each below a paragraph_gap."""
    small = ms.theme.sizes.small
    lines = [ms.text_height(t, image_w, size=small) for t in (block.caption, block.credit)]
    return sum(h + ms.gap for h in lines if h)


def captions_too_tall(ms: Measurer, block: ImageBlock, width: float, box_h: float) -> str | None:
    """Caption and credit that take more than half the slide even under a picture as wide as its column: the
    picture would be squeezed to nothing. Said with the fix (None if they leave room)."""
    h = image_captions_height(ms, block, width) if block.placement != "background" else 0.0
    if h <= box_h / 2:
        return None
    return (
        f"the image's caption and credit take {h:.0f} px of the slide's {box_h:.0f} px and leave too little room for "
        "the picture: shorten them (the rest can go into the slide's notes)"
    )


def image_width(ms: Measurer, block: ImageBlock, width: float, box_h: float) -> float:
    """The width fraction an image really gets in a column `width` px wide: its own `width`,
    narrowed so that image, caption and credit fit in `box_h` (the fit step stores it in the block)."""
    fraction = block.width
    for _ in range(3):  # captions wrap at the image's width: settle the two together
        room = max(0.0, box_h - image_captions_height(ms, block, width * fraction))
        fraction = min(block.width, room / image_aspect(block.path) / width) if width > 0 else block.width
    return fraction


def image_height(ms: Measurer, block: ImageBlock, width: float, box_h: float) -> float:
    """Image height with caption and credit, at the width `image_width` gives it (never taller than `box_h`)."""
    if block.placement == "background":
        return 0.0
    image_w = width * image_width(ms, block, width, box_h)
    return min(box_h, image_w * image_aspect(block.path) + image_captions_height(ms, block, image_w))
