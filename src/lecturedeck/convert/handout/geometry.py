"""Where things go on a handout page: the page's margins and header, the grid of cells for each number of
slides a page, and how large a slide may be in its cell for any slide shape (handout.css reads these)."""

from __future__ import annotations

from dataclasses import dataclass

MARGINS = (10.0, 14.0, 12.0, 14.0)  # mm: top, right, bottom, left
HEADER = 10.0  # mm: the header line and the space below it
GAP = 6.0  # mm between cells
MIN_NOTES_SIZE = 7.0  # pt: notes are never set smaller; what does not fit then continues on a page of its own


@dataclass(frozen=True)
class Layout:
    """A page of `rows` × `columns` cells; in each a slide and its notes, beside it or below it. The slide
    takes at most `width_share` of its cell's width and `height_share` of its height."""

    rows: int
    columns: int
    beside: bool
    width_share: float
    height_share: float
    notes_size: float  # pt, before notes too long for their box are set smaller
    rule_pitch: float  # mm between ruled lines


LAYOUTS = {
    1: Layout(1, 1, False, 1.0, 0.55, 11, 8),
    2: Layout(2, 1, False, 1.0, 0.62, 10, 7),
    3: Layout(3, 1, True, 0.56, 1.0, 10, 7),  # slides left, notes right, as PowerPoint prints handouts
    4: Layout(2, 2, False, 1.0, 0.55, 9, 6),
    6: Layout(3, 2, False, 1.0, 0.65, 8.5, 6),
}


def slide_width(paper: tuple[float, float], layout: Layout, ratio: float) -> float:
    """The width in mm of a slide `ratio` times as wide as it is high, as large as its cell allows."""
    top, right, bottom, left = MARGINS
    width, height = paper[0] - left - right, paper[1] - top - bottom - HEADER
    cell_w = (width - (layout.columns - 1) * GAP) / layout.columns
    cell_h = (height - (layout.rows - 1) * GAP) / layout.rows
    return min(cell_w * layout.width_share, cell_h * layout.height_share * ratio)
