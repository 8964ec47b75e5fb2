"""Definition: a term and its definition in a box behind an accent bar, optional bullets under it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.outline.fields import BulletItem, Revealable, SlideBase, Text
from lecturedeck.plan import metrics as m
from lecturedeck.plan.metrics import box_inner_width
from lecturedeck.plan.model import Block, DefinitionBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator

MAX_TERM_LENGTH = 120  # a term is a heading, not a paragraph: longer text belongs in `definition`


class DefinitionSlide(SlideBase, Revealable):
    kind: Literal["definition"]
    term: Annotated[Text, Field(max_length=MAX_TERM_LENGTH)]
    definition: Text
    items: list[BulletItem] = []


def plan(spec: DefinitionSlide, folder: Path) -> tuple[Block, ...]:
    return (DefinitionBlock(parse_inline(spec.term), parse_inline(spec.definition)), *bullets(spec.items))


def height(ms: Measurer, block: DefinitionBlock, width: float, box_h: float) -> float:
    inner = box_inner_width(width)
    parts = [h for h in (ms.text_height(block.term, inner, bold=True), ms.text_height(block.body, inner)) if h]
    return 2 * m.BOX_PADDING + sum(parts) + ms.gap * max(0, len(parts) - 1)


def lines(ms: Measurer, block: DefinitionBlock, width: float) -> int:
    base, inner = ms.theme.sizes.base, box_inner_width(width)
    return ms.lines(block.term, base, inner, bold=True).count + ms.lines(block.body, base, inner).count


def split(
    pg: Paginator, block: DefinitionBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    """The term stays on the first part; the body continues in a box without a term."""
    if not pg.must_cut(block, width, fresh, force):
        return None, block
    inner = box_inner_width(width)
    term = pg.m.text_height(block.term, inner, bold=True)
    chrome = 2 * m.BOX_PADDING + (term + pg.m.gap if term else 0.0)
    head, tail = pg.split_text(block.body, room - chrome, inner, force)
    if not head:
        return (block, None) if force else (None, block)
    return DefinitionBlock(block.term, head), (DefinitionBlock((), tail) if tail else None)


def words(ms: Measurer, block: DefinitionBlock, width: float, lang: str) -> DefinitionBlock:
    base, inner = ms.theme.sizes.base, box_inner_width(width)
    return DefinitionBlock(
        ms.fit_words(block.term, base, inner, True, lang), ms.fit_words(block.body, base, inner, False, lang)
    )


KIND = Kind(
    name="definition",
    spec=DefinitionSlide,
    block=DefinitionBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    words=words,
    layout=None,
    pptx="lecturedeck.kinds.definition.pptx:add_definition",
)
