"""Display formulas → a crisp picture (matplotlib mathtext, 3× its displayed size) with the LaTeX as alt text."""

from __future__ import annotations

import io

from pptx.slide import Slide

from lecturedeck.mathtext import render_png
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import MathBlock
from lecturedeck.render.pptx.text import Typesetter
from lecturedeck.render.pptx.units import emu

MATH_SCALE = 1.25  # mathtext sets formulas more compactly than MathJax: draw them 1.25 × body size


def add_math(slide: Slide, block: MathBlock, box: Box, ts: Typesetter) -> None:
    """The formula in the theme's text colour (shrunk if wider than the box or taller than measured), centred
    in the height the planner measured for it, at the top of its box."""
    size = ts.theme.sizes.base
    image = render_png(block.latex, size * MATH_SCALE, ts.theme.colors.text)
    slot = min(box.h, measurer(ts.theme).block_height(block, box.w, box.h))  # the height the fit step measured
    scale = min(1.0, box.w / image.width, slot / image.height)
    w, h = image.width * scale, image.height * scale
    x, y = box.x + (box.w - w) / 2, box.y + (slot - h) / 2
    picture = slide.shapes.add_picture(io.BytesIO(image.png), emu(x), emu(y), emu(w), emu(h))
    picture.name = "Formula"
    picture._element.nvPicPr.cNvPr.set("descr", block.latex)
