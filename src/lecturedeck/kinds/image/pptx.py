"""Images at the boxes the layout gave them (picture, caption, credit), and background pictures with their scrim.

python-pptx cannot embed SVG: SVG images are drawn to PNG by CairoSVG at SVG_SCALE × their displayed size
(at most plan.svgimage.MAX_RASTER_SIDE px on a side).
Images were checked when the deck was planned (plan.images), so a file that reaches here is usable.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.errors import Location
from lecturedeck.layout.model import Backdrop, Frame, ImageGeometry, Palette, ShapeBox
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.images import image_size
from lecturedeck.plan.model import ImageBlock
from lecturedeck.plan.svgimage import svg_png
from lecturedeck.render.pptx.graphic import draw_shape
from lecturedeck.render.pptx.shapes import add_lines, send_to_back, set_alt_text
from lecturedeck.render.pptx.text import RunStyle, Typesetter
from lecturedeck.render.pptx.units import emu

SVG_SCALE = 3  # SVG → PNG pixels per displayed CSS px


def _picture(block: ImageBlock, shown_w: float, source: Location | None) -> str | io.BytesIO:
    """What python-pptx embeds: the file itself, or for SVG a PNG rendered at SVG_SCALE × its shown width."""
    if Path(block.path).suffix.lower() != ".svg":
        return str(block.path)
    return io.BytesIO(svg_png(block.path, shown_w * SVG_SCALE, source))


def add_image(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """The picture at its laid-out box, caption and credit under it (small, muted, centred)."""
    block, geometry = frame.block, frame.detail
    assert isinstance(block, ImageBlock) and isinstance(geometry, ImageGeometry)
    box = geometry.picture
    picture = slide.shapes.add_picture(_picture(block, box.w, None), emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    picture.name = "Image"
    set_alt_text(picture, block.alt)
    small, muted = ts.theme.sizes.small, ts.theme.colors.muted
    for spans, text_box, name, italic in (
        (block.caption, geometry.caption, "Caption", True),
        (block.credit, geometry.credit, "Credit", False),
    ):
        if text_box is not None:
            style = RunStyle(size=small, color=muted, italic=italic)
            add_lines(slide, text_box, [(spans, style)], ts, name, PP_ALIGN.CENTER)


def add_backdrop(slide: Slide, backdrop: Backdrop, ts: Typesetter, source: Location | None) -> None:
    """Cover the whole slide with the picture (cropping the overflow evenly) and lay the scrim over it,
    both behind everything else on the slide."""
    block = backdrop.image
    px_w, px_h = image_size(block.path, source)
    slide_w, slide_h = ts.theme.slide.width, ts.theme.slide.height
    scale = max(slide_w / px_w, slide_h / px_h)
    picture = slide.shapes.add_picture(
        _picture(block, px_w * scale, source), emu(0), emu(0), emu(slide_w), emu(slide_h)
    )
    picture.name = "Background image"
    set_alt_text(picture, block.alt)
    picture.crop_left = picture.crop_right = (1 - slide_w / (px_w * scale)) / 2
    picture.crop_top = picture.crop_bottom = (1 - slide_h / (px_h * scale)) / 2
    if backdrop.scrim is not None:
        scrim = ShapeBox(Box(0, 0, slide_w, slide_h), "rect", backdrop.scrim, "Scrim", alpha=backdrop.scrim_alpha)
        send_to_back(draw_shape(slide, scrim))
    send_to_back(picture)
