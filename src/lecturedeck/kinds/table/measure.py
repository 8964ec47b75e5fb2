"""Measuring tables: the font size, column widths (every column at least as wide as its longest word
where possible) and row heights both renderers draw with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lecturedeck.inline import Inline
from lecturedeck.plan import metrics as m
from lecturedeck.plan.model import TableBlock

if TYPE_CHECKING:
    from lecturedeck.plan.measure import Measurer

EPSILON_PX = 0.01  # float noise when widths exactly fill a box


def table_font_size(ms: Measurer, table: TableBlock, width: float) -> float:
    """Font size in px of a table `width` px wide: sizes.small, or smaller (never below sizes.min)
    until every column can be as wide as its longest word (bold in the header, padding included).

    A table whose longest words do not fit side by side even at sizes.min is set at sizes.min,
    and the fit step hyphenates what does not fit (`fit_words` at `table_cell_widths`).
    Renderers draw every cell at this size, header included (line height spacing.line_height).
    """
    sizes = ms.theme.sizes
    size = float(sizes.small)
    while size > sizes.min and sum(_table_minimums(ms, table, size)) > width + EPSILON_PX:
        size = max(float(sizes.min), size - 1)
    return size


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
    size = table_font_size(ms, table, width)
    natural = [
        max((ms.text_width(r[c], size, bold=r is table.header) for r in rows if c < len(r)), default=0.0)
        + 2 * m.CELL_PAD_X
        for c in range(ncols)
    ]
    minimum = _table_minimums(ms, table, size)
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
    return tuple(w - 2 * m.CELL_PAD_X for w in table_column_widths(ms, table, width))


def _table_minimums(ms: Measurer, table: TableBlock, size: float) -> list[float]:
    """Per column: its longest word as written at `size` px, plus the cell padding."""
    rows = (table.header, *table.rows)
    ncols = max((len(r) for r in rows), default=0)
    return [
        max(
            (ms.longest_word(r[c], size, bold=r is table.header, breaks=False) for r in rows if c < len(r)),
            default=0.0,
        )
        + 2 * m.CELL_PAD_X
        for c in range(ncols)
    ]


def row_height(
    ms: Measurer, row: tuple[Inline, ...], widths: tuple[float, ...], header: bool, size: float | None = None
) -> float:
    """Height of one table row whose columns are `widths` px wide (from `table_column_widths`),
    at `size` px (pass `table_font_size`; sizes.small if omitted), header cells bold."""
    size = size or ms.theme.sizes.small
    cells = zip(row, widths, strict=False)
    lines = max((ms.lines(c, size, w - 2 * m.CELL_PAD_X, bold=header).count for c, w in cells), default=0)
    return max(lines, 1) * size * ms.theme.spacing.line_height + 2 * m.CELL_PAD_Y + m.CELL_BORDER


def table_row_lines(ms: Measurer, table: TableBlock, width: float) -> tuple[int, ...]:
    """Lines of text each row wraps to (header first if there is one)."""
    widths, size = table_column_widths(ms, table, width), table_font_size(ms, table, width)
    rows = ((table.header, True),) if table.header else ()
    return tuple(
        max(1, *(ms.lines(c, size, w - 2 * m.CELL_PAD_X, bold=h).count for c, w in zip(r, widths, strict=False)))
        for r, h in (*rows, *((r, False) for r in table.rows))
    )


def table_height(ms: Measurer, table: TableBlock, width: float) -> float:
    widths = table_column_widths(ms, table, width)
    size = table_font_size(ms, table, width)
    header = row_height(ms, table.header, widths, header=True, size=size) if table.header else 0.0
    return header + sum(row_height(ms, r, widths, header=False, size=size) for r in table.rows)


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
