"""Bullets and paragraphs → real paragraphs (bullets with levels, or auto-numbered) in a body placeholder or
text box."""

from __future__ import annotations

import copy
from dataclasses import replace

from lxml import etree
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide

from lecturedeck.inline import Inline
from lecturedeck.layout.model import Frame, ListGeometry, Palette
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.metrics import block_gap
from lecturedeck.plan.model import BulletsBlock, ListItem, ParagraphsBlock
from lecturedeck.render.pptx import master
from lecturedeck.render.pptx.pages import placeholder
from lecturedeck.render.pptx.shapes import add_text_box
from lecturedeck.render.pptx.text import (
    AFTER_BULLET,
    Paragraphs,
    RunStyle,
    Typesetter,
    insert_before,
    no_bullet,
    properties,
    setup_frame,
)
from lecturedeck.render.pptx.units import emu, hex_colour, pt

MAX_LEVEL = 2
# what follows a:buClr in a:pPr (CT_TextParagraphProperties)
AFTER_COLOUR = (
    {qn(f"a:{tag}") for tag in ("buSzTx", "buSzPct", "buSzPts", "buFontTx", "buFont")}
    | {qn(f"a:{tag}") for tag in ("buNone", "buAutoNum", "buChar", "buBlip")}
    | AFTER_BULLET
)
TextBlock = BulletsBlock | ParagraphsBlock


def fill_text(
    shape: Shape,
    blocks: tuple[TextBlock, ...],
    ts: Typesetter,
    heading: Inline = (),
    *,
    style: RunStyle = RunStyle(),
    heading_color: str | None = None,
    number_indent: float = 0.0,
    bullet_color: str | None = None,
) -> None:
    """Write blocks into a placeholder (or a text box styled like one); an optional bold heading first.
    `style` overrides the master's text style (e.g. light text over a darkened background picture); a numbered
    list's text starts `number_indent` px in (its ListGeometry); `bullet_color` overrides the master's bullet
    and number colour (the palette's, over a darkened picture, as the HTML's markers). Every bullet and paragraph
    (not the heading) is recorded in `ts.steps`: what a reveal slide shows click by click."""
    paragraphs = setup_frame(shape.text_frame)
    if heading:
        p = paragraphs.next()
        no_bullet(p)
        ts.spans(p, heading, replace(style, bold=True, color=heading_color or ts.theme.colors.accent))
    # Between blocks the gap is a block gap, not a paragraph gap: add the difference above.
    extra = pt(block_gap(ts.theme) - ts.theme.spacing.paragraph_gap)
    items = paragraphs.count
    for n, block in enumerate(blocks):
        first = paragraphs.count
        if isinstance(block, BulletsBlock):
            # the first number shown: a continued item's holder (no text) shows none
            shown_from = None if block.start is None else block.start + (0 if block.items[0].text else 1)
            for item in block.items:
                top = paragraphs.count
                _item(paragraphs, item, 0, ts, style, bullet_color)
                if shown_from is not None:
                    _numbered(paragraphs, top, shown_from, item, number_indent, ts.theme.spacing.indent)
        else:
            for text in block.paragraphs:
                p = paragraphs.next()
                no_bullet(p)
                ts.spans(p, text, style)
        if n and paragraphs.count > first:
            paragraphs.at(first).space_before = extra
    shown = (i for i in range(items, paragraphs.count) if paragraphs.at(i).text)  # not a continued group's holder
    shape_id = shape.shape_id  # read once: python-pptx searches the shape's XML for it
    ts.steps.extend([(shape_id, i)] for i in shown)


def _item(
    paragraphs: Paragraphs, item: ListItem, depth: int, ts: Typesetter, style: RunStyle, bullet_color: str | None
) -> None:
    p = paragraphs.next()
    ppr, level = properties(p), min(depth, MAX_LEVEL)  # `p.level = level` directly: an a:pPr even at level 0
    if level:
        ppr.set("lvl", str(level))
    if bullet_color is not None:
        colour = ppr.makeelement(qn("a:buClr"), {})
        etree.SubElement(colour, qn("a:srgbClr"), val=hex_colour(bullet_color))
        insert_before(ppr, colour, AFTER_COLOUR)
    ts.spans(p, item.text, style)
    for child in item.children:
        _item(paragraphs, child, depth + 1, ts, style, bullet_color)


def _numbered(
    paragraphs: Paragraphs, top: int, start: int, item: ListItem, number_indent: float, indent: float
) -> None:
    """Make the paragraphs of a numbered list's item (from index `top`) numbered: the item's own paragraph gets
    PowerPoint's auto-number (every item of the list the same `startAt`, so they count on from it, in the text's
    font and the bullets' colour) hanging in the number column; its nested bullets move right by as much."""
    own = properties(paragraphs.at(top))
    if not item.text:  # a continued item's holder: no number (the next item still counts on)
        no_bullet(paragraphs.at(top))
        own.set("marL", str(emu(number_indent)))
    else:
        own.set("marL", str(emu(number_indent)))
        own.set("indent", str(-emu(number_indent)))
        auto = {"type": "arabicPeriod", **({"startAt": str(start)} if start > 1 else {})}
        for element in (own.makeelement(qn("a:buFontTx"), {}), own.makeelement(qn("a:buAutoNum"), auto)):
            insert_before(own, element, AFTER_BULLET)
    for n in range(top + 1, paragraphs.count):
        nested = properties(paragraphs.at(n))
        level = min(int(nested.get("lvl", "0")), MAX_LEVEL)
        nested.set("marL", str(emu(number_indent + level * indent)))


def body_text_box(slide: Slide, box: Box) -> Shape:
    """A text box outside the body placeholder that takes the master's body list style (bullets, levels)."""
    shape = add_text_box(slide, box, "Text")
    body_style = slide.slide_layout.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    text_body = shape._element.txBody
    assert text_body is not None and body_style is not None  # a text box and a master we built
    text_body.find(qn("a:lstStyle")).extend(copy.deepcopy(list(body_style)))
    return shape


def add_text(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """Bullets or paragraphs at their frame: in the body placeholder while it is free (Title and Content
    layout), else in a text box styled like it. Over a darkened picture the text takes the palette's colour."""
    block = frame.block
    assert isinstance(block, BulletsBlock | ParagraphsBlock)
    body = placeholder(slide, 1) if slide.slide_layout.name == master.TITLE_AND_CONTENT else None
    shape: Shape | SlidePlaceholder
    if body is not None and not body.text_frame.text:
        master.place(body, frame.box)
        shape = body
    else:
        shape = body_text_box(slide, frame.box)
    fill_text(
        shape,
        (block,),
        ts,
        style=RunStyle(color=palette.text) if palette is not None else RunStyle(),
        number_indent=frame.detail.number_indent if isinstance(frame.detail, ListGeometry) else 0.0,
        bullet_color=palette.heading if palette is not None else None,
    )
