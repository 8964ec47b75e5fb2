"""Automatic fit: every slide's content fits its body box, split into continuation slides if needed.

Each content slide gets `title_lines` measured; content that does not fit moves to continuation
slides with the same title plus a mark in the course language ("（续）", " (cont.)"), `part=2,3…`,
and no speaker notes. `fit_deck` also reports slides that were split or are tight for `deck check`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from lecturedeck.errors import DeckError, Location, each
from lecturedeck.inline import Inline, Span, plain_text
from lecturedeck.kinds import kind_of
from lecturedeck.kinds.image.measure import image_height, image_width
from lecturedeck.plan.geometry import body_box, column_width
from lecturedeck.plan.labels import label
from lecturedeck.plan.measure import Measurer, measurer
from lecturedeck.plan.model import (
    Block,
    Deck,
    ImageBlock,
    Slide,
    SlideRole,
)
from lecturedeck.plan.paginate import EPSILON, Paginator
from lecturedeck.themes import Theme

FITTED_ROLES = frozenset({SlideRole.CONTENT, SlideRole.AGENDA, SlideRole.SUMMARY})
TIGHT_FILL = 0.9  # a part filled above 90% of its body box is reported as tight
ORPHAN_LINES = 3  # a continuation holds at least this many lines of text …
ORPHAN_MARGIN = 1.1  # … and clearly more than a third of the lines of the part before
BALANCE_PRECISION = 2.0  # px: how closely balancing finds the lowest page height
MAX_PAGES = 1000  # one outline slide becomes at most this many (a 5,000-row table becomes 455)
MIN_BODY_SHARE = 0.5  # a title may wrap until the body keeps half the height it has under a one-line title


@dataclass(frozen=True)
class FitNote:
    """What `deck check` reports about one outline slide."""

    source: Location | None
    title: str
    parts: int  # slides the outline slide became
    fill: float  # highest content height / body box height over its parts (graphics excluded)

    @property
    def split(self) -> bool:
        return self.parts > 1

    @property
    def tight(self) -> bool:
        return self.fill > TIGHT_FILL

    @property
    def message(self) -> str:
        """What happened to the slide, without its location."""
        what = f"split into {self.parts} slides" if self.split else "tight"
        return f"'{self.title}' {what} (fill {self.fill:.0%})"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


def continued_title(title: Inline, lang: str) -> Inline:
    """The title of a continuation slide: the same title plus the course language's mark."""
    return (*title, Span(label(lang, "continued")))


def fit_deck(deck: Deck, theme: Theme) -> tuple[Deck, list[FitNote]]:
    """The deck with every slide fitted, and notes on slides that were split or are tight. Slides that cannot be
    shown are located DeckErrors, all of them together."""
    fitted = each(deck.slides, lambda slide: _fit(slide, theme, deck.lang))
    slides = tuple(part for parts, _ in fitted for part in parts)
    notes = [note for _, note in fitted if note is not None and (note.split or note.tight)]
    return replace(deck, slides=slides), notes


def fit_slide(slide: Slide, theme: Theme, lang: str) -> list[Slide]:
    """One slide as one or more slides whose content fits."""
    return _fit(slide, theme, lang)[0]


Paginate = Callable[..., "list[_Page]"]  # (cap, start, limit) -> pages


@dataclass(frozen=True)
class _Page:
    blocks: tuple[Block, ...]  # what the page shows, backdrops first
    flow: tuple[Block, ...]  # the blocks that were paginated onto it (no side image, no backdrop)
    width: float  # width of its flow column
    used: float  # content height
    box_h: float  # body box height


def _fit(slide: Slide, theme: Theme, lang: str) -> tuple[list[Slide], FitNote | None]:
    if slide.role not in FITTED_ROLES:
        return [slide], None
    ms = measurer(theme)
    first_lines = ms.title_lines(slide.title)
    cont_title = continued_title(slide.title, lang)
    cont_lines = ms.title_lines(cont_title)
    _refuse_long_title(slide, theme, first_lines, cont_lines)
    first_box, cont_box = body_box(theme, first_lines), body_box(theme, cont_lines)
    side = next((b for b in slide.blocks if isinstance(b, ImageBlock) and b.placement in ("left", "right")), None)
    backdrop = tuple(b for b in slide.blocks if isinstance(b, ImageBlock) and b.placement == "background")
    first_side = side is not None and slide.blocks.index(side) == 0
    # Break opportunities for words too long for their lines, at the narrowest width a block can get.
    narrowest = column_width(first_box.w) if side is not None else min(first_box.w, cont_box.w)
    rest = [ms.fit_block_words(b, narrowest, lang) for b in slide.blocks if b is not side and b not in backdrop]
    if side is not None:
        side = ms.fit_block_words(side, column_width(first_box.w), lang)  # type: ignore[assignment]

    def paginate(cap: float | None, start: int = 0, limit: int = MAX_PAGES) -> list[_Page]:
        return _paginate(ms, rest, side, first_side, backdrop, first_box.h, cont_box.h, first_box.w, cap, start, limit)

    pages = paginate(None)
    if len(pages) > MAX_PAGES:
        raise DeckError(
            f"this slide would need more than {MAX_PAGES} continuation slides: split its content over several "
            "slides of the outline (or several lectures)",
            slide.source,
        )
    if len(pages) > 1 and _orphans(ms, pages):
        pages = _balanced(ms, paginate, pages) or pages
    for page in pages:
        _refuse_overflow(ms, slide, page)
    fills = [p.used / p.box_h for p in pages if not any(kind_of(b).fills_box for b in p.blocks)]
    slides = [
        replace(slide, blocks=pages[0].blocks, title_lines=first_lines),
        *(
            replace(slide, title=cont_title, blocks=page.blocks, notes="", part=i, title_lines=cont_lines)
            for i, page in enumerate(pages[1:], start=2)
        ),
    ]
    note = FitNote(slide.source, plain_text(slide.title), len(pages), max(fills, default=0.0))
    return slides, note


def _refuse_long_title(slide: Slide, theme: Theme, lines: int, cont_lines: int) -> None:
    """A located error if the title (or, on continuation slides, the title with its mark) wraps so far that
    the body keeps less than MIN_BODY_SHARE of the height it has under a one-line title."""
    room = MIN_BODY_SHARE * body_box(theme, 1).h
    if body_box(theme, cont_lines).h >= room:
        return
    most = max((n for n in range(1, cont_lines) if body_box(theme, n).h >= room), default=1) - (cont_lines - lines)
    raise DeckError(
        f"the title wraps to {lines} lines and leaves too little room for the content: at most {max(most, 1)} lines "
        "fit; shorten it (the rest can go into the slide's content or its notes)",
        slide.source,
    )


def _refuse_overflow(ms: Measurer, slide: Slide, page: _Page) -> None:
    """A located error if a page still does not fit after splitting: a block that cannot be cut small enough
    (a table row taller than a slide, a code line wider than it). Graphics that fill the box are left to
    their layout, which says what to change."""
    for block in page.blocks:  # a side image too (it has the page's width); a background says None
        oversize = kind_of(block).oversize
        why = oversize(ms, block, page.width, page.box_h) if oversize is not None else None
        if why:
            raise DeckError(why, slide.source)
    flow = [b for b in page.flow if not kind_of(b).fills_box]
    used = ms.blocks_height(flow, page.width, page.box_h)
    if used > page.box_h + EPSILON:
        what = kind_of(flow[0]).name if len(flow) == 1 else "content"
        raise DeckError(
            f"the {what} needs {used:.0f} px of height but a slide has {page.box_h:.0f} px, and it cannot be split "
            "further: shorten it",
            slide.source,
        )


def _paginate(
    ms: Measurer,
    blocks: list[Block],
    side: ImageBlock | None,
    side_first: bool,
    backdrop: tuple[Block, ...],
    first_h: float,
    cont_h: float,
    box_w: float,
    cap: float | None,
    start: int,
    limit: int,
) -> list[_Page]:
    """Greedy pagination; with `cap`, no page from number `start` (0-based) on is filled higher than
    `cap` px (balancing). Stops after `limit` + 1 pages (a cap too low need not be followed to the end)."""
    pages: list[_Page] = []
    rest = list(blocks)
    while rest or not pages:
        capped = cap is not None and len(pages) >= start
        box_h = cont_h if pages else first_h
        room = min(box_h, cap) if capped and cap is not None else box_h
        fresh = min(cont_h, cap) if capped and cap is not None else cont_h
        side_w = column_width(box_w)
        width = side_w if side is not None and not pages else box_w
        placed, rest = Paginator(ms, box_h).take(rest, room, width, fresh, force=True)
        flow = tuple(placed)
        used = ms.blocks_height(placed, width, box_h)
        if side is not None and not pages:
            used = max(used, image_height(ms, side, side_w, box_h))
            placed = [side, *placed] if side_first else [*placed, side]
        placed = _resolve_image_widths(ms, placed, width, box_h)
        pages.append(_Page((*backdrop, *placed), flow, width, used, box_h))
        if len(pages) > limit:
            break
    return pages


def _orphans(ms: Measurer, pages: list[_Page]) -> int:
    """Continuation pages that hold too little: under ORPHAN_LINES lines of text, or not clearly more
    than a third of the lines of the page before (graphics count as enough)."""
    count = 0
    before = ms.content_lines(pages[0].blocks, pages[0].width)
    for page in pages[1:]:
        lines = ms.content_lines(page.blocks, page.width)
        figure = any(
            kind_of(b).fills_box or (isinstance(b, ImageBlock) and b.placement != "background") for b in page.blocks
        )
        if not figure and (lines < ORPHAN_LINES or 3 * lines <= before * ORPHAN_MARGIN + 1):
            count += 1
        before = lines
    return count


def _balanced(ms: Measurer, paginate: Paginate, greedy: list[_Page]) -> list[_Page] | None:
    """A pagination with as many pages as `greedy` and fewer scraps: the first pages stay as greedy
    filled them and the last ones share their content evenly (the lowest equal height that still
    needs no extra page). The fewest pages are rebalanced that clear every scrap — the last two,
    else the last three, four, or all of them. None if no rebalancing helps."""
    n = len(greedy)
    best, best_orphans = None, _orphans(ms, greedy)
    for start in sorted({max(0, n - k) for k in (2, 3, 4, n)}, reverse=True):
        pages = _even(paginate, greedy, start)
        if pages is not None and (found := _orphans(ms, pages)) < best_orphans:
            best, best_orphans = pages, found
            if not found:
                break
    return best


def _even(paginate: Paginate, greedy: list[_Page], start: int) -> list[_Page] | None:
    """Pages `start`… of `greedy` at the lowest common height that keeps the page count (bisection)."""
    n = len(greedy)
    overflowing = any(p.used > p.box_h + EPSILON for p in greedy)
    tail = greedy[start:]
    hi = max(p.box_h for p in tail)
    lo = min(hi, 0.8 * sum(p.used for p in tail) / len(tail))  # they cannot all be much lower than the average
    best: list[_Page] | None = None
    while hi - lo > BALANCE_PRECISION:
        mid = (lo + hi) / 2
        pages = paginate(mid, start, n)
        if len(pages) <= n and (overflowing or all(p.used <= p.box_h + EPSILON for p in pages)):
            hi, best = mid, pages
        else:
            lo = mid
    return best if best is not None and len(best) == n else None


def _resolve_image_widths(ms: Measurer, blocks: list[Block], width: float, box_h: float) -> list[Block]:
    """Full-width images get the width fraction they are really shown at: narrowed so that image, caption
    and credit fit in what the other blocks of the slide leave free. Renderers just use `width`."""
    images = [b for b in blocks if isinstance(b, ImageBlock) and b.placement == "full"]
    if not images:
        return blocks
    others = [b for b in blocks if b not in images and not isinstance(b, ImageBlock)]
    gaps = ms.block_gap * (len(others) + len(images) - 1)
    room = (box_h - sum(ms.block_height(b, width, box_h) for b in others) - gaps) / len(images)
    return [replace(b, width=image_width(ms, b, width, room)) if b in images and room > 0 else b for b in blocks]
