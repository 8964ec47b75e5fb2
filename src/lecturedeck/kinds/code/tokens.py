"""A listing's lines as coloured tokens, made once at layout time for both renderers.

Pygments lexes the code; one table (`TOKEN_STYLES`) says, per Pygments token type, how a token looks
(`layout.model.TokenKind`: which theme `syntax_*` colour, bold or italic, and which highlight.js class
the Marp listing gives it; the theme CSS colours exactly these classes the same way). The PPTX colours
its runs with `token_style`, so every token has the same colour and weight in both outputs.

The lexed lines depend only on the language, the code, this table and Pygments, so they are kept in the
user cache ($XDG_CACHE_HOME/lecturedeck/code/): a build whose listings were seen before loads no Pygments
(importing it and compiling a lexer's rules costs ≈ 60 ms a process for Python).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lecturedeck.kinds.code.measure import TAB_SIZE
from lecturedeck.layout.model import CodeLine, TokenKind
from lecturedeck.output import cached
from lecturedeck.plan.model import CodeBlock
from lecturedeck.themes import Theme

FOLDER = "code"
FORMAT = 1  # the layout of the entries: a new one never reads the old

# Pygments token type → how it looks (first match wins). templates/theme.css.j2 styles the same classes.
TOKEN_STYLES: tuple[tuple[str, TokenKind], ...] = (
    ("Token.Comment", TokenKind("comment", "hljs-comment", italic=True)),
    ("Token.Keyword.Constant", TokenKind("keyword", "hljs-literal", bold=True)),
    ("Token.Keyword", TokenKind("keyword", "hljs-keyword", bold=True)),
    ("Token.Operator.Word", TokenKind("keyword", "hljs-keyword", bold=True)),
    ("Token.Name.Builtin", TokenKind("keyword", "hljs-built_in", bold=True)),
    ("Token.Name.Function", TokenKind("function", "hljs-title function_")),
    ("Token.Name.Class", TokenKind("function", "hljs-title class_")),
    ("Token.Name.Decorator", TokenKind("function", "hljs-title function_")),
    ("Token.Literal.String", TokenKind("string", "hljs-string")),
    ("Token.Literal.Number", TokenKind("number", "hljs-number")),
)
PLAIN = -1  # a token of plain code text, in a kept entry

Lexed = list[list[tuple[int, str]]]  # per line: (index in TOKEN_STYLES or PLAIN, text)


def code_lines(block: CodeBlock) -> tuple[CodeLine, ...]:
    """The block's lines as coloured tokens (tabs expanded), numbered from `first_line`."""
    lexed = _lexed(block.language, block.code.rstrip("\n").expandtabs(TAB_SIZE))
    marked = set(block.highlight)
    return tuple(
        CodeLine(number, number in marked, tuple((_kind(index), text) for index, text in tokens))
        for number, tokens in enumerate(lexed, start=block.first_line)
    )


@dataclass(frozen=True)
class TokenStyle:
    """A token's colour ("#RRGGBB"), weight and slant in one theme."""

    color: str
    bold: bool
    italic: bool


def token_style(theme: Theme, kind: TokenKind | None, *, highlighted: bool = False) -> TokenStyle:
    """A token's colour and emphasis from the theme (plain text: `code_text`); highlighted lines are bold."""
    if kind is None:
        return TokenStyle(theme.colors.code_text, highlighted, False)
    return TokenStyle(getattr(theme.colors, f"syntax_{kind.role}"), kind.bold or highlighted, kind.italic)


def _kind(index: int) -> TokenKind | None:
    return None if index == PLAIN else TOKEN_STYLES[index][1]


@cache
def _version() -> str:
    """What the lexed lines depend on besides the code: this module and Pygments."""
    return cached.code_digest(FORMAT, [Path(__file__)], ["pygments"])


def _encode(lexed: Lexed) -> bytes:
    return json.dumps(lexed, ensure_ascii=False).encode()


def _decode(data: bytes) -> Lexed:
    lexed = json.loads(data)
    for line in lexed:
        for index, text in line:
            if not isinstance(text, str) or not PLAIN <= index < len(TOKEN_STYLES):
                raise ValueError("not a lexed listing")
    return [[(index, text) for index, text in line] for line in lexed]


@cached.kept(FOLDER, _version, "json", _encode, _decode)
def _lexed(language: str, code: str) -> Lexed:
    """The code's lines as (style index, text) tokens, by Pygments' lexer for `language` (plain text for
    a language it does not know)."""
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False, ensurenl=False)
    lines: Lexed = [[]]
    for ttype, value in lexer.get_tokens(code):
        index = _style_index(str(ttype))
        for i, piece in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((index, piece))
    return lines


def _style_index(name: str) -> int:
    """The first TOKEN_STYLES entry whose type is `name` or one of its parents ("Token.Keyword.Constant")."""
    return next(
        (i for i, (parent, _) in enumerate(TOKEN_STYLES) if name == parent or name.startswith(parent + ".")), PLAIN
    )
