"""Background images: text over a picture keeps WCAG contrast (4.5:1) against what is really behind it.

The picture is sampled where the slide's text goes (title, frames and footer), each place on its own.
`overlay: auto` keeps the theme's text colours over a lightening scrim (the theme's background colour,
translucent) where the picture behind the text is light, and switches to light text over a darkening
scrim where it is dark; `light` and `dark` force one of the two, `none` draws the picture as it is. The
scrim is as opaque as needed for the darkest (or lightest) tenth of the pixels behind the text, and no
more.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lecturedeck.errors import DeckError
from lecturedeck.layout.model import Backdrop, Palette
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import ImageBlock, Slide
from lecturedeck.plan.svgimage import svg_png
from lecturedeck.themes import Theme
from lecturedeck.themes.colors import contrast_ratio, mix

if TYPE_CHECKING:
    from PIL import Image

TARGET = 4.6  # contrast to reach: WCAG AA (4.5:1) with a little margin for rendering differences
SHORTFALL = 0.97  # a colour below TARGET on the theme's own background must keep 97% of its contrast there
SAMPLE_WIDTH = 160  # px: the picture is sampled at this width (as it covers the slide)
DARK_SCRIM = "#000000"
STEP = 0.05


def backdrop_of(slide: Slide, text_boxes: tuple[Box, ...], theme: Theme) -> tuple[Backdrop | None, Palette | None]:
    """The slide's background image with the scrim its text needs, and the text colours to use over it."""
    image = next((b for b in slide.blocks if isinstance(b, ImageBlock) and b.placement == "background"), None)
    if image is None:
        return None, None
    if image.overlay == "none":
        return Backdrop(image), None
    try:
        dark, median, light = _behind(image.path, text_boxes, theme)
    except DeckError as exc:
        raise DeckError(exc.message, slide.source) from None
    c = theme.colors
    normal = (c.text, c.heading, c.accent, c.muted, c.link)
    inverted = (c.lead_text,) if _is_light(c.lead_text) else ("#FFFFFF",)
    light_alpha = _alpha(normal, c.background, dark, c.background)
    dark_alpha = _alpha(inverted, DARK_SCRIM, light, DARK_SCRIM)
    use_dark = image.overlay == "dark" or (image.overlay == "auto" and not _is_light(median))
    if use_dark:
        colour = inverted[0]
        palette = Palette(colour, colour, colour, colour, colour, inverted=True)
        return Backdrop(image, DARK_SCRIM if dark_alpha else None, dark_alpha), palette
    return Backdrop(image, c.background if light_alpha else None, light_alpha), None


def _is_light(colour: str) -> bool:
    return contrast_ratio(colour, "#000000") > contrast_ratio(colour, "#FFFFFF")


def _alpha(foregrounds: tuple[str, ...], scrim: str, worst: str, reference: str) -> float:
    """The least scrim opacity (in steps) at which every foreground reaches TARGET against `worst` (or, for
    a colour that does not reach TARGET even on the theme's own `reference` background, what it has there)."""
    targets = [min(TARGET, contrast_ratio(fg, reference) * SHORTFALL) for fg in foregrounds]
    alpha = 0.0
    while alpha < 1.0:
        behind = mix(scrim, worst, alpha)
        if all(contrast_ratio(fg, behind) >= t for fg, t in zip(foregrounds, targets, strict=True)):
            return round(alpha, 2)
        alpha += STEP
    return 1.0


def _behind(path: Path, boxes: tuple[Box, ...], theme: Theme) -> tuple[str, str, str]:
    """The darkest tenth and the lightest tenth of the picture's pixels behind the worst of the text boxes
    (each box counts on its own, so a small footer over a bright corner is not outvoted by a large body),
    and the median behind all of them."""
    picture = _cover(path, theme.slide.width, theme.slide.height)
    scale = picture.width / theme.slide.width
    regions: list[list[tuple[float, tuple[int, int, int]]]] = []
    for box in boxes:
        x0, y0 = max(0, int(box.x * scale)), max(0, int(box.y * scale))
        x1, y1 = min(picture.width, int((box.x + box.w) * scale) + 1), min(picture.height, int(box.bottom * scale) + 1)
        if x1 > x0 and y1 > y0:
            regions.append(sorted(_pixels(picture.crop((x0, y0, x1, y1))), key=lambda s: s[0]))
    if not regions:
        regions = [sorted(_pixels(picture), key=lambda s: s[0])]
    darkest = min((r[len(r) // 10] for r in regions), key=lambda s: s[0])
    lightest = max((r[len(r) - 1 - len(r) // 10] for r in regions), key=lambda s: s[0])
    everything = sorted((s for r in regions for s in r), key=lambda s: s[0])
    return _hex(darkest[1]), _hex(everything[len(everything) // 2][1]), _hex(lightest[1])


def _pixels(image: Image.Image) -> list[tuple[float, tuple[int, int, int]]]:
    data = image.tobytes()
    pixels = [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]
    return [(_luma(p), p) for p in pixels]


def _luma(rgb: tuple[int, int, int]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb[:3])


@lru_cache(maxsize=32)
def _cover(path: Path, slide_w: int, slide_h: int) -> Image.Image:
    """The picture scaled to cover the slide (cropped evenly), SAMPLE_WIDTH px wide, in RGB."""
    image = _open(path)
    scale = max(slide_w / image.width, slide_h / image.height)
    w, h = image.width * scale, image.height * scale
    left, top = (w - slide_w) / 2 / scale, (h - slide_h) / 2 / scale
    crop = image.crop((round(left), round(top), round(left + slide_w / scale), round(top + slide_h / scale)))
    return crop.resize((SAMPLE_WIDTH, max(1, round(SAMPLE_WIDTH * slide_h / slide_w))))


def _open(path: Path) -> Image.Image:
    from PIL import Image  # only for slides with a photo behind their text

    if path.suffix.lower() == ".svg":
        return Image.open(io.BytesIO(svg_png(path, SAMPLE_WIDTH * 2, None))).convert("RGB")
    try:
        with Image.open(path) as image:
            image.draft("RGB", (SAMPLE_WIDTH * 2, SAMPLE_WIDTH * 2))  # JPEG: decode at a reduced size
            return image.convert("RGB")
    except OSError as exc:  # data damaged behind a sound header (the plan reads headers only)
        raise DeckError(f"cannot read image {path} ({exc}); re-export it as PNG or JPEG") from None
