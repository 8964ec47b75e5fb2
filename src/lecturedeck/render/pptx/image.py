"""Images: checked before use, placed per `placement` with their aspect ratio kept, captioned.

Limits (each failure is a DeckError at the outline slide that says how to fix it):
PNG, JPEG, GIF, BMP, TIFF or SVG (drawn to PNG by CairoSVG at SVG_SCALE × its displayed size, since
python-pptx cannot embed SVG), at most MAX_SIDE px per side and MAX_BYTES per file — larger images
bloat the deck and can crash PowerPoint.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.errors import DeckError, Location
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer, svg_size
from lecturedeck.plan.model import ImageBlock
from lecturedeck.render.pptx.shapes import add_lines, send_to_back
from lecturedeck.render.pptx.text import RunStyle, Typesetter
from lecturedeck.render.pptx.units import emu

SUPPORTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF"})  # what python-pptx embeds
MAX_SIDE = 20_000  # px
MAX_BYTES = 50 * 1024 * 1024
SVG_SCALE = 3  # SVG → PNG pixels per displayed CSS px


def image_size(block: ImageBlock, source: Location | None) -> tuple[int, int]:
    """Pixel size of a usable image; DeckError (with a fix) for anything the PPTX can't embed."""
    path = Path(block.path)
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
    if path.suffix.lower() == ".svg":
        try:
            size = svg_size(path)
        except (OSError, ValueError, ElementTree.ParseError) as exc:
            raise DeckError(f"cannot read SVG image {path} ({exc}); check that it is valid SVG", source) from exc
        if size is None:
            raise DeckError(f"SVG image {path} has no width/height or viewBox; add a viewBox to its <svg>", source)
        return round(size[0]), round(size[1])
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


def _picture(block: ImageBlock, shown_w: float, source: Location | None) -> str | io.BytesIO:
    """What python-pptx embeds: the file itself, or for SVG a PNG rendered at SVG_SCALE × its shown width."""
    if Path(block.path).suffix.lower() != ".svg":
        return str(block.path)
    import cairosvg  # deferred: loading cairo costs ~0.1 s and only SVG images need it

    try:
        png = cairosvg.svg2png(url=str(block.path), output_width=max(1, round(shown_w * SVG_SCALE)), unsafe=False)
    except Exception as exc:  # CairoSVG raises many kinds of errors for broken files
        raise DeckError(f"cannot draw SVG image {block.path} ({exc}); check that it is valid SVG", source) from exc
    return io.BytesIO(png)


def add_image(slide: Slide, block: ImageBlock, box: Box, ts: Typesetter, source: Location | None) -> None:
    """The image at the width the planner resolved (`box.w × block.width`), centred, caption and credit under it.

    Side images (left/right) keep their own width and are only shrunk here if taller than their column."""
    px_w, px_h = image_size(block, source)
    ms = measurer(ts.theme)
    small, gap = ts.theme.sizes.small, ts.theme.spacing.paragraph_gap
    w = box.w * block.width
    h = w * px_h / px_w
    if block.placement != "full":
        h = min(h, max(box.h - ms.image_captions_height(block, w), 1.0))
        w = h * px_w / px_h
    total = h + ms.image_captions_height(block, w)
    x, y = box.x + (box.w - w) / 2, box.y + max(0.0, (box.h - total) / 2)
    picture = slide.shapes.add_picture(_picture(block, w, source), emu(x), emu(y), emu(w), emu(h))
    picture.name = "Image"
    picture._element.nvPicPr.cNvPr.set("descr", block.alt)
    y += h
    for spans, name, italic in ((block.caption, "Caption", True), (block.credit, "Credit", False)):
        if not spans:
            continue
        text_h = ms.text_height(spans, w, size=small)
        style = RunStyle(size=small, color=ts.theme.colors.muted, italic=italic)
        add_lines(slide, Box(x, y + gap, w, text_h), [(spans, style)], ts, name, PP_ALIGN.CENTER)
        y += gap + text_h


def add_background(slide: Slide, block: ImageBlock, ts: Typesetter, source: Location | None) -> None:
    """Cover the whole slide (cropping the overflow evenly), behind everything else."""
    px_w, px_h = image_size(block, source)
    slide_w, slide_h = ts.theme.slide.width, ts.theme.slide.height
    scale = max(slide_w / px_w, slide_h / px_h)
    crop_x = (1 - slide_w / (px_w * scale)) / 2
    crop_y = (1 - slide_h / (px_h * scale)) / 2
    picture = slide.shapes.add_picture(_picture(block, px_w * scale, source), 0, 0, emu(slide_w), emu(slide_h))
    picture.name = "Background image"
    picture._element.nvPicPr.cNvPr.set("descr", block.alt)
    picture.crop_left = picture.crop_right = crop_x
    picture.crop_top = picture.crop_bottom = crop_y
    send_to_back(picture)
