"""Code blocks → monospace runs coloured from Pygments tokens, on a code-background panel.

Optional line numbers (a muted gutter) and highlighted lines (bold, under a translucent accent band).
The lines come lexed in the layout; their theme colours from `kinds.code.tokens`, as the Marp listing's.
"""

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.slide import Slide

from lecturedeck.kinds.code.tokens import token_style
from lecturedeck.layout.model import CodeGeometry, Frame, Palette
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.metrics import CODE_GUTTER_CHARS, CODE_LINE_HEIGHT, CODE_PADDING
from lecturedeck.plan.model import CodeBlock
from lecturedeck.render.pptx.shapes import add_panel
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.themes.contrast import HIGHLIGHT_OPACITY

HIGHLIGHT_ALPHA = round(HIGHLIGHT_OPACITY * 100000)  # a:alpha of the band (CSS: the same color-mix)


def add_code(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    """Code on a panel: the theme's syntax colours; optional muted line numbers; highlighted lines in bold under a
    translucent band of the accent colour (drawn over the panel, so the text stays in one editable shape)."""
    block, geometry, box = frame.block, frame.detail, frame.box
    assert isinstance(block, CodeBlock) and isinstance(geometry, CodeGeometry)
    c, size = ts.theme.colors, geometry.size
    panel = add_panel(slide, box, c.code_background, "Code")
    paragraphs = setup_frame(panel.text_frame, inset=CODE_PADDING)
    lines = geometry.lines
    digits = len(str(lines[-1].number)) if lines else 1
    for line in lines:
        p = paragraphs.next()
        ts.spacing(p, size, line_height=CODE_LINE_HEIGHT)
        if block.line_numbers:
            gutter = str(line.number).rjust(digits) + " " * CODE_GUTTER_CHARS
            ts.run(p, gutter, RunStyle(size=size, color=c.muted, font="mono"))
        for kind, value in line.tokens:
            token = token_style(ts.theme, kind, highlighted=line.highlighted)
            ts.run(p, value, RunStyle(size=size, color=token.color, bold=token.bold, italic=token.italic, font="mono"))
    line_h = size * CODE_LINE_HEIGHT
    for i, line in enumerate(lines):
        if line.highlighted:
            band_box = Box(box.x, box.y + CODE_PADDING + i * line_h, box.w, line_h)
            band = add_panel(slide, band_box, c.accent, f"Highlight line {line.number}")
            colour = band.fill._xPr.find(qn("a:solidFill"))[0]
            colour.append(colour.makeelement(qn("a:alpha"), {"val": str(HIGHLIGHT_ALPHA)}))
