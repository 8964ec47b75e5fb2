"""Display formulas → a crisp picture (matplotlib mathtext, 3× its displayed size) with the LaTeX as alt text."""

from __future__ import annotations

import io

from pptx.slide import Slide

from lecturedeck.layout.model import Frame, Palette
from lecturedeck.mathtext import DISPLAY_SCALE, display_height, render_png
from lecturedeck.plan.metrics import MATH_ROW_EM
from lecturedeck.plan.model import MathBlock
from lecturedeck.render.pptx.shapes import set_alt_text
from lecturedeck.render.pptx.text import Typesetter
from lecturedeck.render.pptx.units import emu


def add_math(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """The formula in the theme's text colour at DISPLAY_SCALE × the body size, centred in the height the
    fit step gave it (mathtext.display_height: tall enough for fractions and limits, the same height the
    HTML's MathJax gets), at the top of its box; shrunk only if wider than the box."""
    block, box = frame.block, frame.box
    assert isinstance(block, MathBlock)
    size = ts.theme.sizes.base
    image = render_png(block.latex, size * DISPLAY_SCALE, ts.theme.colors.text)
    slot = min(box.h, display_height(block.latex, size, MATH_ROW_EM))
    scale = min(1.0, box.w / image.width, slot / image.height)
    w, h = image.width * scale, image.height * scale
    x, y = box.x + (box.w - w) / 2, box.y + (slot - h) / 2
    picture = slide.shapes.add_picture(io.BytesIO(image.png), emu(x), emu(y), emu(w), emu(h))
    picture.name = "Formula"
    set_alt_text(picture, block.latex)
