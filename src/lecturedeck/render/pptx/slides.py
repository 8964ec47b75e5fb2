"""Planned slides → PPTX slides: a layout per role, the title, content blocks stacked in the body box, footer.

Layouts: title → "Title Slide", section → "Section Header", columns → "Two Content" or
"Comparison", other slides with text → "Title and Content", slides without text → "Title Only".
The first bullets/paragraphs of a slide go into the body placeholder; other blocks are stacked
below one another in the body box (or in the half an image on the left/right leaves free).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide

from lecturedeck.inline import Inline, text_span
from lecturedeck.plan.geometry import Box, body_box, column_boxes, footer_box, title_box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import block_gap
from lecturedeck.plan.model import (
    Block,
    BulletsBlock,
    CodeBlock,
    ColumnsBlock,
    Deck,
    DefinitionBlock,
    DiagramBlock,
    ImageBlock,
    MathBlock,
    MindmapBlock,
    ModelCardBlock,
    ParagraphsBlock,
    QuoteBlock,
    Slide,
    SlideRole,
    TableBlock,
    TimelineBlock,
)
from lecturedeck.render.pptx import master
from lecturedeck.render.pptx.bullets import TextBlock, add_text_blocks, fill_text
from lecturedeck.render.pptx.callouts import add_definition, add_quote
from lecturedeck.render.pptx.code import add_code
from lecturedeck.render.pptx.diagram import add_diagram
from lecturedeck.render.pptx.image import add_background, add_image
from lecturedeck.render.pptx.math import add_math
from lecturedeck.render.pptx.mindmap import add_mindmap
from lecturedeck.render.pptx.modelcard import add_model_card
from lecturedeck.render.pptx.notes import write_notes
from lecturedeck.render.pptx.pages import Pages, placeholder, placeholders
from lecturedeck.render.pptx.shapes import add_text_box
from lecturedeck.render.pptx.table import add_table
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.render.pptx.timeline import add_timeline
from lecturedeck.render.pptx.units import emu

FOOTER_LINE_HEIGHT = 1.2
TAB = "\t"  # between the footer's label and the slide number (at a right tab stop)
PANELS = (DefinitionBlock, QuoteBlock, CodeBlock, TableBlock)  # drawn at their measured height


@dataclass(frozen=True)
class _Item:
    """One thing stacked in the body box: a run of text blocks, or one other block."""

    blocks: tuple[Block, ...]

    @property
    def is_text(self) -> bool:
        return isinstance(self.blocks[0], BulletsBlock | ParagraphsBlock)


def add_slide(pages: Pages, deck: Deck, model: Slide, number: int, ts: Typesetter) -> None:
    """Append one planned slide (with notes, and a footer on all but the title slide)."""
    if model.role is SlideRole.TITLE:
        lines = (model.subtitle, text_span(deck.byline))
        title = model.title or text_span(deck.lecture_title) or text_span(deck.course_title)
        slide = _lead_slide(pages, master.TITLE_SLIDE, model, title, lines, ts)
    elif model.role is SlideRole.SECTION:
        texts = tuple(b for b in model.blocks if isinstance(b, BulletsBlock | ParagraphsBlock))
        slide = _lead_slide(pages, master.SECTION_HEADER, model, _title_of(deck, model), (model.subtitle,), ts, texts)
    else:
        slide = _content_slide(pages, model, _title_of(deck, model), ts)
    if model.role is not SlideRole.TITLE:
        _footer(pages, slide, deck, number, ts, lead=model.role is SlideRole.SECTION)
    write_notes(pages, slide, model.notes, ts)
    _drop_empty_placeholders(slide)


def _title_of(deck: Deck, model: Slide) -> Inline:
    """The slide's title; never empty (falls back to its section, then to the lecture)."""
    return model.title or text_span(model.section or deck.lecture_title)


def _set_title(slide: PptxSlide, spans: Inline, ts: Typesetter, box: Box | None = None) -> None:
    title = placeholder(slide, 0)
    if box is not None:
        master.place(title, box)
    ts.spans(setup_frame(title.text_frame).next(), spans)


def _lead_slide(
    pages: Pages,
    layout_name: str,
    model: Slide,
    title: Inline,
    lines: tuple[Inline, ...],
    ts: Typesetter,
    blocks: tuple[TextBlock, ...] = (),
) -> PptxSlide:
    """Title or section slide: big title, then subtitle lines, on the lead colours."""
    slide = pages.add_slide(layout_name)
    lines_needed = max(master.LEAD_TITLE_LINES, model.title_lines)
    title_box_, subtitle_box = master.lead_boxes(ts.theme, lines_needed)
    moved = lines_needed != master.LEAD_TITLE_LINES
    _set_title(slide, title, ts, title_box_ if moved else None)
    subtitle = placeholder(slide, 1)
    if moved:
        master.place(subtitle, subtitle_box)
    fill_text(subtitle, (ParagraphsBlock(tuple(line for line in lines if line)), *blocks), ts)
    return slide


def _content_slide(pages: Pages, model: Slide, title: Inline, ts: Typesetter) -> PptxSlide:
    theme = ts.theme
    body = body_box(theme, model.title_lines)
    backgrounds = [b for b in model.blocks if isinstance(b, ImageBlock) and b.placement == "background"]
    flow = [b for b in model.blocks if b not in backgrounds]
    side = next((b for b in flow if isinstance(b, ImageBlock) and b.placement in ("left", "right")), None)
    if side is not None and len(flow) > 1:
        flow.remove(side)
    else:
        side = None
    items = _items(flow)
    columns = next((b for b in flow if isinstance(b, ColumnsBlock)), None)
    if columns is not None:
        layout_name = master.COMPARISON if columns.comparison else master.TWO_CONTENT
    else:
        layout_name = master.TITLE_AND_CONTENT if any(item.is_text for item in items) else master.TITLE_ONLY
    slide = pages.add_slide(layout_name)
    _set_title(slide, title, ts, title_box(theme, model.title_lines) if model.title_lines != 1 else None)
    for image in backgrounds:
        add_background(slide, image, ts, model.source)
    region = body
    if side is not None:
        left, right = column_boxes(body)
        image_box, region = (left, right) if side.placement == "left" else (right, left)
        add_image(slide, side, image_box, ts, model.source)
    placeholder_free = layout_name == master.TITLE_AND_CONTENT
    for item, box in zip(items, _stack(items, region, ts), strict=True):
        block = item.blocks[0]
        if item.is_text and placeholder_free:
            _fill_placeholder(slide, 1, box, body_box(theme), item.blocks, ts)
            placeholder_free = False
        elif item.is_text:
            add_text_blocks(slide, box, item.blocks, ts)  # type: ignore[arg-type]
        elif isinstance(block, ColumnsBlock):
            _columns(slide, block, box, ts)
        elif isinstance(block, ImageBlock):
            add_image(slide, block, box, ts, model.source)
        else:
            BLOCK_DRAWERS[type(block)](slide, block, box, ts)
    return slide


# Blocks drawn into a box of their own: block type → drawer(slide, block, box, typesetter).
BLOCK_DRAWERS: dict[type, Callable[..., None]] = {
    DefinitionBlock: add_definition,
    QuoteBlock: add_quote,
    TableBlock: add_table,
    CodeBlock: add_code,
    DiagramBlock: add_diagram,  # diagram and mind-map slides
    MindmapBlock: add_mindmap,
    MathBlock: add_math,
    TimelineBlock: add_timeline,
    ModelCardBlock: add_model_card,
}


def _items(blocks: list[Block]) -> list[_Item]:
    """Group consecutive bullets/paragraphs (they share one text frame); other blocks stand alone."""
    items: list[_Item] = []
    for block in blocks:
        item = _Item((block,))
        if items and item.is_text and items[-1].is_text:
            items[-1] = _Item((*items[-1].blocks, block))
        else:
            items.append(item)
    return items


def _stack(items: list[_Item], region: Box, ts: Typesetter) -> list[Box]:
    """Boxes for items from top to bottom, at the heights the planner measured. A lone text, columns
    or image item gets the whole region; a trailing text item reaches down to the region's bottom."""
    if not items:
        return []
    if len(items) == 1 and not isinstance(items[0].blocks[0], PANELS):
        return [region]
    measure, gap = measurer(ts.theme), block_gap(ts.theme)
    heights = [measure.blocks_height(item.blocks, region.w, region.h) for item in items]
    room = region.h - gap * (len(items) - 1)
    if sum(heights) > room:  # the planner should have split the slide; squeeze rather than run off it
        heights = [h * room / sum(heights) for h in heights]
    boxes, y = [], region.y
    for h in heights:
        boxes.append(Box(region.x, y, region.w, h))
        y += h + gap
    if items[-1].is_text:
        last = boxes[-1]
        boxes[-1] = Box(last.x, last.y, last.w, region.bottom - last.y)
    return boxes


def _fill_placeholder(
    slide: PptxSlide,
    idx: int,
    box: Box,
    layout_box: Box,
    blocks: tuple[Block, ...],
    ts: Typesetter,
    heading: Inline = (),
) -> None:
    """Write text blocks into a layout placeholder, moving it only where the layout's box doesn't fit."""
    shape = placeholder(slide, idx)
    if box != layout_box:
        master.place(shape, box)
    fill_text(shape, blocks, ts, heading)  # type: ignore[arg-type]


def _columns(slide: PptxSlide, block: ColumnsBlock, box: Box, ts: Typesetter) -> None:
    """Two Content: heading as the first line of each column; Comparison: in the heading placeholders."""
    theme = ts.theme
    if not block.comparison:
        for idx, column, col_box, layout_box in zip(
            (1, 2), (block.left, block.right), column_boxes(box), column_boxes(body_box(theme)), strict=True
        ):
            _fill_placeholder(slide, idx, col_box, layout_box, column.body, ts, column.heading)
        return
    boxes, layout_boxes = master.comparison_boxes(theme, box), master.comparison_boxes(theme, body_box(theme))
    for n, column in enumerate((block.left, block.right)):
        heading_idx = 2 * n + 1
        heading = placeholder(slide, heading_idx)
        if boxes[2 * n] != layout_boxes[2 * n]:
            master.place(heading, boxes[2 * n])
        ts.spans(setup_frame(heading.text_frame).next(), column.heading)
        _fill_placeholder(slide, heading_idx + 1, boxes[2 * n + 1], layout_boxes[2 * n + 1], column.body, ts)


def _footer(pages: Pages, slide: PptxSlide, deck: Deck, number: int, ts: Typesetter, lead: bool) -> None:
    """One text box: "course · lecture" on the left, the slide number at a right tab stop. Built once
    per colour, then stamped with each slide's number (the same XML, a fraction of the time)."""
    stamped = pages.stamp(slide, ("footer", lead))
    if stamped is not None:
        text = stamped.findall(f".//{qn('a:t')}")[-1]
        text.text = f"{text.text.rpartition(TAB)[0]}{TAB}{number}"
        return
    theme = ts.theme
    box = footer_box(theme)
    shape = add_text_box(slide, box, "Footer")
    p = setup_frame(shape.text_frame, anchor=MSO_ANCHOR.MIDDLE).next()
    size = theme.sizes.footer
    ts.spacing(p, size, line_height=FOOTER_LINE_HEIGHT)
    tabs = p._p.get_or_add_pPr().makeelement(qn("a:tabLst"), {})
    tabs.append(tabs.makeelement(qn("a:tab"), {"pos": str(emu(box.w - 1)), "algn": "r"}))
    p._p.get_or_add_pPr().append(tabs)
    style = RunStyle(size=size, color=theme.colors.lead_text if lead else theme.colors.muted)
    ts.run(p, f"{deck.footer}{TAB}{number}", style)
    pages.remember(("footer", lead), shape)


def _drop_empty_placeholders(slide: PptxSlide) -> None:
    """Remove text placeholders (but the title) left empty, so no "Click to add text" prompt remains.
    Plain lxml: python-pptx's placeholder objects search the XML for every property read."""
    tree = slide.shapes._spTree
    for sp, ph in list(placeholders(tree)):
        if ph.get("type", "obj") in ("title", "ctrTitle"):
            continue
        body = sp.find(qn("p:txBody"))
        if body is None or not "".join(t.text or "" for t in body.iter(qn("a:t"))).strip():
            tree.remove(sp)
