"""Laid-out slides → PPTX slides: a layout per role, the title, every frame drawn at its box, footer, notes.

Layouts: title → "Title Slide", section → "Section Header", columns → "Two Content" or
"Comparison", other slides with text → "Title and Content", slides without text → "Title Only".
The first bullets/paragraphs frame of a slide goes into the body placeholder (moved onto its box);
everything else is drawn where the layout stage put it. Nothing is measured here.
"""

from __future__ import annotations

from collections.abc import Callable

from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide as PptxSlide

from lecturedeck.layout.model import (
    ColumnsGeometry,
    Frame,
    Graphic,
    LaidOutDeck,
    LaidOutSlide,
    Palette,
    TextBox,
)
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import (
    BulletsBlock,
    CodeBlock,
    ColumnsBlock,
    DefinitionBlock,
    DiagramBlock,
    ImageBlock,
    MathBlock,
    MindmapBlock,
    ParagraphsBlock,
    QuoteBlock,
    SlideRole,
    TableBlock,
)
from lecturedeck.render.pptx import master
from lecturedeck.render.pptx.bullets import body_text_box, fill_text
from lecturedeck.render.pptx.callouts import add_definition, add_quote
from lecturedeck.render.pptx.code import add_code
from lecturedeck.render.pptx.diagram import add_diagram
from lecturedeck.render.pptx.graphic import ALIGN, draw_graphic
from lecturedeck.render.pptx.image import add_backdrop, add_image
from lecturedeck.render.pptx.math import add_math
from lecturedeck.render.pptx.mindmap import add_mindmap
from lecturedeck.render.pptx.notes import write_notes
from lecturedeck.render.pptx.pages import Pages, placeholder, placeholders
from lecturedeck.render.pptx.shapes import add_text_box
from lecturedeck.render.pptx.table import add_table
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.render.pptx.units import emu, pt

FOOTER_LINE_HEIGHT = 1.2
TAB = "\t"  # between the footer's label and the slide number (at a right tab stop)
TEXT_BLOCKS = (BulletsBlock, ParagraphsBlock)

# Frames drawn into a box of their own: block type → drawer(slide, frame, typesetter).
FRAME_DRAWERS: dict[type, Callable[[PptxSlide, Frame, Typesetter], None]] = {
    DefinitionBlock: add_definition,
    QuoteBlock: add_quote,
    TableBlock: add_table,
    CodeBlock: add_code,
    ImageBlock: add_image,
    DiagramBlock: add_diagram,
    MindmapBlock: add_mindmap,
    MathBlock: add_math,
}


def add_slide(pages: Pages, laid: LaidOutDeck, model: LaidOutSlide, ts: Typesetter) -> None:
    """Append one laid-out slide (with notes, and a footer on all but the title slide)."""
    role = model.slide.role
    if role in (SlideRole.TITLE, SlideRole.SECTION):
        slide = pages.add_slide(master.TITLE_SLIDE if role is SlideRole.TITLE else master.SECTION_HEADER)
        _text_placeholder(slide, 0, model.title, ts)
        if model.lines is not None:
            _text_placeholder(slide, 1, model.lines, ts)
    else:
        slide = _content_slide(pages, model, ts)
    if model.footer is not None:
        _footer(pages, slide, model, ts, lead=role is SlideRole.SECTION)
    write_notes(pages, slide, model.slide.notes, ts)
    _drop_empty_placeholders(slide)


def _text_placeholder(
    slide: PptxSlide, idx: int, text: TextBox, ts: Typesetter, palette: Palette | None = None
) -> None:
    """A placeholder moved onto a laid-out text box and filled with its paragraphs."""
    shape = placeholder(slide, idx)
    master.place(shape, text.box)
    paragraphs = setup_frame(shape.text_frame)
    for n, (spans, style) in enumerate(text.paragraphs):
        p = paragraphs.next()
        p.alignment = ALIGN[style.align]
        ts.spacing(p, style.size, line_height=style.line_height)
        if n and text.gap:
            p.space_before = pt(text.gap)
        colour = palette.heading if palette is not None else style.color
        ts.spans(p, spans, RunStyle(size=style.size, color=colour, bold=style.bold, italic=style.italic))


def _layout_name(model: LaidOutSlide) -> str:
    blocks = [f.block for f in model.frames]
    columns = next((b for b in blocks if isinstance(b, ColumnsBlock)), None)
    if columns is not None:
        return master.COMPARISON if columns.comparison else master.TWO_CONTENT
    return master.TITLE_AND_CONTENT if any(isinstance(b, TEXT_BLOCKS) for b in blocks) else master.TITLE_ONLY


def _content_slide(pages: Pages, model: LaidOutSlide, ts: Typesetter) -> PptxSlide:
    layout_name = _layout_name(model)
    slide = pages.add_slide(layout_name)
    palette = model.palette
    _text_placeholder(slide, 0, model.title, ts, palette)
    if model.backdrop is not None:
        add_backdrop(slide, model.backdrop, ts, model.slide.source)
    placeholder_free = layout_name == master.TITLE_AND_CONTENT
    text_style = RunStyle(color=palette.text) if palette is not None else RunStyle()
    for frame in model.frames:
        block = frame.block
        if isinstance(block, TEXT_BLOCKS):
            shape: BaseShape
            if placeholder_free:
                shape = placeholder(slide, 1)
                master.place(shape, frame.box)
                placeholder_free = False
            else:
                shape = body_text_box(slide, frame.box)
            fill_text(shape, (block,), ts, style=text_style)
        elif isinstance(block, ColumnsBlock) and isinstance(frame.detail, ColumnsGeometry):
            _columns(slide, block, frame.detail, ts, text_style)
        elif isinstance(frame.detail, Graphic):
            draw_graphic(slide, frame.detail, ts)
        else:
            FRAME_DRAWERS[type(block)](slide, frame, ts)
    return slide


def _columns(slide: PptxSlide, block: ColumnsBlock, geometry: ColumnsGeometry, ts: Typesetter, style: RunStyle) -> None:
    """Two Content: heading as the first line of each column; Comparison: in the heading placeholders."""
    accent = style.color or ts.theme.colors.accent
    for n, (column, col) in enumerate(((block.left, geometry.left), (block.right, geometry.right))):
        if not block.comparison:
            shape = placeholder(slide, n + 1)
            top = col.heading.y if col.heading is not None else col.body.y
            master.place(shape, Box(col.body.x, top, col.body.w, col.body.bottom - top))
            fill_text(shape, column.body, ts, column.heading, style=style, heading_color=accent)
            continue
        heading = placeholder(slide, 2 * n + 1)
        if col.heading is not None:
            master.place(heading, col.heading)
            ts.spans(setup_frame(heading.text_frame).next(), column.heading, RunStyle(color=accent, bold=True))
        body = placeholder(slide, 2 * n + 2)
        master.place(body, col.body)
        fill_text(body, column.body, ts, style=style)


def _footer(pages: Pages, slide: PptxSlide, model: LaidOutSlide, ts: Typesetter, lead: bool) -> None:
    """One text box: "course · lecture" on the left, the slide number at a right tab stop. Built once
    per colour, then stamped with each slide's number (the same XML, a fraction of the time)."""
    footer = model.footer
    assert footer is not None
    stamped = pages.stamp(slide, ("footer", lead))
    if stamped is not None:
        text = stamped.findall(f".//{qn('a:t')}")[-1]
        text.text = f"{text.text.rpartition(TAB)[0]}{TAB}{model.number}"
        return
    box = footer.box
    shape = add_text_box(slide, box, "Footer")
    p = setup_frame(shape.text_frame, anchor=MSO_ANCHOR.MIDDLE).next()
    ts.spacing(p, footer.size, line_height=FOOTER_LINE_HEIGHT)
    tabs = p._p.get_or_add_pPr().makeelement(qn("a:tabLst"), {})
    tabs.append(tabs.makeelement(qn("a:tab"), {"pos": str(emu(box.w - 1)), "algn": "r"}))
    p._p.get_or_add_pPr().append(tabs)
    ts.run(p, f"{footer.text}{TAB}{model.number}", RunStyle(size=footer.size, color=footer.color))
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
