"""A lecture's title slide drawn small for the course home, from the laid-out deck (inline SVG).

The slide is an `<svg viewBox>` of the slide's size around the same boxes and text CSS the HTML deck gives
its title slide (render.marp_layout), in the theme's fonts and lead colours, so the browser wraps the title
as the deck does and scales the whole slide to the card. Drawn, not photographed: no browser runs at build
time, it is sharp at any size, and outline text in it is escaped (it can never become markup).
"""

from __future__ import annotations

from html import escape

from lecturedeck.inline import plain_text
from lecturedeck.layout.model import LaidOutDeck, TextBox
from lecturedeck.render.marp_layout import LINE_BREAKING, place, text_rules
from lecturedeck.themes import Theme


def title_thumbnail(laid: LaidOutDeck, theme: Theme) -> str:
    """The deck's first slide (its title slide) as inline SVG markup, decorative (`aria-hidden`)."""
    slide = laid.slides[0]
    width, height = theme.slide.width, theme.slide.height
    page = f"width:{width}px;height:{height}px;position:relative;background:{theme.colors.lead_background}"
    page += f";font-family:{theme.css_font_stack()};{LINE_BREAKING}"
    boxes = "".join(_text_box(box) for box in (slide.title, slide.lines) if box is not None)
    return (
        f'<svg viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        f'<foreignObject width="{width}" height="{height}">'
        f'<div xmlns="http://www.w3.org/1999/xhtml" style="{escape(page)}">{boxes}</div>'
        "</foreignObject></svg>"
    )


def _text_box(box: TextBox) -> str:
    paragraphs = "".join(
        f'<p style="margin:{box.gap if index else 0}px 0 0;{text_rules(style)}">{escape(plain_text(spans))}</p>'
        for index, (spans, style) in enumerate(box.paragraphs)
    )
    return f'<div style="position:absolute;box-sizing:border-box;{place(box.box)}">{paragraphs}</div>'
