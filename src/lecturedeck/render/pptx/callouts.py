"""Definitions and quotes: text on a tinted panel behind an accent bar, at the frame the layout gave them."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.inline import Inline, text_span
from lecturedeck.layout.model import Frame
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.metrics import BOX_BORDER, BOX_PADDING
from lecturedeck.plan.model import DefinitionBlock, QuoteBlock
from lecturedeck.render.pptx.shapes import add_panel
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame


def _panel(slide: Slide, box: Box, ts: Typesetter, name: str, parts: list[tuple[Inline, RunStyle, PP_ALIGN]]) -> None:
    """Accent bar plus a panel holding one paragraph per part."""
    c = ts.theme.colors
    add_panel(slide, Box(box.x, box.y, BOX_BORDER, box.h), c.accent, f"{name} bar")
    panel = add_panel(slide, Box(box.x + BOX_BORDER, box.y, box.w - BOX_BORDER, box.h), c.code_background, name)
    paragraphs = setup_frame(panel.text_frame, inset=BOX_PADDING)
    for spans, style, align in parts:
        p = paragraphs.next()
        p.alignment = align
        ts.spacing(p, style.size or ts.theme.sizes.base, after=ts.theme.spacing.paragraph_gap)
        ts.spans(p, spans, style)


def add_definition(slide: Slide, frame: Frame, ts: Typesetter) -> None:
    block = frame.block
    assert isinstance(block, DefinitionBlock)
    c, size = ts.theme.colors, ts.theme.sizes.base
    term = RunStyle(size=size, color=c.accent, bold=True)
    body = RunStyle(size=size, color=c.text)
    _panel(slide, frame.box, ts, "Definition", [(block.term, term, PP_ALIGN.LEFT), (block.body, body, PP_ALIGN.LEFT)])


def add_quote(slide: Slide, frame: Frame, ts: Typesetter) -> None:
    block = frame.block
    assert isinstance(block, QuoteBlock)
    c, sizes = ts.theme.colors, ts.theme.sizes
    parts = [(block.text, RunStyle(size=sizes.base, color=c.text, italic=True), PP_ALIGN.LEFT)]
    if block.source:
        parts.append(((*text_span("— "), *block.source), RunStyle(size=sizes.small, color=c.muted), PP_ALIGN.RIGHT))
    _panel(slide, frame.box, ts, "Quote", parts)
