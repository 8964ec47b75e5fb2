"""Definition: a term and its definition in a box behind an accent bar, optional bullets under it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.outline.fields import BulletItem, SlideBase, Text
from lecturedeck.plan.model import Block, DefinitionBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator

MAX_TERM_LENGTH = 120  # a term is a heading, not a paragraph: longer text belongs in `definition`


class DefinitionSlide(SlideBase):
    kind: Literal["definition"]
    term: Annotated[str, Field(min_length=1, max_length=MAX_TERM_LENGTH)]
    definition: Text
    items: list[BulletItem] = []


def plan(spec: DefinitionSlide, folder: Path) -> tuple[Block, ...]:
    return (DefinitionBlock(parse_inline(spec.term), parse_inline(spec.definition)), *bullets(spec.items))


def height(ms: Measurer, block: DefinitionBlock, width: float, box_h: float) -> float:
    return ms.definition_height(block, width)


def split(
    pg: Paginator, block: Block, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    return pg.split(block, room, width, fresh, force)


KIND = Kind(
    name="definition",
    spec=DefinitionSlide,
    block=DefinitionBlock,
    plan=plan,
    height=height,
    split=split,
    layout=None,
    pptx="lecturedeck.kinds.definition.pptx:add_definition",
)
