"""Text: paragraphs of prose (a list, or one block of text with blank lines between paragraphs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field

from lecturedeck.inline import Inline, parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.outline.fields import Revealable, SlideBase, Text
from lecturedeck.plan.model import Block, ParagraphsBlock
from lecturedeck.plan.paginate import EPSILON, keep_with_next, leads_in

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


def paragraphs_from_text(value: object) -> object:
    """One block of text with blank lines between paragraphs, as the list of its paragraphs."""
    if isinstance(value, str):
        return [p for p in (part.strip() for part in value.split("\n\n")) if p]
    return value


Paragraphs = Annotated[list[Text], Field(min_length=1)]
# the paragraphs that lead into another kind's own content (a list, a formula): a text, or a list of them
Intro = Annotated[list[Text], BeforeValidator(paragraphs_from_text, json_schema_input_type=Text | list[Text])]


class TextSlide(SlideBase, Revealable):
    kind: Literal["text"]
    paragraphs: Annotated[Paragraphs, BeforeValidator(paragraphs_from_text, json_schema_input_type=Text | Paragraphs)]


def plan(spec: TextSlide, folder: Path) -> tuple[Block, ...]:
    return (ParagraphsBlock(tuple(parse_inline(p) for p in spec.paragraphs)),)


def intro_blocks(intro: list[str]) -> tuple[Block, ...]:
    """An intro as the text block above the kind's own block (none for no intro)."""
    return (ParagraphsBlock(tuple(parse_inline(p) for p in intro)),) if intro else ()


def paragraphs_height(ms: Measurer, paragraphs: tuple[Inline, ...], width: float) -> float:
    if not paragraphs:
        return 0.0
    return sum(ms.text_height(p, width) for p in paragraphs) + ms.gap * (len(paragraphs) - 1)


def height(ms: Measurer, block: ParagraphsBlock, width: float, box_h: float) -> float:
    return paragraphs_height(ms, block.paragraphs, width)


def lines(ms: Measurer, block: ParagraphsBlock, width: float) -> int:
    return sum(ms.lines(p, ms.theme.sizes.base, width).count for p in block.paragraphs)


def split(
    pg: Paginator, block: ParagraphsBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    paras = block.paragraphs
    used, k = 0.0, 0
    for p in paras:
        h = pg.m.text_height(p, width) + (pg.m.gap if k else 0.0)
        if used + h > room + EPSILON:
            break
        used += h
        k += 1
    if 0 < k < len(paras):
        k = keep_with_next([leads_in(p) for p in paras], k, force)
        if not k:
            return None, block
    if k:
        return ParagraphsBlock(paras[:k]), ParagraphsBlock(paras[k:])
    if not force and pg.m.text_height(paras[0], width) <= fresh + EPSILON:
        return None, block
    head, tail = pg.split_text(paras[0], room, width, force)
    if not head:
        return None, block
    rest = (tail, *paras[1:]) if tail else paras[1:]
    return ParagraphsBlock((head,)), (ParagraphsBlock(rest) if rest else None)


def words(ms: Measurer, block: ParagraphsBlock, width: float, lang: str) -> ParagraphsBlock:
    return ParagraphsBlock(tuple(ms.fit_words(p, ms.theme.sizes.base, width, False, lang) for p in block.paragraphs))


KIND = Kind(
    name="text",
    spec=TextSlide,
    block=ParagraphsBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    words=words,
    layout=None,
    pptx="lecturedeck.render.pptx.bullets:add_text",
)
