"""Images: checked before use, placed per `placement` with their aspect ratio kept, captioned.

Limits (each failure is a DeckError at the outline slide that says how to fix it):
PNG, JPEG, GIF, BMP or TIFF only (python-pptx cannot embed SVG), at most MAX_SIDE px per side
and MAX_BYTES per file — larger images bloat the deck and can crash PowerPoint.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.errors import DeckError, Location
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import ImageBlock
from lecturedeck.render.pptx.shapes import add_text_box, send_to_back
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.render.pptx.units import emu

SUPPORTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF"})  # what python-pptx embeds
MAX_SIDE = 20_000  # px
MAX_BYTES = 50 * 1024 * 1024


def image_size(block: ImageBlock, source: Location | None) -> tuple[int, int]:
    """Pixel size of a usable image; DeckError (with a fix) for anything python-pptx can't embed."""
    path = Path(block.path)
    if path.suffix.lower() in (".svg", ".svgz"):
        raise DeckError(
            f"SVG images are not supported in PPTX yet: {path}; convert it to PNG "
            f"(e.g. `cairosvg {path.name} -o {path.stem}.png`, or export from Inkscape) and use that file",
            source,
        )
    if not path.is_file():
        raise DeckError(
            f"image not found: {path}; check the path (relative to the outline file) and its spelling", source
        )
    if path.stat().st_size > MAX_BYTES:
        raise DeckError(
            f"image {path} is {path.stat().st_size / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB limit; "
            "shrink or recompress it (e.g. save as JPEG, or scale it down)",
            source,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt, size = img.format, img.size
    except Image.DecompressionBombError:
        fmt, size = "", (MAX_SIDE + 1, MAX_SIDE + 1)
    except (OSError, UnidentifiedImageError) as exc:
        raise DeckError(f"cannot read image {path} ({exc}); re-export it as PNG or JPEG", source) from exc
    if max(size) > MAX_SIDE:
        raise DeckError(
            f"image {path} is {size[0]}×{size[1]} px, more than {MAX_SIDE} px per side; scale it down "
            "(slides need at most about 4000 px)",
            source,
        )
    if fmt not in SUPPORTED_FORMATS:
        raise DeckError(f"image {path} is in {fmt or 'an unknown'} format; convert it to PNG or JPEG", source)
    return size


def add_image(slide: Slide, block: ImageBlock, box: Box, ts: Typesetter, source: Location | None) -> None:
    """Fit the image in the box (at its width fraction), centred, with the caption right under it."""
    px_w, px_h = image_size(block, source)
    small, gap = ts.theme.sizes.small, ts.theme.spacing.paragraph_gap
    text_h = measurer(ts.theme).text_height(block.caption, box.w * block.width, size=small)
    caption_h = text_h + gap if text_h else 0.0
    scale = min(box.w * block.width / px_w, max(box.h - caption_h, 1.0) / px_h)
    w, h = px_w * scale, px_h * scale
    x, y = box.x + (box.w - w) / 2, box.y + (box.h - caption_h - h) / 2
    picture = slide.shapes.add_picture(str(block.path), emu(x), emu(y), emu(w), emu(h))
    picture.name = "Image"
    picture._element.nvPicPr.cNvPr.set("descr", block.alt)
    if block.caption:
        caption_w = box.w * block.width
        caption = add_text_box(slide, Box(box.x + (box.w - caption_w) / 2, y + h + gap, caption_w, text_h), "Caption")
        p = setup_frame(caption.text_frame, align=PP_ALIGN.CENTER).next()
        ts.spacing(p, small)
        ts.spans(p, block.caption, RunStyle(size=small, color=ts.theme.colors.muted, italic=True))


def add_background(slide: Slide, block: ImageBlock, ts: Typesetter, source: Location | None) -> None:
    """Cover the whole slide (cropping the overflow evenly), behind everything else."""
    px_w, px_h = image_size(block, source)
    slide_w, slide_h = ts.theme.slide.width, ts.theme.slide.height
    scale = max(slide_w / px_w, slide_h / px_h)
    crop_x = (1 - slide_w / (px_w * scale)) / 2
    crop_y = (1 - slide_h / (px_h * scale)) / 2
    picture = slide.shapes.add_picture(str(block.path), 0, 0, emu(slide_w), emu(slide_h))
    picture.name = "Background image"
    picture._element.nvPicPr.cNvPr.set("descr", block.alt)
    picture.crop_left = picture.crop_right = crop_x
    picture.crop_top = picture.crop_bottom = crop_y
    send_to_back(picture)
