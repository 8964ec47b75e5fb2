"""Code blocks → monospace runs coloured from Pygments tokens, on a code-background panel."""

from __future__ import annotations

from pptx.slide import Slide
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import Token
from pygments.util import ClassNotFound

from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import CODE_LINE_HEIGHT, CODE_PADDING
from lecturedeck.plan.model import CodeBlock
from lecturedeck.render.pptx.shapes import add_panel
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.render.pptx.units import luminance

LIGHT_STYLE = "default"  # dark, saturated token colours: readable on light code backgrounds
DARK_STYLE = "github-dark"  # light token colours for dark code backgrounds
TAB_SIZE = 4


def code_style(code_background: str) -> StyleMeta:
    """The Pygments style whose token colours contrast with the theme's code background."""
    return get_style_by_name(LIGHT_STYLE if luminance(code_background) > 0.5 else DARK_STYLE)


def _lexer(language: str) -> Lexer:
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def add_code(slide: Slide, block: CodeBlock, box: Box, ts: Typesetter) -> None:
    c, size = ts.theme.colors, measurer(ts.theme).code_font_size(block, box.w)
    style = code_style(c.code_background)
    base = style.style_for_token(Token)["color"]
    panel = add_panel(slide, box, c.code_background, "Code")
    paragraphs = setup_frame(panel.text_frame, inset=CODE_PADDING)
    p = paragraphs.next()
    ts.spacing(p, size, line_height=CODE_LINE_HEIGHT)
    code = block.code.rstrip("\n").expandtabs(TAB_SIZE)
    for ttype, value in _lexer(block.language).get_tokens(code):
        token = style.style_for_token(ttype)
        colour = f"#{token['color']}" if token["color"] and token["color"] != base else c.code_text
        run_style = RunStyle(size=size, color=colour, bold=token["bold"], italic=token["italic"], font="mono")
        for i, piece in enumerate(value.split("\n")):
            if i:
                p = paragraphs.next()
                ts.spacing(p, size, line_height=CODE_LINE_HEIGHT)
            if piece:
                ts.run(p, piece, run_style)
