"""Image files as the plan sees them: checked once (whatever outputs are built), sized, aspect ratio.

Limits (each failure is a DeckError at the outline slide that says how to fix it): PNG, JPEG, GIF,
BMP, TIFF or SVG, at most MAX_SIDE px per side and MAX_BYTES per file — larger images bloat the deck
and can crash PowerPoint.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError

from lecturedeck.errors import DeckError, Location

SUPPORTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF"})  # what python-pptx embeds
MAX_SIDE = 20_000  # px
MAX_BYTES = 50 * 1024 * 1024
DEFAULT_IMAGE_ASPECT = 0.75  # height / width assumed when an image's size cannot be read


def image_size(path: Path, source: Location | None) -> tuple[int, int]:
    """Pixel size of a usable image; DeckError (with a fix) for anything a deck can't show."""
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


@lru_cache(maxsize=256)
def image_aspect(path: Path) -> float:
    """Height / width of an image file (read from its header only; SVG from width/height or viewBox)."""
    try:
        if path.suffix.lower() == ".svg":
            size = svg_size(path)
            if size is None:
                return DEFAULT_IMAGE_ASPECT
            w, h = size
        else:
            with Image.open(path) as img:
                w, h = img.size
        return h / w if w else DEFAULT_IMAGE_ASPECT
    except (OSError, ValueError, ElementTree.ParseError):
        return DEFAULT_IMAGE_ASPECT


_SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*$")
_SVG_UNIT_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def svg_size(path: Path) -> tuple[float, float] | None:
    """Intrinsic size of an SVG file in CSS px (width/height attributes, else the viewBox); None if unknown."""
    for _, element in ElementTree.iterparse(path, events=("start",)):
        attrs = element.attrib
        lengths = [_SVG_LENGTH.match(attrs.get(k, "")) for k in ("width", "height")]
        if all(lengths):
            w, h = (float(m.group(1)) * _SVG_UNIT_PX[m.group(2)] for m in lengths if m)
            return (w, h) if w > 0 and h > 0 else None
        box = attrs.get("viewBox", "").replace(",", " ").split()
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return float(box[2]), float(box[3])
        return None
    return None
