"""A code block's lines as Pygments tokens, shared by both renderers.

The PPTX renderer colours runs from the tokens; the Marp listing with line numbers maps them to
the highlight.js classes the theme CSS colours (`hljs_class`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import Token, _TokenType
from pygments.util import ClassNotFound

from lecturedeck.plan.model import CodeBlock

TAB_SIZE = 4


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
