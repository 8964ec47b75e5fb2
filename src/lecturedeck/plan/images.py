"""Image files as the plan sees them: checked once (whatever outputs are built), sized, aspect ratio.

Limits (each failure is a DeckError at the outline slide that says how to fix it): PNG, JPEG, GIF,
BMP, TIFF or SVG; at most MAX_BYTES per file, MAX_SIDE px per side and MAX_PIXELS px in all. Sizes are
read from the file's header, never by decoding the picture, so a decompression bomb is refused by its
true size; a PNG's chunks are checked (CRC, nothing cut off). MAX_PIXELS (100 megapixels, 400 MB
decoded) is above any camera's photo yet half of Pillow's own decompression-bomb limit, so no later
decode of an accepted image (background sampling) can fail; slides need about 4000 px. An SVG is read
without expanding XML entities, refused when too costly to draw, and drawn once, small, as the PPTX
will draw it (plan.svgimage).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from defusedxml import DefusedXmlException

from lecturedeck.errors import DeckError, Location
from lecturedeck.plan.svgimage import TRIAL_SIDE, svg_overload, svg_png, svg_size

SUPPORTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF"})  # what python-pptx embeds
MAX_SIDE = 20_000  # px
MAX_PIXELS = 100_000_000  # px (width × height)
MAX_BYTES = 50 * 1024 * 1024
DEFAULT_IMAGE_ASPECT = 0.75  # height / width assumed when an image's size cannot be read
_PIL_LIMIT = threading.Lock()  # guards the moment Pillow's process-wide bomb check is off


def image_size(path: Path, source: Location | None) -> tuple[int, int]:
    """Pixel size of a usable image; DeckError (with a fix) for anything a deck can't show."""
    if not path.is_file():
        raise DeckError(
            f"image not found: {path}; check the path (relative to the outline file) and its spelling", source
        )
    stamp = path.stat()
    checked = _inspect(path, stamp.st_mtime_ns, stamp.st_size)
    if isinstance(checked, str):
        raise DeckError(checked, source)
    return checked


def image_aspect(path: Path) -> float:
    """Height / width of an image file (from its header; SVG from width/height or viewBox)."""
    try:
        size = image_size(path, None)
    except DeckError:
        return DEFAULT_IMAGE_ASPECT
    return size[1] / size[0]


@lru_cache(maxsize=256)
def _inspect(path: Path, mtime_ns: int, size: int) -> tuple[int, int] | str:
    """The pixel size of a usable image, or what is wrong with it and how to fix it (cached per file version)."""
    if size > MAX_BYTES:
        return (
            f"image {path} is {size / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB limit; "
            "shrink or recompress it (e.g. save as JPEG, or scale it down)"
        )
    if path.suffix.lower() == ".svg":
        return _svg_pixels(path)
    from PIL import Image  # only for decks with pictures

    try:
        with _PIL_LIMIT:
            previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # sizes only: the limits are ours
            try:
                img = Image.open(path)
            finally:
                Image.MAX_IMAGE_PIXELS = previous
        with img:
            fmt, pixels = img.format, img.size
            problem = _too_large(path, pixels)
            if problem:
                return problem
            img.verify()  # PNG: every chunk's CRC, the file not cut short (nothing is decompressed)
    except Exception as exc:  # Pillow raises OSError, SyntaxError, struct.error, … for broken files
        return f"cannot read image {path} ({exc}); re-export it as PNG or JPEG"
    if fmt not in SUPPORTED_FORMATS:
        return f"image {path} is in {fmt or 'an unknown'} format; convert it to PNG or JPEG"
    return pixels


def _too_large(path: Path, size: tuple[int, int]) -> str:
    """What is wrong with an image of this size ('' if nothing)."""
    w, h = size
    if max(w, h) > MAX_SIDE:
        over = f"more than {MAX_SIDE} px per side"
    elif w * h > MAX_PIXELS:
        over = f"{w * h / 10**6:.0f} megapixels, more than the {MAX_PIXELS // 10**6} megapixels allowed in all"
    else:
        return ""
    return f"image {path} is {w}×{h} px, {over}; scale it down (slides need at most about 4000 px)"


def _svg_pixels(path: Path) -> tuple[int, int] | str:
    try:
        size, overload = svg_size(path), svg_overload(path)
    except DefusedXmlException:
        return (
            f"SVG image {path} declares XML entities (<!ENTITY …>), which are not expanded (they can read other "
            "files or grow without bound); save it again without them (e.g. Inkscape: Save As → Plain SVG)"
        )
    except (OSError, ValueError, ElementTree.ParseError) as exc:
        return f"cannot read SVG image {path} ({exc}); check that it is valid SVG"
    if overload:
        return overload
    if size is None:
        return f"SVG image {path} has no width/height or viewBox of positive numbers; add a viewBox to its <svg>"
    pixels = max(1, round(size[0])), max(1, round(size[1]))
    problem = _too_large(path, pixels)
    if problem:
        return problem
    try:
        svg_png(path, TRIAL_SIDE, None, longest=TRIAL_SIDE)  # what CairoSVG cannot draw fails here, not in a renderer
    except DeckError as exc:
        return exc.message
    return pixels
