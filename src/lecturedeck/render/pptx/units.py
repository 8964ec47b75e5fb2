"""Theme lengths (CSS px) and colours ("#RRGGBB") → python-pptx values."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from lecturedeck.plan.geometry import EMU_PER_PX, Box

PT_PER_PX = 0.75  # 72 pt per inch / 96 px per inch


def emu(px: float) -> Emu:
    """A length in CSS px as EMU."""
    return Emu(round(px * EMU_PER_PX))


def pt(px: float) -> Pt:
    """A font size or line pitch in CSS px as points (rounded to the 1/100 pt DrawingML keeps)."""
    return Pt(round(px * PT_PER_PX, 2))


def rgb(color: str) -> RGBColor:
    """A theme colour "#RRGGBB" as an RGBColor."""
    return RGBColor.from_string(hex_colour(color))


def hex_colour(color: str) -> str:
    """A theme colour "#RRGGBB" as DrawingML writes it (`a:srgbClr val`): "RRGGBB", upper case."""
    return color.lstrip("#").upper()


def box_emu(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    """left, top, width, height of a box (or diagram rectangle), as python-pptx wants them."""
    return emu(box.x), emu(box.y), emu(box.w), emu(box.h)


def luminance(color: str) -> float:
    """Relative luminance (0 black … 1 white) of a theme colour, to pick light or dark styles."""
    r, g, b = (int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
