"""Math: a display formula (LaTeX; MathJax in the HTML, matplotlib's mathtext picture in the PPTX), an
optional sentence leading into it above, optional explanation bullets under it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.kinds.text import Intro, intro_blocks
from lecturedeck.mathtext import display_height, rows_tall
from lecturedeck.outline.fields import BulletItem, Formula, SlideBase
from lecturedeck.plan.metrics import MATH_ROW_EM
from lecturedeck.plan.model import Block, MathBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer


class MathSlide(SlideBase):
    """A display formula (LaTeX), with the sentence that leads into it above and explanations below."""

    kind: Literal["math"]
    # what leads into the formula ("The attention of a query over all keys is:"): paragraphs above it
    intro: Intro = []
    formula: Formula
    items: list[BulletItem] = []


def plan(spec: MathSlide, folder: Path) -> tuple[Block, ...]:
    return (*intro_blocks(spec.intro), MathBlock(spec.formula.strip()), *bullets(spec.items))


def height(ms: Measurer, block: MathBlock, width: float, box_h: float) -> float:
    """The height the formula needs (fractions and limits are taller), the same in both outputs."""
    return display_height(block.latex, ms.theme.sizes.base, MATH_ROW_EM)


def lines(ms: Measurer, block: MathBlock, width: float) -> int:
    """Rows of text the formula stacks (its own rows and those of an environment in it)."""
    return rows_tall(block.latex)


KIND = Kind(
    name="math",
    spec=MathSlide,
    block=MathBlock,
    plan=plan,
    height=height,
    split=None,
    lines=lines,
    layout=None,
    pptx="lecturedeck.kinds.math.pptx:add_math",
)
