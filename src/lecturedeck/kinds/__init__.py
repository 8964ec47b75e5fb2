"""Slide kinds, each in one home: `kinds/<name>/` holds its outline spec, planning, measuring and
splitting, layout, Marp template (`slide.md.j2`), stylesheet (`style.css.j2`, optional) and PPTX
drawer (`pptx.py`). The registry below is the only list of kinds; the loader, the planner, the fit
step, the layout stage and both renderers look a kind up here, and tests/test_kinds.py walks it and
fails on any missing piece.

Adding a kind: a new folder with those pieces, its block type in plan/model.py, one line in NAMES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecturedeck.paths import package_folder

if TYPE_CHECKING:
    from pydantic import BaseModel

KINDS_DIR = package_folder(__name__)  # each kind's templates ship as package data
NAMES = (
    "bullets", "text", "definition", "quote", "columns", "table", "image", "code",
    "math", "diagram", "mindmap", "timeline", "model", "quiz", "poll", "join",
)  # fmt: skip

Planner = Callable[[Any, Path], tuple[Any, ...]]  # (spec, the lecture file's folder) → blocks
Height = Callable[..., float]  # (measurer, block, width, body height) → px
Splitter = Callable[..., tuple[Any, Any]]  # (paginator, block, room, width, fresh, force) → (head, tail)
Layout = Callable[..., Any]  # (block, frame box, region box, measurer, lang) → the frame's detail
Lines = Callable[..., int]  # (measurer, block, width) → lines of text a reader counts (orphan rule)
Words = Callable[..., Any]  # (measurer, block, width, lang) → the block with break opportunities in long words
Oversize = Callable[..., str | None]  # (measurer, block, width, body height) → why it cannot fit a slide, if so
Notes = Callable[..., str]  # (spec, lang) → the slide's speaker notes, the kind's additions included
Check = Callable[..., None]  # (spec, planned slide, theme, lang, source map, key path) → raises a located DeckError


@dataclass(frozen=True)
class Kind:
    """Everything the pipeline needs to know about one slide kind."""

    name: str
    spec: type[BaseModel]  # the outline model (its `kind` literal is `name`)
    block: type  # the planned block the kind produces first (plan/model.py)
    plan: Planner
    height: Height
    split: Splitter | None  # None: the block always moves whole to the next slide
    layout: Layout | None  # None: the frame's box is all the block needs
    pptx: str  # "module:function" of the PPTX drawer, imported when a PPTX is written
    lines: Lines | None = None  # None: counts no lines of text (graphics)
    words: Words | None = None  # None: its text needs no break opportunities (graphics fit their own labels)
    fills_box: bool = False  # graphics that take the whole body box (diagrams, timelines …)
    oversize: Oversize | None = None  # what of a block alone on a slide still does not fit, and the fix
    check: Check | None = None  # plan time: content no slide of the theme can show, located at its key
    notes: Notes | None = None  # None: the slide's notes are its `notes` as written

    @property
    def folder(self) -> Path:
        return KINDS_DIR / self.name

    @property
    def template(self) -> str:
        """The Marp template, as the template loader names it."""
        return f"{self.name}/slide.md.j2"

    @property
    def stylesheet(self) -> Path:
        return self.folder / "style.css.j2"

    def drawer(self) -> Callable[..., None]:
        """The PPTX drawer: drawer(slide, frame, typesetter)."""
        module, _, function = self.pptx.partition(":")
        drawer: Callable[..., None] = getattr(import_module(module), function)
        return drawer


def whole_body(ms: object, block: object, width: float, box_h: float) -> float:
    """The `height` of graphics that take the whole body box (diagrams, mind maps, timelines, model cards)."""
    return box_h


@cache
def kinds() -> dict[str, Kind]:
    """Every kind by name, in NAMES order (imported on first use: the kinds import the planner's machinery)."""
    return {name: import_module(f"lecturedeck.kinds.{name}").KIND for name in NAMES}


@cache
def _by_block() -> dict[type, Kind]:
    return {k.block: k for k in kinds().values()}


def kind_of(block: object) -> Kind:
    """The kind a planned block belongs to."""
    return _by_block()[type(block)]
