"""Code: a listing in the theme's mono font with syntax colours, optional line numbers and highlighted
lines; the font shrinks (not below sizes.min) until the widest line fits; split by lines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from lecturedeck.kinds import Kind
from lecturedeck.layout.model import CodeGeometry
from lecturedeck.outline.fields import SlideBase, Text
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import Block, CodeBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


class CodeSlide(SlideBase):
    kind: Literal["code"]
    language: str = "text"
    code: Text
    line_numbers: bool = False
    highlight: list[Annotated[int, Field(ge=1)]] = []


def plan(spec: CodeSlide, folder: Path) -> tuple[Block, ...]:
    return (CodeBlock(spec.language, spec.code.rstrip("\n"), spec.line_numbers, tuple(spec.highlight)),)


def height(ms: Measurer, block: CodeBlock, width: float, box_h: float) -> float:
    return ms.code_height(block, width)


def split(
    pg: Paginator, block: Block, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    return pg.split(block, room, width, fresh, force)


def layout(block: CodeBlock, box: Box, region: Box, ms: Measurer, lang: str) -> CodeGeometry:
    return CodeGeometry(ms.code_font_size(block, box.w))


KIND = Kind(
    name="code",
    spec=CodeSlide,
    block=CodeBlock,
    plan=plan,
    height=height,
    split=split,
    layout=layout,
    pptx="lecturedeck.kinds.code.pptx:add_code",
)
