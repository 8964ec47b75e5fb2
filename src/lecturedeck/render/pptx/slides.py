"""Laid-out slides → PPTX slides: a layout per role, the title, every frame drawn at its box, footer, notes.

Layouts: title → "Title Slide", section → "Section Header", columns → "Two Content" or
"Comparison", other slides with text → "Title and Content", slides without text → "Title Only".
Every frame is drawn by its kind's drawer (`kinds/<kind>/pptx.py`) at the box the layout stage gave
it; the first bullets/paragraphs frame goes into the body placeholder. Nothing is measured here.
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide

from lecturedeck.kinds import kind_of
from lecturedeck.kinds.image.pptx import add_backdrop
from lecturedeck.layout.model import LaidOutDeck, LaidOutSlide, Palette, TextBox
from lecturedeck.plan.model import BulletsBlock, ColumnsBlock, ParagraphsBlock, SlideRole
from lecturedeck.render.pptx import master
from lecturedeck.render.pptx.graphic import ALIGN
from lecturedeck.render.pptx.notes import write_notes
from lecturedeck.render.pptx.pages import Pages, placeholder, placeholders
from lecturedeck.render.pptx.reveal import add_steps
from lecturedeck.render.pptx.shapes import add_text_box
from lecturedeck.render.pptx.text import RunStyle, Typesetter, align, properties, setup_frame
from lecturedeck.render.pptx.units import emu, pt

FOOTER_LINE_HEIGHT = 1.2
TAB = "\t"  # between the footer's label and the slide number (at a right tab stop)
TEXT_BLOCKS = (BulletsBlock, ParagraphsBlock)


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
        align(p, ALIGN[style.align])
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
    slide = pages.add_slide(_layout_name(model))
    _text_placeholder(slide, 0, model.title, ts, model.palette)
    if model.backdrop is not None:
        add_backdrop(slide, model.backdrop, ts, model.slide.source)
    ts.steps.clear()
    for frame in model.frames:
        kind_of(frame.block).drawer()(slide, frame, ts, model.palette)
    if model.slide.reveal:
        add_steps(slide, ts.steps)
    return slide


def _footer(pages: Pages, slide: PptxSlide, model: LaidOutSlide, ts: Typesetter, lead: bool) -> None:
    """One text box: "course · lecture" on the left, the slide number at a right tab stop. Built once
    per colour, then stamped with each slide's number (the same XML, a fraction of the time)."""
    footer = model.footer
    assert footer is not None
    key = ("footer", lead, footer.color)  # light over a darkened picture: a footer of its own colour
    stamped = pages.stamp(slide, key)
    if stamped is not None:
        text = stamped.findall(f".//{qn('a:t')}")[-1]
        text.text = f"{text.text.rpartition(TAB)[0]}{TAB}{model.number}"
        return
    box = footer.box
    shape = add_text_box(slide, box, "Footer")
    p = setup_frame(shape.text_frame, anchor=MSO_ANCHOR.MIDDLE).next()
    ts.spacing(p, footer.size, line_height=FOOTER_LINE_HEIGHT)
    tabs = etree.SubElement(properties(p), qn("a:tabLst"))
    tabs.append(tabs.makeelement(qn("a:tab"), {"pos": str(emu(box.w - 1)), "algn": "r"}))
    ts.run(p, f"{footer.text}{TAB}{model.number}", RunStyle(size=footer.size, color=footer.color))
    pages.remember(key, shape)


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
