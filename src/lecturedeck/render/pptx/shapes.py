"""Plain shapes on a slide: text boxes and flat filled panels (no theme shadows or outlines)."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide

from lecturedeck.plan.geometry import Box
from lecturedeck.render.pptx.units import box_emu, rgb


def add_text_box(slide: Slide, box: Box, name: str) -> Shape:
    shape = slide.shapes.add_textbox(*box_emu(box))
    shape.name = name
    return shape


def add_panel(slide: Slide, box: Box, fill: str, name: str) -> Shape:
    """A filled rectangle without outline, shadow or the default white text style."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *box_emu(box))
    shape.name = name
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    shape.line.fill.background()
    return shape


def send_to_back(shape: Shape) -> None:
    """Move a shape behind every other shape on its slide."""
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)  # after p:nvGrpSpPr and p:grpSpPr
