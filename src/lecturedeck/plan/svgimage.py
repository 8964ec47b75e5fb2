"""SVG image files: their intrinsic size, and drawing them to PNG with CairoSVG — the one way they are drawn.

XML entities are refused, never expanded (defusedxml, as CairoSVG parses too): no external files, no
"billion laughs". CairoSVG fetches nothing but data: URLs (`unsafe=False`) and aborts past 100,000
`<use>` references. Every drawing is at most MAX_RASTER_SIDE px on a side, whatever the picture's
aspect ratio, so no SVG can ask for a surface Cairo refuses (32,767 px) or gigabytes of memory.
"""

from __future__ import annotations

import re
from math import isfinite
from pathlib import Path

from defusedxml.ElementTree import iterparse

from lecturedeck.errors import DeckError, Location

MAX_RASTER_SIDE = 8192  # px: 3× a 16:9 slide's width and then some
TRIAL_SIDE = 64  # px: the plan draws every SVG once this small, so drawing problems are found before rendering
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*$")
_UNIT_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def svg_size(path: Path) -> tuple[float, float] | None:
    """Intrinsic size in CSS px (width/height attributes, else the viewBox); None if unknown or not positive.
    Raises defusedxml's errors for XML entities, ElementTree.ParseError or ValueError for broken files."""
    for _, element in iterparse(path, events=("start",)):
        attrs = element.attrib
        lengths = [_LENGTH.match(attrs.get(k, "")) for k in ("width", "height")]
        if all(lengths):
            w, h = (float(m.group(1)) * _UNIT_PX[m.group(2)] for m in lengths if m)
        else:
            box = attrs.get("viewBox", "").replace(",", " ").split()
            if len(box) != 4:
                return None
            w, h = float(box[2]), float(box[3])
        return (w, h) if w > 0 and h > 0 and isfinite(w) and isfinite(h) else None
    return None


def svg_png(path: Path, width: float, source: Location | None, longest: float = MAX_RASTER_SIDE) -> bytes:
    """The SVG drawn `width` px wide (its height from its aspect ratio), scaled down so that neither side
    exceeds `longest`; a DeckError at `source` if CairoSVG cannot draw it."""
    import cairosvg  # deferred: loading cairo costs ~0.1 s and only SVG images need it

    try:
        size = svg_size(path) or (1.0, 1.0)
        w, h = width, width * size[1] / size[0]
        scale = min(1.0, longest / max(w, h))
        return cairosvg.svg2png(
            url=str(path), output_width=max(1, round(w * scale)), output_height=max(1, round(h * scale)), unsafe=False
        )
    except Exception as exc:  # CairoSVG raises many kinds of errors for broken files
        raise DeckError(f"cannot draw SVG image {path} ({exc}); check that it is valid SVG", source) from None
