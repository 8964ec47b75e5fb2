"""Building blocks of the outline format shared by every slide kind: strict models, text fields,
bullets with nesting, the fields every slide has (`title`, `notes`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean), so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1)]
OptionalText = str


def _item_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Item(Strict):
    """A bullet: plain text, or `{text, items}` with nested bullets."""

    text: Text
    items: list[BulletItem] = []


BulletItem = Annotated[Item, BeforeValidator(_item_from_text)]


class SlideBase(Strict):
    title: Text
    notes: OptionalText = ""


def depth(items: list[Item]) -> int:
    """How many levels a list of bullets nests (1: no nesting)."""
    return 1 + max((depth(i.items) for i in items if i.items), default=0)


def nested_at_most(items: list[Item], levels: int, problem: str) -> list[Item]:
    """The items, if they nest at most `levels` deep; a validation error saying `problem` otherwise."""
    if depth(items) > levels:
        raise ValueError(problem)
    return items
