"""Quotes → the quotation (italic) on a tinted panel behind an accent bar, its source right-aligned."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.inline import text_span
from lecturedeck.layout.model import Frame, Palette
from lecturedeck.plan.model import QuoteBlock
from lecturedeck.render.pptx.shapes import add_callout
from lecturedeck.render.pptx.text import RunStyle, Typesetter


def add_quote(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    block = frame.block
    assert isinstance(block, QuoteBlock)
    c, sizes = ts.theme.colors, ts.theme.sizes
    parts = [(block.text, RunStyle(size=sizes.base, color=c.text, italic=True), PP_ALIGN.LEFT)]
    if block.source:
        parts.append(((*text_span("— "), *block.source), RunStyle(size=sizes.small, color=c.muted), PP_ALIGN.RIGHT))
    add_callout(slide, frame.box, ts, "Quote", parts)
