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
    """Caption and credit that leave the picture no room under them: more than half the slide even as wide as
    the column, or a picture so tall and narrow that at its width their words do not fit or they run below the
    slide. Said with the fix (None if they fit)."""
    if block.placement == "background" or not (block.caption or block.credit):
        return None
    h = image_captions_height(ms, block, width)
    if h > box_h / 2:
        return (
            f"the image's caption and credit take {h:.0f} px of the slide's {box_h:.0f} px and leave too little room "
            "for the picture: shorten them (the rest can go into the slide's notes)"
        )
    image_w = width * image_width(ms, block, width, box_h)
    widest = max(ms.longest_word(t, ms.theme.sizes.small) for t in (block.caption, block.credit))
    if image_w < widest or image_w * image_aspect(block.path) + image_captions_height(ms, block, image_w) > box_h:
        return (
            "the picture is so tall and narrow that its caption and credit do not fit under it at its width: crop "
            "the picture, or shorten the caption and credit"
        )
    return None


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
