"""Bullets: nested items (up to 3 levels), drawn as a real list (PPTX: paragraphs with levels); `numbered`
numbers the top-level items (steps)."""

from __future__ import annotations

from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError, field_validator

from lecturedeck.inline import Span, parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.kinds.text import Intro, intro_blocks
from lecturedeck.layout.model import ListGeometry
from lecturedeck.outline.fields import BulletItem, Item, Revealable, SlideBase, nested_at_most
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.metrics import NUMBER_GAP_EM
from lecturedeck.plan.model import Block, BulletsBlock, ListItem
from lecturedeck.plan.paginate import EPSILON, keep_with_next, leads_in

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator

MAX_BULLET_DEPTH = 3
MAX_FIRST_NUMBER = 999
WIDEST_USUAL_NUMBER = 10  # the number column is at least as wide as "10." (so 1–99 share one indent)
FirstNumber = Annotated[int, Field(ge=1, le=MAX_FIRST_NUMBER)]


def numbered_value(value: object) -> bool | int:
    """`numbered:` as written → true/false, or the first item's number (a whole number, 1 reads as true)."""
    text = value if isinstance(value, bool) else str(value).strip()
    if isinstance(text, str) and text.isascii() and text.isdigit() and int(text) >= 1:
        if int(text) > MAX_FIRST_NUMBER:
            raise ValueError(f"the first number can be at most {MAX_FIRST_NUMBER}")
        return int(text) if int(text) > 1 else True
    try:
        return TypeAdapter(bool).validate_python(text)
    except ValidationError:
        raise ValueError(
            "must be true (number the items 1, 2, 3 …), false (bullets) or the first item's number, "
            f"a whole number from 1 to {MAX_FIRST_NUMBER} (e.g. 'numbered: 4')"
        ) from None


class BulletsSlide(SlideBase, Revealable):
    kind: Literal["bullets"]
    intro: Intro = []  # what leads into the list ("训练分三步："), paragraphs above it
    items: list[BulletItem] = Field(min_length=1)
    # true: the top-level items are numbered 1, 2, 3 … (a number: the first one's); nested items stay bullets
    numbered: Annotated[
        bool | FirstNumber, BeforeValidator(numbered_value, json_schema_input_type=bool | FirstNumber)
    ] = False

    @field_validator("items")
    @classmethod
    def _max_depth(cls, items: list[Item]) -> list[Item]:
        problem = f"bullets nest at most {MAX_BULLET_DEPTH} levels deep; move deeper points into notes"
        return nested_at_most(items, MAX_BULLET_DEPTH, problem)


def first_number(numbered: bool | int) -> int | None:
    """The number a list's first item shows (None: bullets)."""
    if numbered is False:
        return None
    return 1 if numbered is True else numbered


def list_item(text: str, children: list[Item] | None = None) -> ListItem:
    """An outline bullet (and its nested bullets) as a planned list item."""
    return ListItem(parse_inline(text), tuple(list_item(c.text, c.items) for c in children or []))


def bullets(items: list[Item], start: int | None = None) -> tuple[Block, ...]:
    """Outline bullets as a bullets block (none for no bullets), numbered from `start` if given: other kinds'
    `items` use it too."""
    return (BulletsBlock(tuple(list_item(i.text, i.items) for i in items), start),) if items else ()


def plan(spec: BulletsSlide, folder: Path) -> tuple[Block, ...]:
    return (*intro_blocks(spec.intro), *bullets(spec.items, first_number(spec.numbered)))


def number_indent(ms: Measurer, block: BulletsBlock) -> float:
    """Where a numbered list's text starts: after its widest number ("10." at least) and a gap, and never
    nearer than a bullet's indent. Both renderers draw the numbers in this column (ListGeometry)."""
    assert block.start is not None
    last = max(block.start + len(block.items) - 1, WIDEST_USUAL_NUMBER)
    size = ms.theme.sizes.base
    widest = max(ms.text_width((Span(f"{n}."),), size) for n in (last, WIDEST_USUAL_NUMBER))
    return max(ms.theme.spacing.indent, float(ceil(widest + NUMBER_GAP_EM * size)))


def list_width(ms: Measurer, block: BulletsBlock, width: float) -> float:
    """The width the items measure in as if bulleted: a numbered list's wider number column taken off."""
    if block.start is None:
        return width
    return width - (number_indent(ms, block) - ms.theme.spacing.indent)


def layout(block: BulletsBlock, box: Box, region: Box, ms: Measurer, lang: str) -> ListGeometry | None:
    return ListGeometry(number_indent(ms, block)) if block.start is not None else None


def item_width(ms: Measurer, level: int, width: float) -> float:
    """Text width of a list item at nesting `level` (0 = top): each level indents once."""
    return width - (level + 1) * ms.theme.spacing.indent


def item_height(ms: Measurer, item: ListItem, level: int, width: float) -> float:
    """An item with all its children; every item below the first starts with a gap."""
    own = ms.text_height(item.text, item_width(ms, level, width))
    return own + sum(ms.gap + item_height(ms, c, level + 1, width) for c in item.children)


def items_height(ms: Measurer, items: tuple[ListItem, ...], level: int, width: float, first: bool) -> float:
    """Consecutive items; `first` if the first of them starts the block (no gap above it)."""
    total = sum(ms.gap + item_height(ms, i, level, width) for i in items)
    return total - ms.gap if first and items else total


def items_lines(ms: Measurer, items: tuple[ListItem, ...], level: int, width: float) -> int:
    w = item_width(ms, level, width)
    return sum(
        ms.lines(i.text, ms.theme.sizes.base, w).count + items_lines(ms, i.children, level + 1, width) for i in items
    )


def height(ms: Measurer, block: BulletsBlock, width: float, box_h: float) -> float:
    return items_height(ms, block.items, 0, list_width(ms, block, width), first=True)


def lines(ms: Measurer, block: BulletsBlock, width: float) -> int:
    return items_lines(ms, block.items, 0, list_width(ms, block, width))


def split_items(
    pg: Paginator,
    items: tuple[ListItem, ...],
    level: int,
    room: float,
    width: float,
    fresh: float,
    force: bool,
    first: bool,
) -> tuple[tuple[ListItem, ...], tuple[ListItem, ...]]:
    """Whole item groups that fit; a group taller than a fresh page is split among its children.

    A childless lead-in item (paginate.leads_in: a bold heading, or ending with a colon) never ends a page
    when the items it introduces go to the next one: it moves there with them (paginate.keep_with_next).
    A group continued on the next page keeps its place under an item with empty text, which renderers
    draw without a marker (nothing is repeated)."""
    gap = pg.m.gap
    used, k = 0.0, 0
    for item in items:
        h = item_height(pg.m, item, level, width) + (0.0 if first and not k else gap)
        if used + h > room + EPSILON:
            break
        used += h
        k += 1
    if 0 < k < len(items):
        k = keep_with_next([not item.children and leads_in(item.text) for item in items], k, force)
        if not k:
            return (), items
    if k:
        return items[:k], items[k:]
    group, lead = items[0], (0.0 if first else gap)
    if not force and lead + item_height(pg.m, group, level, width) <= fresh + EPSILON:
        return (), items
    room -= lead
    text_w = item_width(pg.m, level, width)
    own = pg.m.text_height(group.text, text_w)
    if own > room + EPSILON:
        head_text, tail_text = pg.split_text(group.text, room, text_w, force)
        if not head_text:
            return (), items
        rest = (ListItem(tail_text, group.children),) if tail_text or group.children else ()
        return (ListItem(head_text),), (*rest, *items[1:])
    kids_head, kids_tail = split_items(
        pg, group.children, level + 1, room - own, width, fresh, force and not group.text, first=False
    )
    if kids_head:
        rest = (ListItem((), kids_tail),) if kids_tail else ()
        return (ListItem(group.text, kids_head),), (*rest, *items[1:])
    if not group.text:
        return (), items
    return (ListItem(group.text),), (ListItem((), group.children), *items[1:])


def split(
    pg: Paginator, block: BulletsBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    list_w = list_width(pg.m, block, width)
    head, tail = split_items(pg, block.items, 0, room, list_w, fresh, force, first=True)
    # numbering goes on: the tail starts at the first item not wholly in the head (a split item keeps its number)
    tail_start = None if block.start is None else block.start + len(block.items) - len(tail)
    return (BulletsBlock(head, block.start) if head else None), (BulletsBlock(tail, tail_start) if tail else None)


def words(ms: Measurer, block: BulletsBlock, width: float, lang: str) -> BulletsBlock:
    base, width = ms.theme.sizes.base, list_width(ms, block, width)

    def fitted(items: tuple[ListItem, ...], level: int) -> tuple[ListItem, ...]:
        w = item_width(ms, level, width)
        return tuple(ListItem(ms.fit_words(i.text, base, w, False, lang), fitted(i.children, level + 1)) for i in items)

    return BulletsBlock(fitted(block.items, 0), block.start)


KIND = Kind(
    name="bullets",
    spec=BulletsSlide,
    block=BulletsBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    words=words,
    layout=layout,
    pptx="lecturedeck.render.pptx.bullets:add_text",
)
