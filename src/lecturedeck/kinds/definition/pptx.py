"""Definitions → the term and its definition on a tinted panel behind an accent bar."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide

from lecturedeck.layout.model import Frame, Palette
from lecturedeck.plan.model import DefinitionBlock
from lecturedeck.render.pptx.shapes import add_callout
from lecturedeck.render.pptx.text import RunStyle, Typesetter


def add_definition(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    block = frame.block
    assert isinstance(block, DefinitionBlock)
    c, size = ts.theme.colors, ts.theme.sizes.base
    term = RunStyle(size=size, color=c.accent, bold=True)
    body = RunStyle(size=size, color=c.text)
    add_callout(
        slide, frame.box, ts, "Definition", [(block.term, term, PP_ALIGN.LEFT), (block.body, body, PP_ALIGN.LEFT)]
    )
