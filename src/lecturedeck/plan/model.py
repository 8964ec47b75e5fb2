"""The planned deck: the one contract between planning and every renderer.

Renderers read a Deck and never decide pagination themselves, which is why the Marp deck and
the PPTX always have the same slides in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal

from lecturedeck.errors import Location
from lecturedeck.inline import Inline


@dataclass(frozen=True)
class ListItem:
    text: Inline
    children: tuple[ListItem, ...] = ()


@dataclass(frozen=True)
class BulletsBlock:
    items: tuple[ListItem, ...]
    start: int | None = None  # numbered list: the number of its first item (continuations go on); None: bullets


@dataclass(frozen=True)
class ParagraphsBlock:
    paragraphs: tuple[Inline, ...]


@dataclass(frozen=True)
class DefinitionBlock:
    term: Inline
    body: Inline


@dataclass(frozen=True)
class QuoteBlock:
    text: Inline
    source: Inline = ()


@dataclass(frozen=True)
class Column:
    heading: Inline
    body: tuple[BulletsBlock | ParagraphsBlock, ...]


@dataclass(frozen=True)
class ColumnsBlock:
    left: Column
    right: Column
    comparison: bool = False


@dataclass(frozen=True)
class TableBlock:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


ImagePlacement = Literal["full", "left", "right", "background"]
Overlay = Literal["auto", "dark", "light", "none"]  # background images: dark = light text on a darkened picture


@dataclass(frozen=True)
class ImageBlock:
    path: Path  # absolute path of the image file
    alt: str
    placement: ImagePlacement = "full"
    width: float = 1.0  # fraction of the available width, 0 < width <= 1
    caption: Inline = ()
    credit: Inline = ()
    overlay: Overlay = "auto"


@dataclass(frozen=True)
class CodeBlock:
    language: str
    code: str
    line_numbers: bool = False
    highlight: tuple[int, ...] = ()  # 1-based line numbers within the whole listing
    first_line: int = 1  # number of this block's first line (continuations of a split listing)


@dataclass(frozen=True)
class MathBlock:
    latex: str  # a display formula


@dataclass(frozen=True)
class DiagramBlock:
    mermaid: str  # flowchart source, already validated by the planner
    caption: Inline = ()


@dataclass(frozen=True)
class MindmapBlock:
    root: Inline
    branches: tuple[ListItem, ...]


@dataclass(frozen=True)
class TimelineEvent:
    year: str
    text: Inline


@dataclass(frozen=True)
class TimelinePeriod:
    name: Inline
    span: str = ""
    summary: Inline = ()
    events: tuple[TimelineEvent, ...] = ()


@dataclass(frozen=True)
class TimelineBlock:
    periods: tuple[TimelinePeriod, ...]
    first_period: int = 0  # index of its first period in the whole timeline (continuation slides keep colours)


@dataclass(frozen=True)
class ModelCardBlock:
    name: Inline
    org: str = ""
    year: str = ""
    architecture: Inline = ()
    params: str = ""
    modalities: tuple[str, ...] = ()
    highlights: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class QuizChoice:
    text: Inline
    correct: bool = False


@dataclass(frozen=True)
class QuizBlock:
    """A question with lettered choices (one or several correct) and an explanation shown once answered."""

    question: Inline
    choices: tuple[QuizChoice, ...]
    explanation: Inline = ()


@dataclass(frozen=True)
class PollBlock:
    """A question with lettered choices and no right answer; `multiple`: a student may pick several."""

    question: Inline
    choices: tuple[Inline, ...]
    multiple: bool = False


@dataclass(frozen=True)
class JoinBlock:
    """How to join the live questions: `deck present` fills in the QR code, link and room code; `text` above."""

    text: Inline = ()


Block = (
    BulletsBlock
    | ParagraphsBlock
    | DefinitionBlock
    | QuoteBlock
    | ColumnsBlock
    | TableBlock
    | ImageBlock
    | CodeBlock
    | MathBlock
    | DiagramBlock
    | MindmapBlock
    | TimelineBlock
    | ModelCardBlock
    | QuizBlock
    | PollBlock
    | JoinBlock
)


class SlideRole(str, Enum):
    """What a slide is for; renderers choose their layout from it."""

    TITLE = "title"  # lecture title slide (generated)
    AGENDA = "agenda"  # objectives and section list (generated)
    SECTION = "section"  # section divider (generated)
    CONTENT = "content"  # one slide (or part of one) from the outline
    SUMMARY = "summary"  # key points at the end of a lecture


@dataclass(frozen=True)
class Slide:
    role: SlideRole
    kind: str  # outline kind for content slides ("bullets", "table", …); the role otherwise
    title: Inline
    subtitle: Inline = ()
    blocks: tuple[Block, ...] = ()
    notes: str = ""
    source: Location | None = None
    part: int = 1  # 1 for the first slide of a split, 2… for continuation slides
    title_lines: int = 1  # lines the title wraps to (measured by the fit step)
    section: str = ""  # title of the enclosing section, for headers
    reveal: bool = False  # its items appear one at a time (each continuation slide steps through its own)


@dataclass(frozen=True)
class Deck:
    """One lecture, planned: everything a renderer needs and nothing it must re-derive."""

    course_title: str
    lecture_title: str
    stem: str  # output file stem, e.g. "01-overview"
    lang: str
    theme: str
    slides: tuple[Slide, ...]
    author: str = ""
    date: str = ""
    source: Path = field(default_factory=Path)

    @property
    def footer(self) -> str:
        """Course · lecture, shown at the bottom of every slide but the title slide."""
        parts = dict.fromkeys(part for part in (self.course_title, self.lecture_title) if part)
        return " · ".join(parts)

    @property
    def byline(self) -> str:
        """Course, author and date, for the title slide."""
        return " · ".join(part for part in (self.course_title, self.author, self.date) if part)
