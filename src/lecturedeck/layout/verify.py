"""The layout's guarantee, checked on every laid-out slide: every element lies on the slide with a positive
size, every text is at least the theme's sizes.min (the footer has its own size) and fits its box, no word
wider than its box. Renderers draw only what passed, so they never meet a size of 0 or less, a font under
1 pt or a shape off the slide; anything that would is a located error at layout time, which `deck check`
reports like `deck build`.

Kinds that can refuse with a better message do so first (a table with too many columns, a diagram too big,
a model card's highlights); this check is the net under them and names the element it found.
"""

from __future__ import annotations

from collections.abc import Iterator

from lecturedeck.diagrams.flowchart import FlowchartLayout
from lecturedeck.errors import excerpt
from lecturedeck.inline import Inline, plain_text
from lecturedeck.kinds import kind_of
from lecturedeck.layout.model import (
    CodeGeometry,
    ColumnsGeometry,
    DrawingGeometry,
    Graphic,
    ImageGeometry,
    LaidOutSlide,
    ShapeBox,
    TableGeometry,
    TextBox,
)
from lecturedeck.layout.text import height, words_fit
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.hyphenate import word_spans
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import ImageBlock

EPSILON_PX = 0.5  # rounding a layout may leave at a box's edge
LINE_SLACK_PX = 1.0  # text height over its box that is only rounding


def slide_problems(laid: LaidOutSlide, ms: Measurer) -> list[str]:
    """What on the laid-out slide breaks the guarantee (empty if nothing): each as 'element: problem'."""
    theme = ms.theme
    slide_box = Box(0.0, 0.0, theme.slide.width, theme.slide.height)
    problems = [f"{name}: {p}" for name, box in _boxes(laid) for p in _box_problems(box, slide_box)]
    low = theme.sizes.min
    for name, size in _text_sizes(laid):
        if size < low - 0.01:
            problems.append(f"{name}: text of {size:.1f} px, below the theme's minimum of {low:g} px")
    for text in _text_boxes(laid):
        problems += [f"{text.name}: {p}" for p in _text_problems(text, ms)]
    for frame in laid.frames:
        if isinstance(frame.detail, TableGeometry):
            problems += [f"Table: {p}" for p in _table_problems(frame.detail, frame.box)]
        elif isinstance(frame.detail, ImageGeometry) and isinstance(frame.block, ImageBlock):
            problems += [f"image {p}" for p in _caption_problems(frame.block, frame.detail, ms)]
    return problems


def _box_problems(box: Box, slide: Box) -> list[str]:
    if box.w <= 0 or box.h < 0:
        return [f"a size of {box.w:.0f} × {box.h:.0f} px"]
    if not box.inside(slide.w, slide.h, EPSILON_PX):
        return [f"drawn at ({box.x:.0f}, {box.y:.0f}) to ({box.right:.0f}, {box.bottom:.0f}), off the slide"]
    return []


def _text_problems(text: TextBox, ms: Measurer) -> list[str]:
    """A text box's words wider than it, or its paragraphs taller than it."""
    total = text.gap * max(0, len(text.paragraphs) - 1)
    for spans, style in text.paragraphs:
        width = text.box.w - (ms.theme.spacing.indent if style.bullet else 0.0)
        if not words_fit(ms, spans, style.size, width, style.bold):
            return [f"the word '{_widest_word(ms, spans, style.size, style.bold)}' is wider than its box: break it up"]
        total += height(ms, spans, style.size, width, style.line_height, style.bold)
    if total > text.box.h + LINE_SLACK_PX:
        return [f"{total:.0f} px of text in a box {text.box.h:.0f} px tall"]
    return []


def _caption_problems(block: ImageBlock, image: ImageGeometry, ms: Measurer) -> list[str]:
    """A caption or credit with a word wider than its box (drawn at sizes.small)."""
    small = ms.theme.sizes.small
    texts = (("caption", block.caption, image.caption), ("credit", block.credit, image.credit))
    return [
        f"{name}: the word '{_widest_word(ms, spans, small, False)}' is wider than its box: break it up"
        for name, spans, box in texts
        if box is not None and not words_fit(ms, spans, small, box.w)
    ]


def _widest_word(ms: Measurer, spans: Inline, size: float, bold: bool) -> str:
    """The widest run of the text no line may break (shortened for a message)."""
    text, widths = plain_text(spans), ms.char_widths(spans, size, bold)
    a, b = max(word_spans(text), key=lambda ab: sum(widths[ab[0] : ab[1]]))
    return excerpt(text[a:b])


def _table_problems(table: TableGeometry, box: Box) -> list[str]:
    """Columns with no room for text, or rows and columns larger than the table's frame."""
    narrowest = min(table.column_widths) - 2 * table.padding_x
    if narrowest <= 0:
        return [f"a column {narrowest + 2 * table.padding_x:.0f} px wide, no room for its text"]
    if sum(table.column_widths) > box.w + EPSILON_PX or sum(table.row_heights) > box.h + EPSILON_PX:
        return [
            f"{sum(table.column_widths):.0f} × {sum(table.row_heights):.0f} px in a frame of {box.w:.0f} × {box.h:.0f}"
        ]
    return []


def _text_boxes(laid: LaidOutSlide) -> Iterator[TextBox]:
    yield laid.title
    if laid.lines is not None:
        yield laid.lines
    for frame in laid.frames:
        if isinstance(frame.detail, Graphic):
            yield from (item for item in frame.detail.items if isinstance(item, TextBox))


def _text_sizes(laid: LaidOutSlide) -> Iterator[tuple[str, float]]:
    """Every text size the layout decided, named by its element."""
    for text in _text_boxes(laid):
        yield from ((text.name, style.size) for _, style in text.paragraphs)
    for frame in laid.frames:
        detail = frame.detail
        if isinstance(detail, TableGeometry):
            yield "Table", detail.size
        elif isinstance(detail, CodeGeometry):
            yield "Code", detail.size
        elif isinstance(detail, DrawingGeometry):
            yield "Drawing", detail.layout.smallest_text


def _boxes(laid: LaidOutSlide) -> Iterator[tuple[str, Box]]:
    """Every box drawn on the slide, named by its element."""
    yield "Title", laid.title.box
    if laid.lines is not None:
        yield "Subtitle", laid.lines.box
    if laid.footer is not None:
        yield "Footer", laid.footer.box
    for frame in laid.frames:
        name = kind_of(frame.block).name
        yield name, frame.box
        yield from ((f"{name} {part}", box) for part, box in _detail_boxes(frame.detail, frame.box))


def _detail_boxes(detail: object, frame: Box) -> Iterator[tuple[str, Box]]:
    if isinstance(detail, Graphic):
        yield from ((item.name, item.box) for item in detail.items if isinstance(item, TextBox | ShapeBox))
    elif isinstance(detail, ImageGeometry):
        yield "picture", detail.picture
        yield from ((part, box) for part, box in (("caption", detail.caption), ("credit", detail.credit)) if box)
    elif isinstance(detail, ColumnsGeometry):
        for column in (detail.left, detail.right):
            if column.heading is not None:
                yield "heading", column.heading
            yield "column", column.body
    elif isinstance(detail, DrawingGeometry):
        yield "drawing", detail.drawing
        if detail.below is not None:
            yield "caption", detail.below
        yield from ((part, box.moved(detail.drawing.x, detail.drawing.y)) for part, box in _drawing_boxes(detail))


def _drawing_boxes(detail: DrawingGeometry) -> Iterator[tuple[str, Box]]:
    """The boxes of a drawing's layout, relative to the drawing box."""
    layout = detail.layout
    yield from (("node", node.rect) for node in layout.nodes)
    if isinstance(layout, FlowchartLayout):
        yield from (("link label", edge.label_rect) for edge in layout.edges if edge.label_rect is not None)
        yield from (("subgraph", group.rect) for group in layout.groups)
