"""`deck check`'s figures per lecture: how the outline fitted, how much of it has speaker notes, and what a
lecturer would notice when reading the slides (text set smaller than the body size, words hyphenated)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from lecturedeck.inline import Span
from lecturedeck.layout.model import CodeGeometry, LaidOutDeck, TableGeometry
from lecturedeck.plan.fit import FitNote
from lecturedeck.plan.linebreak import INVISIBLE
from lecturedeck.plan.model import SlideRole

LEGEND = (
    ("slides", "slides in the built deck (generated title, agenda, dividers and summary included)"),
    ("split", "outline slides too long for one slide, continued on the next (each listed below)"),
    ("tight", "outline slides kept on one slide that fill more than 90% of it: a little more would split them"),
    ("notes", "content slides (as written in the outline) that have speaker notes"),
    ("small", "slides whose table or code is set smaller than the body text to fit"),
    ("hyphens", "words too long for their box, given hyphenation points (they may break at a line end)"),
)


@dataclass(frozen=True)
class LectureFigures:
    stem: str
    title: str
    slides: int
    split: int
    tight: int
    noted: int  # content slides (first parts) with speaker notes
    content: int  # content slides as written in the outline
    small: int
    hyphens: int

    @property
    def notes_coverage(self) -> float:
        return self.noted / self.content if self.content else 1.0


def lecture_figures(laid: LaidOutDeck, notes: list[FitNote], base_size: float) -> LectureFigures:
    """The figures of one laid-out lecture; `notes` are the fit notes of its outline slides."""
    deck = laid.deck
    mine = [n for n in notes if n.source is not None and n.source.path == deck.source]
    written = [s for s in deck.slides if s.role is SlideRole.CONTENT and s.part == 1]
    return LectureFigures(
        stem=deck.stem,
        title=deck.lecture_title,
        slides=len(deck.slides),
        split=sum(n.split for n in mine),
        tight=sum(n.tight and not n.split for n in mine),
        noted=sum(bool(s.notes.strip()) for s in written),
        content=len(written),
        small=sum(
            any(isinstance(f.detail, TableGeometry | CodeGeometry) and f.detail.size < base_size for f in slide.frames)
            for slide in laid.slides
        ),
        hyphens=sum(
            any(ch in INVISIBLE for ch in word) for span in spans_in(deck.slides) for word in span.text.split()
        ),
    )


def spans_in(value: object) -> Iterator[Span]:
    """Every inline span anywhere inside a planned value (slides, blocks, items, cells)."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from spans_in(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans_in(getattr(value, f.name))
