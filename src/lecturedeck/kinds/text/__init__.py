"""Text: paragraphs of prose (a list, or one block of text with blank lines between paragraphs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.outline.fields import SlideBase, Text
from lecturedeck.plan.model import Block, ParagraphsBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


def _paragraphs_from_text(value: object) -> object:
    if isinstance(value, str):
        return [p for p in (part.strip() for part in value.split("\n\n")) if p]
    return value


class TextSlide(SlideBase):
    kind: Literal["text"]
    paragraphs: Annotated[list[Text], BeforeValidator(_paragraphs_from_text), Field(min_length=1)]


def plan(spec: TextSlide, folder: Path) -> tuple[Block, ...]:
    return (ParagraphsBlock(tuple(parse_inline(p) for p in spec.paragraphs)),)


def height(ms: Measurer, block: ParagraphsBlock, width: float, box_h: float) -> float:
    return ms.paragraphs_height(block.paragraphs, width)


def split(
    pg: Paginator, block: Block, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    return pg.split(block, room, width, fresh, force)


KIND = Kind(
    name="text",
    spec=TextSlide,
    block=ParagraphsBlock,
    plan=plan,
    height=height,
    split=split,
    layout=None,
    pptx="lecturedeck.render.pptx.bullets:add_text",
)
