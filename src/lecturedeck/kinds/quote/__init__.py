"""Quote: a quotation in a box behind an accent bar, its source under it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind
from lecturedeck.outline.fields import OptionalText, SlideBase, Text
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
    return ms.quote_height(block, width)


def split(
    pg: Paginator, block: Block, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    return pg.split(block, room, width, fresh, force)


KIND = Kind(
    name="quote",
    spec=QuoteSlide,
    block=QuoteBlock,
    plan=plan,
    height=height,
    split=split,
    layout=None,
    pptx="lecturedeck.kinds.quote.pptx:add_quote",
)
