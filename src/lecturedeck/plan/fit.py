"""Automatic fit: every slide's content fits its body box, split into continuation slides if needed.

Each content slide gets `title_lines` measured; content that does not fit moves to continuation
slides with the same title plus a mark in the course language ("（续）", " (cont.)"), `part=2,3…`,
and no speaker notes. `fit_deck` also reports slides that were split or are tight for `deck check`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lecturedeck.errors import Location
from lecturedeck.inline import Inline, Span, plain_text
from lecturedeck.plan.geometry import body_box, column_width
from lecturedeck.plan.labels import label
from lecturedeck.plan.measure import Measurer, fills_box, measurer
from lecturedeck.plan.model import Block, CodeBlock, Deck, ImageBlock, Slide, SlideRole
from lecturedeck.plan.paginate import EPSILON, Paginator
from lecturedeck.themes import Theme

FITTED_ROLES = frozenset({SlideRole.CONTENT, SlideRole.AGENDA, SlideRole.SUMMARY})
TIGHT_FILL = 0.9  # a part filled above 90% of its body box is reported as tight


@dataclass(frozen=True)
class FitNote:
    """What `deck check` reports about one outline slide."""

    source: Location | None
    title: str
    parts: int  # slides the outline slide became
    fill: float  # highest content height / body box height over its parts (graphics excluded)
    overflow: bool = False  # something still does not fit (a table row or code line too big)

    @property
    def split(self) -> bool:
        return self.parts > 1

    @property
    def tight(self) -> bool:
        return not self.overflow and self.fill > TIGHT_FILL

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        what = "overflows" if self.overflow else f"split into {self.parts} slides" if self.split else "tight"
        return f"{where}'{self.title}' {what} (fill {self.fill:.0%})"


def continued_title(title: Inline, lang: str) -> Inline:
    """The title of a continuation slide: the same title plus the course language's mark."""
    return (*title, Span(label(lang, "continued")))


def fit_deck(deck: Deck, theme: Theme) -> tuple[Deck, list[FitNote]]:
    """The deck with every slide fitted, and notes on slides that were split, are tight or overflow."""
    slides: list[Slide] = []
    notes: list[FitNote] = []
    for slide in deck.slides:
        parts, note = _fit(slide, theme, deck.lang)
        slides.extend(parts)
        if note is not None and (note.split or note.tight or note.overflow):
            notes.append(note)
    return replace(deck, slides=tuple(slides)), notes


def fit_slide(slide: Slide, theme: Theme, lang: str) -> list[Slide]:
    """One slide as one or more slides whose content fits."""
    return _fit(slide, theme, lang)[0]


def _fit(slide: Slide, theme: Theme, lang: str) -> tuple[list[Slide], FitNote | None]:
    if slide.role not in FITTED_ROLES:
        return [slide], None
    ms = measurer(theme)
    first_lines = ms.title_lines(slide.title)
    cont_title = continued_title(slide.title, lang)
    cont_lines = ms.title_lines(cont_title)
    first_box, cont_box = body_box(theme, first_lines), body_box(theme, cont_lines)
    fresh = cont_box.h
    side = next((b for b in slide.blocks if isinstance(b, ImageBlock) and b.placement in ("left", "right")), None)
    backdrop = tuple(b for b in slide.blocks if isinstance(b, ImageBlock) and b.placement == "background")
    rest: list[Block] = [b for b in slide.blocks if b is not side and b not in backdrop]
    pages: list[tuple[Block, ...]] = []
    fills: list[float] = []
    overflow = False
    while rest or not pages:
        box = cont_box if pages else first_box
        side_w = column_width(box.w)
        width = side_w if side is not None and not pages else box.w
        placed, rest = Paginator(ms, box.h).take(rest, box.h, width, fresh, force=True)
        used = ms.blocks_height(placed, width, box.h)
        if side is not None and not pages:
            used = max(used, ms.image_height(side, side_w, box.h))
            placed = [side, *placed] if slide.blocks.index(side) == 0 else [*placed, side]
        placed = _resolve_image_widths(ms, placed, width, box.h)
        if not any(fills_box(b) for b in placed):  # graphics fill their box by design: never "tight"
            fills.append(used / box.h if box.h > 0 else float("inf"))
        overflow = overflow or used > box.h + EPSILON or _code_too_wide(ms, placed, width)
        pages.append((*backdrop, *placed))
    slides = [
        replace(slide, blocks=pages[0], title_lines=first_lines),
        *(
            replace(slide, title=cont_title, blocks=blocks, notes="", part=i, title_lines=cont_lines)
            for i, blocks in enumerate(pages[1:], start=2)
        ),
    ]
    note = FitNote(slide.source, plain_text(slide.title), len(pages), max(fills, default=0.0), overflow)
    return slides, note


def _resolve_image_widths(ms: Measurer, blocks: list[Block], width: float, box_h: float) -> list[Block]:
    """Full-width images get the width fraction they are really shown at: narrowed so that image, caption
    and credit fit in what the other blocks of the slide leave free. Renderers just use `width`."""
    images = [b for b in blocks if isinstance(b, ImageBlock) and b.placement == "full"]
    if not images:
        return blocks
    others = [b for b in blocks if b not in images and not isinstance(b, ImageBlock)]
    gaps = ms.block_gap * (len(others) + len(images) - 1)
    room = (box_h - sum(ms.block_height(b, width, box_h) for b in others) - gaps) / len(images)
    return [
        replace(b, width=ms.image_width(b, width, room)) if b in images and room > 0 else b  # type: ignore[arg-type]
        for b in blocks
    ]


def _code_too_wide(ms: Measurer, blocks: list[Block], width: float) -> bool:
    return any(isinstance(b, CodeBlock) and ms.code_overflows(b, width) for b in blocks)
