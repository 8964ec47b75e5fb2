"""Laid-out graphics (timelines, model cards) → native shapes and text boxes, painted in order."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.text.text import _Paragraph

from lecturedeck.layout.model import Frame, Graphic, Palette, ShapeBox, TextBox, TextStyle
from lecturedeck.render.pptx.shapes import add_shape, add_text_box
from lecturedeck.render.pptx.text import RunStyle, Typesetter, align, no_bullet, properties, setup_frame
from lecturedeck.render.pptx.units import emu, hex_colour, pt

FORMS = {
    "rect": MSO_SHAPE.RECTANGLE,
    "rounded": MSO_SHAPE.ROUNDED_RECTANGLE,
    "oval": MSO_SHAPE.OVAL,
    "round-top": MSO_SHAPE.ROUND_2_SAME_RECTANGLE,
}
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE}


def add_graphic(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """A laid-out graphic (timeline, model card) at its frame."""
    assert isinstance(frame.detail, Graphic)
    draw_graphic(slide, frame.detail, ts)


def draw_graphic(slide: Slide, graphic: Graphic, ts: Typesetter) -> None:
    """Every primitive, painted in order; those that belong to a reveal item are recorded in `ts.steps`, one
    click per item."""
    steps: dict[int, list[tuple[int, int | None]]] = {}
    for item in graphic.items:
        shape = draw_shape(slide, item) if isinstance(item, ShapeBox) else draw_text(slide, item, ts)
        if item.step:
            steps.setdefault(item.step, []).append((shape.shape_id, None))
    ts.steps.extend(steps[step] for step in sorted(steps))


def draw_shape(slide: Slide, item: ShapeBox) -> Shape:
    """A filled shape; rounded corners as the form's adjustment (a fraction of the shorter side)."""
    shape = add_shape(slide, FORMS[item.form], item.box, item.fill, item.line, item.line_width, name=item.name)
    if item.form in ("rounded", "round-top") and item.radius:
        shape.adjustments[0] = min(0.5, item.radius / max(1.0, min(item.box.w, item.box.h)))
    if item.fill and item.alpha < 1:
        colour = shape.fill._xPr.find(qn("a:solidFill"))[0]
        colour.append(colour.makeelement(qn("a:alpha"), {"val": str(round(item.alpha * 100000))}))
    return shape


def draw_text(slide: Slide, item: TextBox, ts: Typesetter) -> Shape:
    """A text box: one paragraph per (spans, style), at the style's exact line pitch; paragraphs that are
    reveal items are recorded in `ts.steps`."""
    shape = add_text_box(slide, item.box, item.name)
    frame = shape.text_frame
    paragraphs = setup_frame(frame, anchor=ANCHOR[item.anchor])
    for n, (spans, style) in enumerate(item.paragraphs):
        p = paragraphs.next()
        align(p, ALIGN[style.align])
        ts.spacing(p, style.size, line_height=style.line_height)
        if n and item.gap:
            p.space_before = pt(item.gap)
        if style.bullet:
            bullet(p, style.bullet, ts.theme.spacing.indent)
        else:
            no_bullet(p)
        ts.spans(p, spans, run_style(style))
    if item.steps:
        ts.steps.extend([(shape.shape_id, n)] for n in range(len(item.paragraphs)))
    return shape


def run_style(style: TextStyle) -> RunStyle:
    return RunStyle(size=style.size, color=style.color, bold=style.bold, italic=style.italic)


def bullet(paragraph: _Paragraph, colour: str, indent: float) -> None:
    """A bulleted paragraph: a round bullet in `colour`, text indented by `indent` px (hanging)."""
    ppr = properties(paragraph)
    ppr.set("marL", str(emu(indent)))
    ppr.set("indent", str(-emu(indent)))
    for tag, attrs in (("a:buClr", {}), ("a:buFont", {"typeface": "Arial"}), ("a:buChar", {"char": "•"})):
        el = ppr.makeelement(qn(tag), attrs)
        if tag == "a:buClr":
            el.append(el.makeelement(qn("a:srgbClr"), {"val": hex_colour(colour)}))
        ppr.append(el)
