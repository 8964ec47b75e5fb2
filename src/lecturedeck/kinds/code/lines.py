"""Line selections of a listing (`highlight:`): a number, a range, or a list of both → sorted line numbers.

Accepted: `3`, `"12-14"`, `"3,6-8"`, `[3, "6-8"]` (1-based lines of the whole listing; `–` works like `-`).
Reversed ranges, line 0 and lines past the end of the listing are errors that say how to write it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

RANGE = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?")
HOW = 'write a line number, a range or a list of both, e.g. 3, "6-8" or [3, "6-8"]'
# The forms a selection is written in (the JSON Schema an editor checks `highlight:` with)
Piece = Annotated[int, Field(ge=1)] | Annotated[str, Field(pattern=rf"^{RANGE.pattern}(?:,{RANGE.pattern})*$")]
LineSelection = Piece | list[Piece]


def listing_lines(code: str) -> int:
    """How many lines a listing shows (trailing line breaks are not lines, as the planner drops them)."""
    return code.rstrip("\n").count("\n") + 1


def selected_lines(value: object, count: int | None) -> tuple[int, ...]:
    """The sorted, distinct line numbers `value` names in a listing of `count` lines (None: unknown, only the
    form is checked). Raises ValueError with a message for the lecturer."""
    pieces = value if isinstance(value, list) else [value]
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        if isinstance(piece, bool) or not isinstance(piece, int | str):
            raise ValueError(HOW)
        spans += (_span(part) for part in str(piece).split(","))
    if count is None:
        return ()
    for first, last in spans:
        if last > count:
            where = f"line {last} is" if first == last else f"lines {first}-{last} go"
            raise ValueError(
                f"{where} past the end of the listing, which has {count} lines: highlight lines 1 to {count}"
            )
    return tuple(sorted({line for first, last in spans for line in range(first, last + 1)}))


def _span(text: str) -> tuple[int, int]:
    """One `N` or `N-M` as (first, last)."""
    match = RANGE.fullmatch(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a line number or a range: {HOW}")
    first, last = int(match[1]), int(match[2] or match[1])
    if first < 1:
        raise ValueError("lines are numbered from 1 (the first line of the listing is 1)")
    if last < first:
        raise ValueError(f"the range {first}-{last} runs backwards: write {last}-{first}")
    return first, last
