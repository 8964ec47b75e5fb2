"""Image: a picture (PNG, JPEG, GIF, BMP, TIFF, SVG) full width, on the left or right half, or as the
slide's background; caption and credit under it; optional bullets beside or under it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.kinds.image.geometry import image_geometry
from lecturedeck.kinds.image.measure import captions_too_tall, image_height
from lecturedeck.layout.model import ImageGeometry
from lecturedeck.outline.fields import BulletItem, OptionalText, SlideBase, Text
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import Block, ImageBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer


class ImageSlide(SlideBase):
    kind: Literal["image"]
    src: Text
    alt: Text
    placement: Literal["full", "left", "right", "background"] = "full"
    width: float = Field(default=1.0, gt=0, le=1)
    caption: OptionalText = ""
    credit: OptionalText = ""
    overlay: Literal["auto", "dark", "light", "none"] = "auto"  # background images: how text stays readable
    items: list[BulletItem] = []


def plan(spec: ImageSlide, folder: Path) -> tuple[Block, ...]:
    path = (folder / spec.src).resolve()
    caption, credit = parse_inline(spec.caption), parse_inline(spec.credit)
    image = ImageBlock(path, spec.alt, spec.placement, spec.width, caption, credit, spec.overlay)
    return (image, *bullets(spec.items))


def height(ms: Measurer, block: ImageBlock, width: float, box_h: float) -> float:
    return image_height(ms, block, width, box_h)


def lines(ms: Measurer, block: ImageBlock, width: float) -> int:
    """Caption and credit lines (a picture is content enough to count as a figure)."""
    if block.placement == "background":
        return 0
    w, small = width * block.width, ms.theme.sizes.small
    return ms.lines(block.caption, small, w).count + ms.lines(block.credit, small, w).count


def words(ms: Measurer, block: ImageBlock, width: float, lang: str) -> ImageBlock:
    w, small = width * block.width, ms.theme.sizes.small
    return replace(
        block,
        caption=ms.fit_words(block.caption, small, w, False, lang),
        credit=ms.fit_words(block.credit, small, w, False, lang),
    )


def layout(block: ImageBlock, box: Box, region: Box, ms: Measurer, lang: str) -> ImageGeometry:
    return image_geometry(block, box, region.w, ms)


KIND = Kind(
    name="image",
    spec=ImageSlide,
    block=ImageBlock,
    plan=plan,
    height=height,
    split=None,
    lines=lines,
    words=words,
    layout=layout,
    pptx="lecturedeck.kinds.image.pptx:add_image",
    oversize=captions_too_tall,
)
