"""A laid-out slide → the scoped CSS that puts its title, frames and graphic pieces where the layout says.

Every slide's markdown carries a `<style scoped>` block (Marpit applies it to that slide only) with
absolute positions in px for the title (`h1`/`h2`), the subtitle lines, each frame (`.fN`) and each
primitive of a graphic (`.gN`), plus the per-slide numbers a frame's kind needs (table column widths
and font size, code size) and the text colours over a background picture. Only numbers and theme
colours are written here, never outline text, so nothing a lecturer types can reach the CSS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecturedeck.layout.model import (
    CodeGeometry,
    ColumnsGeometry,
    Frame,
    Graphic,
    ImageGeometry,
    LaidOutSlide,
    ListGeometry,
    ShapeBox,
    TableGeometry,
    TextBox,
    TextStyle,
)
from lecturedeck.plan.geometry import Box

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
RADIUS_FORMS = {"rounded": "{r}px", "oval": "50%", "round-top": "{r}px {r}px 0 0", "rect": "0"}
# where lines may break in every text of a slide: the theme's `section` rule, and the course home's thumbnails
LINE_BREAKING = "overflow-wrap:anywhere;line-break:strict;word-break:normal;font-kerning:normal"


def _px(value: float) -> str:
    return f"{round(value, 2):g}px"


def _colour(value: str) -> str:
    if not COLOUR.match(value):
        raise ValueError(f"not a #RRGGBB colour: {value!r}")
    return value


def _rgba(colour: str, alpha: float) -> str:
    value = _colour(colour).lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{round(alpha, 3):g})"


def place(box: Box) -> str:
    """The CSS declarations that put an absolutely positioned element at `box`."""
    return f"left:{_px(box.x)};top:{_px(box.y)};width:{_px(box.w)};height:{_px(box.h)}"


def text_rules(style: TextStyle) -> str:
    """The CSS declarations of a paragraph style."""
    rules = [
        f"font-size:{_px(style.size)}",
        f"line-height:{round(style.line_height, 3):g}",
        f"color:{_colour(style.color)}",
        f"text-align:{style.align}",
        f"font-weight:{700 if style.bold else 400}",
    ]
    if style.italic:
        rules.append("font-style:italic")
    return ";".join(rules)


@dataclass
class SlideStyle:
    """Collects one slide's scoped rules; paragraph styles are shared classes `.tN`."""

    rules: list[str] = field(default_factory=list)
    styles: dict[TextStyle, str] = field(default_factory=dict)

    def text_class(self, style: TextStyle) -> str:
        name = self.styles.get(style)
        if name is None:
            name = self.styles[style] = f"t{len(self.styles) + 1}"
            self.rules.append(f".{name}{{{text_rules(style)}}}")
            if style.bullet:
                self.rules.append(f".{name}::before{{color:{_colour(style.bullet)}}}")
        return name

    def css(self) -> str:
        return "\n".join(self.rules)


def title_rules(slide: LaidOutSlide, style: SlideStyle, tag: str) -> None:
    """The title (and a lead slide's subtitle lines) at their boxes, in their laid-out sizes."""
    _spans, first = slide.title.paragraphs[0]
    style.rules.append(f"{tag}{{{place(slide.title.box)};{text_rules(first)}}}")
    if slide.lines is not None:
        style.rules.append(f".lines{{{place(slide.lines.box)}}}")
        style.rules.append(f".lines>*+*{{margin-top:{_px(slide.lines.gap)}}}")


def frame_rules(n: int, frame: Frame, style: SlideStyle) -> None:
    """A frame at its box, with its kind's numbers."""
    detail, name = frame.detail, f".f{n}"
    if isinstance(detail, ImageGeometry):
        pic = detail.picture
        style.rules.append(f"{name}{{left:{_px(pic.x)};top:{_px(pic.y)};width:{_px(pic.w)}}}")
        style.rules.append(f"{name} img{{width:{_px(pic.w)};height:{_px(pic.h)}}}")
        return
    style.rules.append(f"{name}{{{place(frame.box)}}}")
    if isinstance(detail, TableGeometry):
        width, size = _px(sum(detail.column_widths)), _px(detail.size)
        style.rules.append(f"{name} table{{table-layout:fixed;width:{width};font-size:{size}}}")
        pad = _px(detail.padding_x)
        style.rules.append(f"{name} th,{name} td{{box-sizing:border-box;padding-left:{pad};padding-right:{pad}}}")
        for col, col_w in enumerate(detail.column_widths, start=1):
            style.rules.append(f"{name} th:nth-child({col}){{width:{_px(col_w)}}}")
    elif isinstance(detail, CodeGeometry):
        style.rules.append(f"{name} pre{{font-size:{_px(detail.size)}}}")
    elif isinstance(detail, ColumnsGeometry):  # each heading as tall as measured: the bodies start where laid out
        for number, column in enumerate((detail.left, detail.right), start=1):
            if column.heading is not None:
                style.rules.append(f"{name} .column:nth-child({number})>h3{{height:{_px(column.heading.h)}}}")
    elif isinstance(detail, ListGeometry):
        style.rules.append(f"{name}>ol>li{{padding-left:{_px(detail.number_indent)}}}")


def graphic_items(graphic: Graphic, first: int, style: SlideStyle) -> list[tuple[str, TextBox | None]]:
    """Rules for a graphic's primitives, numbered from `first`; returns (class, text box or None) in paint order."""
    out: list[tuple[str, TextBox | None]] = []
    for n, item in enumerate(graphic.items, start=first):
        name = f"g{n}"
        if isinstance(item, ShapeBox):
            rules = [place(item.box), f"border-radius:{RADIUS_FORMS[item.form].format(r=round(item.radius, 2))}"]
            if item.fill:
                rules.append(f"background:{_rgba(item.fill, item.alpha)}")
            if item.line:
                rules.append(f"border:{_px(item.line_width)} solid {_colour(item.line)}")
            style.rules.append(f".{name}{{{';'.join(rules)}}}")
            out.append((name, None))
        else:
            rules = [place(item.box)]
            if item.anchor == "middle":
                rules.append("display:flex;flex-direction:column;justify-content:center")
            style.rules.append(f".{name}{{{';'.join(rules)}}}")
            if item.gap:
                style.rules.append(f".{name}>*+*{{margin-top:{_px(item.gap)}}}")
            out.append((name, item))
    return out


def palette_rules(slide: LaidOutSlide, style: SlideStyle) -> None:
    """Text colours over a darkened background picture, and the scrim itself."""
    if slide.backdrop is not None and slide.backdrop.scrim is not None:
        style.rules.append(f".scrim{{background:{_rgba(slide.backdrop.scrim, slide.backdrop.scrim_alpha)}}}")
    p = slide.palette
    if p is None:
        return
    style.rules.append(f"section{{color:{_colour(p.text)}}}")
    style.rules.append(f"h2,h3,strong,li::marker,ol>li::before{{color:{_colour(p.heading)}}}")
    style.rules.append(f"a{{color:{_colour(p.link)}}}")
    style.rules.append(f".caption,.credit,.source,footer,section::after{{color:{_colour(p.muted)}}}")
