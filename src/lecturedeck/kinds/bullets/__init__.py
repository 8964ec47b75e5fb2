"""Bullets: nested items (up to 3 levels), drawn as a real list (PPTX: paragraphs with levels)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.outline.fields import BulletItem, Item, SlideBase, depth
from lecturedeck.plan.model import Block, BulletsBlock, ListItem

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator

MAX_BULLET_DEPTH = 3


class BulletsSlide(SlideBase):
    kind: Literal["bullets"]
    items: list[BulletItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _max_depth(cls, items: list[Item]) -> list[Item]:
        if depth(items) > MAX_BULLET_DEPTH:
            raise ValueError(f"bullets nest at most {MAX_BULLET_DEPTH} levels deep; move deeper points into notes")
        return items


def list_item(text: str, children: list[Item] | None = None) -> ListItem:
    """An outline bullet (and its nested bullets) as a planned list item."""
    return ListItem(parse_inline(text), tuple(list_item(c.text, c.items) for c in children or []))


def bullets(items: list[Item]) -> tuple[Block, ...]:
    """Outline bullets as a bullets block (none for no bullets): other kinds' `items` use it too."""
    return (BulletsBlock(tuple(list_item(i.text, i.items) for i in items)),) if items else ()


def plan(spec: BulletsSlide, folder: Path) -> tuple[Block, ...]:
    return bullets(spec.items)


def height(ms: Measurer, block: BulletsBlock, width: float, box_h: float) -> float:
    return ms.items_height(block.items, 0, width, first=True)


def split(
    pg: Paginator, block: Block, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    return pg.split(block, room, width, fresh, force)


KIND = Kind(
    name="bullets",
    spec=BulletsSlide,
    block=BulletsBlock,
    plan=plan,
    height=height,
    split=split,
    layout=None,
    pptx="lecturedeck.render.pptx.bullets:add_text",
)
