"""How wide inline `$…$` math is drawn, for measuring: a formula is one unbreakable unit in both outputs.

The HTML draws it with MathJax: one SVG as wide as the formula set in TeX's fonts, scaled so that its
x-height matches the text's. The PPTX writes it as Unicode runs (`mathtext.to_unicode`) in the text's Latin
font, its spaces no-break. Its width, for the measurer, is the wider of the two.
"""

from __future__ import annotations

from functools import lru_cache

from lecturedeck.latex.grid import layout
from lecturedeck.latex.problems import Problem
from lecturedeck.latex.structure import parse
from lecturedeck.mathtext import to_unicode
from lecturedeck.plan.fonts import GlyphWidths

# MathJax draws an inline formula 1.18-1.25 × as wide as matplotlib's mathtext sets it in text style (Computer
# Modern), measured in Chromium: O(n \log n) 1.23, a = b + c 1.25, x_1, x_2, \ldots, x_n 1.25, QK^T 1.20,
# \mathrm{softmax}(x) 1.18, e^{i\pi} + 1 = 0 1.22 (it matches the text's x-height, ≈ 1.19 × TeX's for Arial)
MATHJAX_SCALE = 1.25
REFERENCE_PX = 100.0  # size the formula is set at to measure it (widths scale with the size)


@lru_cache(maxsize=4096)
def mathjax_em(latex: str) -> float:
    """Width of inline `latex` as MathJax draws it, in em of the surrounding text (0 for a formula mathtext
    cannot set: the plan-time check reports it)."""
    try:
        box = layout(parse(latex), REFERENCE_PX, display=False)
    except (Problem, ValueError):
        return 0.0
    return box.width / REFERENCE_PX * MATHJAX_SCALE


def math_em(latex: str, glyphs: GlyphWidths) -> float:
    """Width of inline `latex` in em of the surrounding text, in the wider output: MathJax's drawing (HTML) or
    its Unicode runs at full size in `glyphs` (PPTX)."""
    unicode = sum(glyphs.em(ch) for run in to_unicode(latex) for ch in run.text)
    return max(mathjax_em(latex), unicode)
