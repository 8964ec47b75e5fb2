"""Quote: a quotation in a box behind an accent bar, its source under it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.outline.fields import OptionalText, SlideBase, Text
from lecturedeck.plan import metrics as m
from lecturedeck.plan.metrics import box_inner_width
from lecturedeck.plan.model import Block, QuoteBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


class QuoteSlide(SlideBase):
    kind: Literal["quote"]
    quote: Text
    source: OptionalText = ""


def plan(spec: QuoteSlide, folder: Path) -> tuple[Block, ...]:
    return (QuoteBlock(parse_inline(spec.quote), parse_inline(spec.source)),)


def height(ms: Measurer, block: QuoteBlock, width: float, box_h: float) -> float:
    inner = box_inner_width(width, quote=True)
    source = ms.text_height(block.source, inner, size=ms.theme.sizes.small)
    return 2 * m.BOX_PADDING + ms.text_height(block.text, inner) + (ms.gap + source if source else 0.0)


def lines(ms: Measurer, block: QuoteBlock, width: float) -> int:
    inner = box_inner_width(width, quote=True)
    return (
        ms.lines(block.text, ms.theme.sizes.base, inner).count
        + ms.lines(block.source, ms.theme.sizes.small, inner).count
    )


def split(
    pg: Paginator, block: QuoteBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    """The source goes with the last part."""
    if not pg.must_cut(block, width, fresh, force):
        return None, block
    inner = box_inner_width(width, quote=True)
    head, tail = pg.split_text(block.text, room - 2 * m.BOX_PADDING, inner, force)
    if not head or not tail:
        return (block, None) if force else (None, block)
    return QuoteBlock(head), QuoteBlock(tail, block.source)


def words(ms: Measurer, block: QuoteBlock, width: float, lang: str) -> QuoteBlock:
    inner = box_inner_width(width, quote=True)
    z = ms.theme.sizes
    return QuoteBlock(
        ms.fit_words(block.text, z.base, inner, False, lang), ms.fit_words(block.source, z.small, inner, False, lang)
    )


KIND = Kind(
    name="quote",
    spec=QuoteSlide,
    block=QuoteBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    words=words,
    layout=None,
    pptx="lecturedeck.kinds.quote.pptx:add_quote",
)
