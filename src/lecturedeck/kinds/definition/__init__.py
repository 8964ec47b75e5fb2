"""Definition: a term and its definition in a box behind an accent bar, optional bullets under it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.bullets import bullets
from lecturedeck.outline.fields import BulletItem, SlideBase, Text
from lecturedeck.plan.model import Block, DefinitionBlock

MAX_TERM_LENGTH = 120  # a term is a heading, not a paragraph: longer text belongs in `definition`


class DefinitionSlide(SlideBase):
    kind: Literal["definition"]
    term: Annotated[str, Field(min_length=1, max_length=MAX_TERM_LENGTH)]
    definition: Text
    items: list[BulletItem] = []


def plan(spec: DefinitionSlide, folder: Path) -> tuple[Block, ...]:
    return (DefinitionBlock(parse_inline(spec.term), parse_inline(spec.definition)), *bullets(spec.items))


def height(ms, block: DefinitionBlock, width: float, box_h: float) -> float:  # type: ignore[no-untyped-def]
    return ms.definition_height(block, width)


def split(pg, block, room, width, fresh, force):  # type: ignore[no-untyped-def]
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
