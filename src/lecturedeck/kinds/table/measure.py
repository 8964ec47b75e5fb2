"""Measuring tables: the font size, column widths (every column at least as wide as its longest word
where possible) and row heights both renderers draw with."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lecturedeck.inline import Inline
from lecturedeck.plan import metrics as m
from lecturedeck.plan.model import TableBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer

EPSILON_PX = 0.01  # float noise when widths exactly fill a box
MIN_COLUMN_EM = 4  # no column narrower than 4 em of text at sizes.min (~4 CJK characters, ~8 Latin letters)


@lru_cache(maxsize=1024)
def _table_fit(ms: Measurer, table: TableBlock, width: float) -> tuple[float, float]:
    """(font size, horizontal cell padding) of a table `width` px wide: sizes.small with the normal
    padding, or a smaller size (never below sizes.min), then the compact padding, until every column
    can be as wide as its longest word (bold in the header, padding included).

    A table whose longest words do not fit side by side even so is set at sizes.min with compact
    padding, and the fit step hyphenates what does not fit (`fit_words` at `table_cell_widths`)."""
    sizes = ms.theme.sizes
    for pad in (m.CELL_PAD_X, m.COMPACT_CELL_PAD_X):
        size = float(sizes.small)
        while size > sizes.min and sum(_table_minimums(ms, table, size, pad)) > width + EPSILON_PX:
            size = max(float(sizes.min), size - 1)
        if sum(_table_minimums(ms, table, size, pad)) <= width + EPSILON_PX:
            return size, pad
    return float(sizes.min), m.COMPACT_CELL_PAD_X


def max_columns(ms: Measurer, width: float) -> int:
    """How many columns fit side by side in `width` px, each MIN_COLUMN_EM wide at sizes.min with compact
    padding (the narrowest a column is ever made): more cannot be shown readably."""
    return int(width // (MIN_COLUMN_EM * ms.theme.sizes.min + 2 * m.COMPACT_CELL_PAD_X))


def table_font_size(ms: Measurer, table: TableBlock, width: float) -> float:
    """Font size in px every cell is drawn at, header included (line height spacing.line_height)."""
    return _table_fit(ms, table, width)[0]


def table_cell_padding(ms: Measurer, table: TableBlock, width: float) -> float:
    """Left and right padding in px of every cell (CELL_PAD_X, or COMPACT_CELL_PAD_X in a tight table)."""
    return _table_fit(ms, table, width)[1]


def table_column_widths(ms: Measurer, table: TableBlock, width: float) -> tuple[float, ...]:
    """Column widths in px (summing to `width`) at `table_font_size`.

    Every column is at least as wide as its longest word (plus cell padding) whenever those
    minimums fit side by side; the width left over goes to columns in proportion to their
    unwrapped text. When the minimums do not fit even at sizes.min, the columns with the longest
    words are narrowed equally (short words and numbers keep their width) and the fit step
    hyphenates what no longer fits. Inserted soft hyphens and zero-width spaces do not change
    the result, so a fitted table keeps the widths it was hyphenated for.

    Renderers must use these (CSS `table-layout: fixed` with <col> widths; PPTX column widths).
    """
    rows = (table.header, *table.rows)
    ncols = max((len(r) for r in rows), default=0)
    if not ncols:
        return ()
    size, pad = table_font_size(ms, table, width), table_cell_padding(ms, table, width)
    natural = [
        max((ms.text_width(r[c], size, bold=r is table.header) for r in rows if c < len(r)), default=0.0) + 2 * pad
        for c in range(ncols)
    ]
    minimum = _table_minimums(ms, table, size, pad)
    if sum(minimum) > width:
        return _water_fill(minimum, width)
    if sum(natural) <= width:
        return tuple(width * n / sum(natural) for n in natural)
    share = width * m.MIN_TABLE_COLUMN_SHARE / ncols
    floors = [max(share, f) for f in minimum]
    if sum(floors) > width:
        floors = minimum
    fixed: dict[int, float] = {}  # columns held at their floor
    while True:
        free = [c for c in range(ncols) if c not in fixed]
        if not free:
            return _spread(tuple(fixed[c] for c in range(ncols)), width)
        scale = (width - sum(fixed.values())) / sum(natural[c] for c in free)
        narrow = [c for c in free if natural[c] * scale < floors[c]]
        if not narrow:
            return tuple(fixed.get(c, natural[c] * scale) for c in range(ncols))
        fixed.update((c, floors[c]) for c in narrow)


def table_cell_widths(ms: Measurer, table: TableBlock, width: float) -> tuple[float, ...]:
    """Text widths inside the cells of each column (column width minus padding)."""
    pad = table_cell_padding(ms, table, width)
    return tuple(w - 2 * pad for w in table_column_widths(ms, table, width))


def _table_minimums(ms: Measurer, table: TableBlock, size: float, pad: float) -> list[float]:
    """Per column: its longest word as written at `size` px (inserted breaks ignored), plus `pad` each side."""
    rows = (table.header, *table.rows)
    ncols = max((len(r) for r in rows), default=0)
    return [
        max(
            (ms.longest_word(r[c], size, bold=r is table.header, breaks=False) for r in rows if c < len(r)),
            default=0.0,
        )
        + 2 * pad
        for c in range(ncols)
    ]


def row_height(
    ms: Measurer,
    row: tuple[Inline, ...],
    widths: tuple[float, ...],
    header: bool,
    size: float | None = None,
    pad: float = m.CELL_PAD_X,
) -> float:
    """Height of one table row whose columns are `widths` px wide (from `table_column_widths`),
    at `size` px (pass `table_font_size`; sizes.small if omitted) with `pad` px of cell padding
    each side (pass `table_cell_padding`), header cells bold."""
    size = size or ms.theme.sizes.small
    cells = zip(row, widths, strict=False)
    lines = max((ms.lines(c, size, w - 2 * pad, bold=header).count for c, w in cells), default=0)
    return max(lines, 1) * size * ms.theme.spacing.line_height + 2 * m.CELL_PAD_Y + m.CELL_BORDER


def table_row_lines(ms: Measurer, table: TableBlock, width: float) -> tuple[int, ...]:
    """Lines of text each row wraps to (header first if there is one)."""
    widths, size = table_column_widths(ms, table, width), table_font_size(ms, table, width)
    pad = table_cell_padding(ms, table, width)
    rows = ((table.header, True),) if table.header else ()
    return tuple(
        max(1, *(ms.lines(c, size, w - 2 * pad, bold=h).count for c, w in zip(r, widths, strict=False)))
        for r, h in (*rows, *((r, False) for r in table.rows))
    )


def table_height_at_least(ms: Measurer, table: TableBlock) -> float:
    """A lower bound of the table's height, whatever its widths: every row one line at sizes.min."""
    row = ms.theme.sizes.min * ms.theme.spacing.line_height + 2 * m.CELL_PAD_Y + m.CELL_BORDER
    return row * (len(table.rows) + (1 if table.header else 0))


def table_height(ms: Measurer, table: TableBlock, width: float) -> float:
    widths = table_column_widths(ms, table, width)
    size, pad = table_font_size(ms, table, width), table_cell_padding(ms, table, width)
    header = row_height(ms, table.header, widths, header=True, size=size, pad=pad) if table.header else 0.0
    return header + sum(row_height(ms, r, widths, header=False, size=size, pad=pad) for r in table.rows)


def _water_fill(minimum: list[float], width: float) -> tuple[float, ...]:
    """Widths summing to `width` that keep the smallest minimums and cap the largest at one level."""
    order = sorted(minimum)
    left, rest = width, len(order)
    cap = width / len(order)
    for w in order:
        if w * rest > left:
            cap = left / rest
            break
        left -= w
        rest -= 1
    return tuple(min(w, cap) for w in minimum)


def _spread(widths: tuple[float, ...], width: float) -> tuple[float, ...]:
    """Widths scaled to sum to `width` exactly."""
    total = sum(widths)
    return tuple(w * width / total for w in widths) if total else widths
