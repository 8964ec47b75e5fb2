"""A code block's lines as Pygments tokens, and how each token looks, shared by both renderers.

One table (`TOKEN_STYLES`) says, per Pygments token type, which theme `syntax_*` colour a token gets,
whether it is bold or italic, and which highlight.js class the Marp listing gives it (the theme CSS
colours exactly these classes the same way). The PPTX colours its runs with `token_style`, so every
token has the same colour and weight in both outputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pygments.token import Token, _TokenType

from lecturedeck.kinds.code.measure import TAB_SIZE
from lecturedeck.plan.model import CodeBlock
from lecturedeck.themes import Theme

if TYPE_CHECKING:
    from pygments.lexer import Lexer

SyntaxRole = Literal["keyword", "string", "comment", "number", "function"]


def _lexer(language: str) -> Lexer:
    from pygments.lexers import TextLexer, get_lexer_by_name  # Pygments' lexers load only for a deck with code
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


@dataclass(frozen=True)
class TokenKind:
    """How one family of tokens looks: its theme colour (`syntax_<role>`), weight, style and hljs class."""

    role: SyntaxRole
    hljs: str
    bold: bool = False
    italic: bool = False


# Pygments token type → how it looks (first match wins). templates/theme.css.j2 styles the same classes.
TOKEN_STYLES: tuple[tuple[_TokenType, TokenKind], ...] = (
    (Token.Comment, TokenKind("comment", "hljs-comment", italic=True)),
    (Token.Keyword.Constant, TokenKind("keyword", "hljs-literal", bold=True)),
    (Token.Keyword, TokenKind("keyword", "hljs-keyword", bold=True)),
    (Token.Operator.Word, TokenKind("keyword", "hljs-keyword", bold=True)),
    (Token.Name.Builtin, TokenKind("keyword", "hljs-built_in", bold=True)),
    (Token.Name.Function, TokenKind("function", "hljs-title function_")),
    (Token.Name.Class, TokenKind("function", "hljs-title class_")),
    (Token.Name.Decorator, TokenKind("function", "hljs-title function_")),
    (Token.Literal.String, TokenKind("string", "hljs-string")),
    (Token.Literal.Number, TokenKind("number", "hljs-number")),
)


@dataclass(frozen=True)
class TokenStyle:
    """A token's colour ("#RRGGBB"), weight and slant in one theme."""

    color: str
    bold: bool
    italic: bool


def token_kind(ttype: _TokenType) -> TokenKind | None:
    """How a token type looks; None for plain code text."""
    return next((kind for parent, kind in TOKEN_STYLES if ttype in parent), None)


def token_style(theme: Theme, ttype: _TokenType, *, highlighted: bool = False) -> TokenStyle:
    """A token's colour and emphasis from the theme (plain text: `code_text`); highlighted lines are bold."""
    kind = token_kind(ttype)
    if kind is None:
        return TokenStyle(theme.colors.code_text, highlighted, False)
    return TokenStyle(getattr(theme.colors, f"syntax_{kind.role}"), kind.bold or highlighted, kind.italic)


def hljs_class(ttype: _TokenType) -> str:
    """The highlight.js class for a token type ('' for plain text)."""
    kind = token_kind(ttype)
    return kind.hljs if kind else ""


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
