"""Plain shapes on a slide: text boxes and flat autoshapes (no theme shadows, outlines or white text)."""

from __future__ import annotations

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from lecturedeck.inline import Inline
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.metrics import BOX_BORDER, BOX_PADDING
from lecturedeck.render.pptx.text import RunStyle, Typesetter, align, setup_frame
from lecturedeck.render.pptx.units import box_emu, emu, rgb


def add_text_box(slide: Slide, box: Box, name: str) -> Shape:
    """A named text box: `slide.shapes.add_textbox`, then renamed, without python-pptx's searches of the new
    shape (is it a placeholder, where is its name) behind the shape object and the name setter."""
    shapes = slide.shapes
    sp = shapes._spTree.add_textbox(shapes._next_shape_id, "TextBox", *box_emu(box))
    _rename(sp, name)
    return Shape(sp, shapes)


def _rename(sp: etree._Element, name: str) -> None:
    """`shape.name = name` for a p:sp, written directly: its p:nvSpPr/p:cNvPr is its first child's first child."""
    sp[0][0].set("name", name)


def add_lines(
    slide: Slide,
    box: Box,
    lines: list[tuple[Inline, RunStyle]],
    ts: Typesetter,
    name: str,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> None:
    """A text box with one paragraph per (spans, style), at the theme's line height."""
    paragraphs = setup_frame(add_text_box(slide, box, name).text_frame, anchor=MSO_ANCHOR.TOP, align=align)
    for spans, style in lines:
        p = paragraphs.next()
        ts.spacing(p, style.size or ts.theme.sizes.base)
        ts.spans(p, spans, style)


def add_shape(
    slide: Slide,
    kind: MSO_SHAPE,
    box: Box,
    fill: str | None,
    line: str | None = None,
    line_width: float = 1.0,
    *,
    name: str = "",
) -> Shape:
    """An autoshape with explicit fill and outline (None: none) and no theme style."""
    shape = slide.shapes.add_shape(kind, *box_emu(box))
    if name:
        _rename(shape._element, name)
    drop_theme_style(shape)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    else:
        shape.fill.background()
    if line:
        shape.line.color.rgb = rgb(line)
        shape.line.width = emu(line_width)
    else:
        shape.line.fill.background()
    return shape


def add_panel(slide: Slide, box: Box, fill: str, name: str) -> Shape:
    """A filled rectangle without outline."""
    return add_shape(slide, MSO_SHAPE.RECTANGLE, box, fill, name=name)


def set_alt_text(shape: BaseShape, text: str) -> None:
    """The shape's description (alt text, read by screen readers and PowerPoint's accessibility checker)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def drop_theme_style(shape: BaseShape) -> None:
    """Remove the p:style python-pptx gives new autoshapes and connectors (theme shadow, outline, white text)."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def send_to_back(shape: BaseShape) -> None:
    """Move a shape behind every other shape on its slide."""
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)  # after p:nvGrpSpPr and p:grpSpPr


def add_callout(
    slide: Slide, box: Box, ts: Typesetter, name: str, parts: list[tuple[Inline, RunStyle, PP_ALIGN]]
) -> None:
    """Definitions and quotes: an accent bar, then a tinted panel holding one paragraph per part."""
    c = ts.theme.colors
    add_panel(slide, Box(box.x, box.y, BOX_BORDER, box.h), c.accent, f"{name} bar")
    panel = add_panel(slide, Box(box.x + BOX_BORDER, box.y, box.w - BOX_BORDER, box.h), c.code_background, name)
    paragraphs = setup_frame(panel.text_frame, inset=BOX_PADDING)
    for spans, style, alignment in parts:
        p = paragraphs.next()
        align(p, alignment)
        ts.spacing(p, style.size or ts.theme.sizes.base, after=ts.theme.spacing.paragraph_gap)
        ts.spans(p, spans, style)
