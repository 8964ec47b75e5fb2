"""Building blocks of the outline format shared by every slide kind: strict models, text fields,
bullets with nesting, the fields every slide has (`title`, `notes`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from lecturedeck.outline.text_policy import check_code, check_formula, check_notes, check_text


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean), so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _scalar_text(value: object) -> object:
    """A number as written; an empty YAML value (`~`) as empty text; anything else unchanged (mappings and
    lists are then reported as not text)."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int | float) else value


def _blank_as_empty(value: object) -> object:
    """Text of only spaces (any Unicode space: no-break, ideographic …) as empty text, which a required
    field refuses: it would show as an empty bullet, cell or title."""
    return "" if isinstance(value, str) and value.strip() == "" else value


# Every text field has one of these types, so each gets the text policy (outline.text_policy) and its limit.
Text = Annotated[str, Field(min_length=1), BeforeValidator(_blank_as_empty), BeforeValidator(check_text)]
OptionalText = Annotated[str, BeforeValidator(check_text)]
# a table cell, a year: any scalar, as written; an empty one (~) is empty text
Label = Annotated[OptionalText, BeforeValidator(_scalar_text, json_schema_input_type=OptionalText | None)]
RequiredLabel = Annotated[Text, BeforeValidator(_scalar_text, json_schema_input_type=Text)]  # one that must be given
Notes = Annotated[str, BeforeValidator(check_notes)]  # speaker notes: new lines kept
Code = Annotated[str, Field(min_length=1), BeforeValidator(check_code)]  # a listing or a diagram: tabs kept
Formula = Annotated[str, Field(min_length=1), BeforeValidator(check_formula)]  # display LaTeX: rows on new lines


def _item_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Item(Strict):
    """A bullet: plain text, or `{text, items}` with nested bullets."""

    text: Text
    items: list[BulletItem] = []


BulletItem = Annotated[Item, BeforeValidator(_item_from_text, json_schema_input_type=Text | Item)]


class SlideBase(Strict):
    title: Text
    notes: Notes = ""


class Revealable(Strict):
    """A kind whose items can appear one at a time (`reveal: true`); unset, the lecture's or course's
    `reveal:` decides."""

    reveal: bool | None = None


def depth(items: list[Item]) -> int:
    """How many levels a list of bullets nests (1: no nesting)."""
    return 1 + max((depth(i.items) for i in items if i.items), default=0)


def nested_at_most(items: list[Item], levels: int, problem: str) -> list[Item]:
    """The items, if they nest at most `levels` deep; a validation error saying `problem` otherwise."""
    if depth(items) > levels:
        raise ValueError(problem)
    return items
