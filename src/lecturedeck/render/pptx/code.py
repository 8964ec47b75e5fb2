"""Code blocks → monospace runs coloured from Pygments tokens, on a code-background panel.

Optional line numbers (a muted gutter) and highlighted lines (bold, under a translucent accent band).
The same tokens give the Marp listing with line numbers its highlight.js classes (`code_lines`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.oxml.ns import qn
from pptx.slide import Slide
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import Token, _TokenType
from pygments.util import ClassNotFound

from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import CODE_GUTTER_CHARS, CODE_LINE_HEIGHT, CODE_PADDING
from lecturedeck.plan.model import CodeBlock
from lecturedeck.render.pptx.shapes import add_panel
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame
from lecturedeck.render.pptx.units import luminance

LIGHT_STYLE = "default"  # dark, saturated token colours: readable on light code backgrounds
DARK_STYLE = "github-dark"  # light token colours for dark code backgrounds
TAB_SIZE = 4
HIGHLIGHT_ALPHA = 22000  # highlighted lines: the accent colour at 22% opacity (CSS: color-mix 22%)


def code_style(code_background: str) -> StyleMeta:
    """The Pygments style whose token colours contrast with the theme's code background."""
    return get_style_by_name(LIGHT_STYLE if luminance(code_background) > 0.5 else DARK_STYLE)


def _lexer(language: str) -> Lexer:
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


HLJS_CLASSES = (  # Pygments token type → the highlight.js class the theme CSS colours (first match wins)
    (Token.Comment, "hljs-comment"),
    (Token.Keyword.Constant, "hljs-literal"),
    (Token.Keyword, "hljs-keyword"),
    (Token.Name.Builtin, "hljs-built_in"),
    (Token.Name.Function, "hljs-title function_"),
    (Token.Name.Class, "hljs-title class_"),
    (Token.Name.Decorator, "hljs-meta"),
    (Token.Literal.String, "hljs-string"),
    (Token.Literal.Number, "hljs-number"),
    (Token.Operator.Word, "hljs-keyword"),
)


@dataclass(frozen=True)
class CodeLine:
    """One line of a listing: its number in the whole listing, whether it is highlighted, its tokens."""

    number: int
    highlighted: bool
    tokens: tuple[tuple[_TokenType, str], ...]


def code_lines(block: CodeBlock) -> list[CodeLine]:
    """The block's lines as Pygments tokens (tabs expanded), numbered from `first_line`."""
    code = block.code.rstrip("\n").expandtabs(TAB_SIZE)
    lines: list[list[tuple[_TokenType, str]]] = [[]]
    for ttype, value in _lexer(block.language).get_tokens(code):
        for i, piece in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((ttype, piece))
    marked = set(block.highlight)
    numbers = range(block.first_line, block.first_line + len(lines))
    return [CodeLine(n, n in marked, tuple(tokens)) for n, tokens in zip(numbers, lines, strict=True)]


def hljs_class(ttype: _TokenType) -> str:
    """The highlight.js class for a token type ('' for plain text)."""
    return next((cls for parent, cls in HLJS_CLASSES if ttype in parent), "")


def add_code(slide: Slide, block: CodeBlock, box: Box, ts: Typesetter) -> None:
    """Code on a panel: Pygments colours; optional muted line numbers; highlighted lines in bold under a
    translucent band of the accent colour (drawn over the panel, so the text stays in one editable shape)."""
    c, ms = ts.theme.colors, measurer(ts.theme)
    size = ms.code_font_size(block, box.w)
    style = code_style(c.code_background)
    base = style.style_for_token(Token)["color"]
    panel = add_panel(slide, box, c.code_background, "Code")
    paragraphs = setup_frame(panel.text_frame, inset=CODE_PADDING)
    lines = code_lines(block)
    digits = len(str(lines[-1].number)) if lines else 1
    for line in lines:
        p = paragraphs.next()
        ts.spacing(p, size, line_height=CODE_LINE_HEIGHT)
        if block.line_numbers:
            gutter = str(line.number).rjust(digits) + " " * CODE_GUTTER_CHARS
            ts.run(p, gutter, RunStyle(size=size, color=c.muted, font="mono"))
        for ttype, value in line.tokens:
            token = style.style_for_token(ttype)
            colour = f"#{token['color']}" if token["color"] and token["color"] != base else c.code_text
            bold = token["bold"] or line.highlighted
            ts.run(p, value, RunStyle(size=size, color=colour, bold=bold, italic=token["italic"], font="mono"))
    line_h = size * CODE_LINE_HEIGHT
    for i, line in enumerate(lines):
        if line.highlighted:
            band_box = Box(box.x, box.y + CODE_PADDING + i * line_h, box.w, line_h)
            band = add_panel(slide, band_box, c.accent, f"Highlight line {line.number}")
            colour = band.fill._xPr.find(qn("a:solidFill"))[0]
            colour.append(colour.makeelement(qn("a:alpha"), {"val": str(HIGHLIGHT_ALPHA)}))
