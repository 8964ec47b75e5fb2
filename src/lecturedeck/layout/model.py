"""The laid-out deck: where everything on every slide goes. Renderers only draw it.

After fitting, the layout stage gives every slide its title box, every block its frame (a box on
the slide plus the geometry its kind needs: table column widths and font size, code size and lines
as coloured tokens, image and caption boxes, column heading boxes) and every graphic (timelines,
model cards) its shapes and text boxes with font, size and colour. Lengths are CSS px on the slide
(see plan.geometry). The HTML positions each frame and graphic at exactly these boxes; the PPTX places
its shapes there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lecturedeck.diagrams.flowchart import FlowchartLayout
from lecturedeck.diagrams.tree import TreeLayout
from lecturedeck.inline import Inline
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import Block, Deck, ImageBlock, Slide


class DoesNotFit(ValueError):
    """Content no arrangement can show readably on one slide; the message says what to change."""


Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle"]
ShapeForm = Literal["rect", "rounded", "oval", "round-top"]


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph of a text box looks."""

    size: float
    color: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    line_height: float = 1.3
    bullet: str | None = None  # a bullet colour: the paragraph is a list item


Paragraph = tuple[Inline, TextStyle]  # a text box's paragraph: its spans and how they look


@dataclass(frozen=True)
class TextBox:
    """A box of paragraphs, each (spans, style); drawn as a text box (PPTX) or a positioned div (HTML)."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    name: str
    anchor: Anchor = "top"
    gap: float = 0.0  # px between paragraphs
    steps: bool = False  # each paragraph is an item a reveal slide shows click by click (model highlights)
    step: int = 0  # the item a reveal slide shows it with (1 for the first, e.g. a timeline period); 0: always


@dataclass(frozen=True)
class ShapeBox:
    """A filled shape: rectangle, rounded rectangle, circle or a rectangle rounded at the top."""

    box: Box
    form: ShapeForm
    fill: str | None
    name: str
    line: str | None = None
    line_width: float = 0.0
    radius: float = 0.0  # px, for rounded forms
    alpha: float = 1.0  # fill opacity
    step: int = 0  # the item a reveal slide shows it with (1 for the first); 0: always shown


Primitive = TextBox | ShapeBox


@dataclass(frozen=True)
class Graphic:
    """A drawing made of primitives, painted in order (later ones on top)."""

    items: tuple[Primitive, ...]


@dataclass(frozen=True)
class TableGeometry:
    column_widths: tuple[float, ...]
    row_heights: tuple[float, ...]  # header row first
    size: float  # font size of every cell
    padding_x: float  # left and right padding of every cell


SyntaxRole = Literal["keyword", "string", "comment", "number", "function"]


@dataclass(frozen=True)
class TokenKind:
    """How one family of code tokens looks: its theme colour (`syntax_<role>`), weight, slant and the
    highlight.js class the Marp listing gives it (see kinds.code.tokens)."""

    role: SyntaxRole
    hljs: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class CodeLine:
    """One line of a listing: its number in the whole listing, whether it is highlighted, its tokens (how
    each looks, None for plain code text)."""

    number: int
    highlighted: bool
    tokens: tuple[tuple[TokenKind | None, str], ...]


@dataclass(frozen=True)
class CodeGeometry:
    size: float  # font size of the listing
    lines: tuple[CodeLine, ...]  # the listing's lines, lexed: renderers only colour them


@dataclass(frozen=True)
class ImageGeometry:
    picture: Box  # the image itself, aspect ratio kept
    caption: Box | None = None
    credit: Box | None = None


@dataclass(frozen=True)
class ColumnGeometry:
    heading: Box | None  # the bold heading above the body (None without a heading)
    body: Box


@dataclass(frozen=True)
class ColumnsGeometry:
    left: ColumnGeometry
    right: ColumnGeometry


@dataclass(frozen=True)
class ListGeometry:
    """A numbered list: its numbers stand left in a column this wide, the items' text after it."""

    number_indent: float


@dataclass(frozen=True)
class DrawingGeometry:
    """A diagram or mind map: its layout (origin at the drawing box's top-left) and what stands under it."""

    drawing: Box
    layout: FlowchartLayout | TreeLayout
    below: Box | None = None  # the caption (diagram) or the link to the interactive page (mind map)
    below_text: Inline = ()


Detail = (
    TableGeometry | CodeGeometry | ImageGeometry | ColumnsGeometry | ListGeometry | DrawingGeometry | Graphic | None
)


@dataclass(frozen=True)
class Frame:
    """One block placed on the slide."""

    block: Block
    box: Box
    detail: Detail = None


@dataclass(frozen=True)
class Backdrop:
    """A background image covering the slide, with a scrim laid over it where text needs contrast."""

    image: ImageBlock
    scrim: str | None = None  # colour of the scrim (None: no scrim)
    scrim_alpha: float = 0.0


@dataclass(frozen=True)
class Footer:
    text: str  # course · lecture, shortened with an ellipsis to fit on one line
    box: Box
    size: float
    color: str


@dataclass(frozen=True)
class Palette:
    """The text colours of one slide: the theme's, or light ones over a dark background image."""

    text: str
    heading: str
    accent: str
    muted: str
    link: str
    inverted: bool = False  # light text over a darkened picture


@dataclass(frozen=True)
class LaidOutSlide:
    slide: Slide  # the planned slide: role, kind, title spans, notes, source
    number: int  # 1-based, as shown in both outputs
    title: TextBox  # the title (title placeholder in PPTX, h1/h2 in HTML)
    lines: TextBox | None = None  # title and section slides: subtitle and byline under the title
    frames: tuple[Frame, ...] = ()
    backdrop: Backdrop | None = None
    footer: Footer | None = None
    palette: Palette | None = None  # None: the theme's own colours


@dataclass(frozen=True)
class LaidOutDeck:
    deck: Deck
    slides: tuple[LaidOutSlide, ...]
    footer_text: str  # the footer as shown (shortened with an ellipsis if needed)
