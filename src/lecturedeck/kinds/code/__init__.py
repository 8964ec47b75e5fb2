"""Code: a listing in the theme's mono font with syntax colours, optional line numbers and highlighted
lines; the font shrinks (not below sizes.min) until the widest line fits; split by lines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationInfo, field_validator

from lecturedeck.kinds import Kind
from lecturedeck.kinds.code.lines import LineSelection, listing_lines, selected_lines
from lecturedeck.kinds.code.measure import code_font_size, code_height, code_too_wide
from lecturedeck.kinds.code.tokens import code_lines
from lecturedeck.layout.model import CodeGeometry
from lecturedeck.outline.fields import Code, OptionalText, SlideBase
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import Block, CodeBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer
    from lecturedeck.plan.paginate import Paginator


class CodeSlide(SlideBase):
    kind: Literal["code"]
    language: OptionalText = "text"
    code: Code
    line_numbers: bool = False
    highlight: tuple[int, ...] = ()  # sorted line numbers; written as 3, "6-8", "3,6-8" or [3, "6-8"]

    @field_validator("highlight", mode="before", json_schema_input_type=LineSelection)
    @classmethod
    def _lines(cls, value: object, info: ValidationInfo) -> tuple[int, ...]:
        code = info.data.get("code")  # validated before `highlight`; absent if it was wrong
        return selected_lines(value, listing_lines(code) if isinstance(code, str) else None)


def plan(spec: CodeSlide, folder: Path) -> tuple[Block, ...]:
    return (CodeBlock(spec.language, spec.code.rstrip("\n"), spec.line_numbers, spec.highlight),)


ORPHAN_CODE_LINES = 3  # a listing is not cut so that fewer lines than this go on


def height(ms: Measurer, block: CodeBlock, width: float, box_h: float) -> float:
    return code_height(ms, block, width)


def lines(ms: Measurer, block: CodeBlock, width: float) -> int:
    return sum(1 for line in block.code.split("\n") if line.strip())


def _with_lines(block: CodeBlock, lines: tuple[str, ...], skipped: int) -> CodeBlock:
    """The listing's `lines`, `skipped` lines after its start; blank lines at the end of a part are not
    shown (the cut falls after them)."""
    while len(lines) > 1 and not lines[-1].strip():
        lines = lines[:-1]
    return replace(block, code="\n".join(lines), first_line=block.first_line + skipped)


def split(
    pg: Paginator, block: CodeBlock, room: float, width: float, fresh: float, force: bool
) -> tuple[Block | None, Block | None]:
    """By lines, at the best boundary (`code_cut`); continuations keep language, line numbers and
    highlights, and `first_line` advances."""
    return pg.rows(
        block,
        tuple(block.code.split("\n")),
        lambda ls, skipped: _with_lines(block, ls, skipped),
        room,
        width,
        fresh,
        force,
        cut=code_cut,
    )


def code_cut(lines: tuple[str, ...], most: int) -> int:
    """Where to cut a listing whose first `most` lines fit: the continuation starts at the best
    boundary in the second half of that room — a line at the listing's lowest indentation after a
    blank line (a new top-level definition), else any line after a blank line, else a line at the
    lowest indentation — and never leaves the continuation only one or two lines (unless that is
    all there is). Ties go to the latest cut (the fullest part)."""
    n = len(lines)
    indents = [len(line) - len(line.lstrip()) for line in lines]
    base = min((i for i, line in zip(indents, lines, strict=True) if line.strip()), default=0)

    def score(k: int) -> int:
        if not lines[k].strip():
            return -1  # a continuation starting with blank lines
        after_blank = not lines[k - 1].strip()
        top = indents[k] == base
        value = 3 if after_blank and top else 2 if after_blank else 1 if top and _closed(lines[k]) else 0
        return value - (2 if 0 < n - k < ORPHAN_CODE_LINES else 0)

    low = max(1, (most + 1) // 2)
    return max(range(low, most + 1), key=lambda k: (score(k), k))


def _closed(line: str) -> bool:
    """A top-level line that does not continue the statement before it (no closing bracket)."""
    return not line.lstrip().startswith((")", "]", "}", "else", "elif", "except", "finally", "catch"))


def layout(block: CodeBlock, box: Box, region: Box, ms: Measurer, lang: str) -> CodeGeometry:
    return CodeGeometry(code_font_size(ms, block, box.w), code_lines(block))


KIND = Kind(
    name="code",
    spec=CodeSlide,
    block=CodeBlock,
    plan=plan,
    height=height,
    split=split,
    lines=lines,
    layout=layout,
    pptx="lecturedeck.kinds.code.pptx:add_code",
    oversize=code_too_wide,
)
