"""SVG image files: their intrinsic size, and drawing them to PNG with CairoSVG — the one way they are drawn.

XML entities are refused, never expanded (defusedxml, as CairoSVG parses too): no external files, no
"billion laughs". CairoSVG fetches nothing but data: URLs (`unsafe=False`). An SVG of more than
MAX_ELEMENTS elements, or whose `<use>` references would draw more than MAX_REFERENCES (nested ones
counted as often as they are drawn), is refused after a streaming read that stops at the first element
too many, rather than drawn for many seconds (CairoSVG's own guard aborts only past 100,000
references, ~13 s of drawing). Diagrams from draw.io, matplotlib or Inkscape have hundreds to a few
thousand elements. Every drawing is at most MAX_RASTER_SIDE px on a side, whatever the picture's
aspect ratio, so no SVG can ask for a surface Cairo refuses (32,767 px) or gigabytes of memory.
"""

from __future__ import annotations

import re
from math import isfinite
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse

from lecturedeck.errors import DeckError, Location

MAX_RASTER_SIDE = 8192  # px: 3× a 16:9 slide's width and then some
MAX_ELEMENTS = 20_000  # ten times a large diagram; 19,000 rectangles take ~1.5 s to draw
MAX_REFERENCES = 20_000  # <use> references drawn: 19,000 take ~3 s
TRIAL_SIDE = 64  # px: the plan draws every SVG once this small, so drawing problems are found before rendering
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*$")
_UNIT_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
_NOT_DRAWN = frozenset({"defs", "symbol"})  # drawn only where a <use> refers to them


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


def svg_overload(path: Path) -> str:
    """What makes the SVG too costly to draw ('' if nothing): more than MAX_ELEMENTS elements, or `<use>`
    references that draw more than MAX_REFERENCES or refer to each other in a loop. Raises as svg_size."""
    root: Element | None = None
    by_id: dict[str, Element] = {}
    for count, (_, element) in enumerate(iterparse(path, events=("start",)), 1):
        if count > MAX_ELEMENTS:
            return (
                f"SVG image {path} has more than {MAX_ELEMENTS:,} elements, far more than a diagram needs and too "
                "many to draw in reasonable time; simplify it, or export it as PNG"
            )
        root = element if root is None else root
        if (name := element.get("id")) is not None:
            by_id.setdefault(name, element)
    drawn = _drawn_references(root, by_id) if root is not None else 0
    if drawn is None:
        return f"SVG image {path} has <use> elements that refer to each other in a loop; remove the loop"
    if drawn > MAX_REFERENCES:
        return (
            f"SVG image {path} draws {drawn:,} <use> references (nested ones counted as often as drawn), more "
            f"than the {MAX_REFERENCES:,} allowed; simplify it, or export it as PNG"
        )
    return ""


def _drawn_references(root: Element, by_id: dict[str, Element]) -> int | None:
    """How many `<use>` references drawing `root` follows, each nested one as often as it is drawn;
    None for a loop. A depth-first walk without recursion (nesting may be thousands deep), each element once."""
    counts: dict[Element, int] = {}
    walking: set[Element] = set()
    stack = [(root, False)]
    while stack:
        element, finished = stack.pop()
        target = _use_target(element, by_id)
        if finished:
            walking.discard(element)
            own = 1 + counts[target] if target is not None else 0
            counts[element] = own + sum(counts[child] for child in element if _tag(child) not in _NOT_DRAWN)
        elif element in walking:
            return None
        elif element not in counts:
            walking.add(element)
            stack += [
                (element, True),
                *((dependency, False) for dependency in (*element, target) if dependency is not None),
            ]
    return counts[root]


def _use_target(element: Element, by_id: dict[str, Element]) -> Element | None:
    """The element a `<use>` refers to within the file (`href="#id"`), else None."""
    if _tag(element) != "use":
        return None
    href = next((value for name in _HREFS if (value := element.get(name))), "")
    return by_id.get(href[1:]) if href.startswith("#") else None


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


def _tag(element: Element) -> str:
    """The element's name without its namespace."""
    return element.tag.rpartition("}")[2]
