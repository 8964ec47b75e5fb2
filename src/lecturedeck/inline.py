"""Inline markdown (bold, italic, code, links, $math$) → spans, shared by every renderer.

Text fields in an outline carry inline markup only. Parsing it once into spans lets each
renderer emit its own safe form: the Marp renderer re-escapes literal text so that user text
can never become structure, and the PPTX renderer turns spans into runs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

SAFE_LINK = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w.-]+(/|$))", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A run of text with uniform inline style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    math: bool = False
    link: str | None = None


Inline = tuple[Span, ...]


def _math_rule(state: StateInline, silent: bool) -> bool:
    """`$…$` inline math: no space just inside the dollars, not followed by a digit."""
    src, pos = state.src, state.pos
    if src[pos] != "$" or src.startswith("$$", pos):
        return False
    end = pos + 1
    while True:
        end = src.find("$", end)
        if end < 0:
            return False
        if src[end - 1] != "\\":
            break
        end += 1
    body = src[pos + 1 : end]
    if not body or body != body.strip() or (end + 1 < len(src) and src[end + 1].isdigit()):
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = body
    state.pos = end + 1
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link", "escape", "newline"])
    md.inline.ruler.before("escape", "math_inline", _math_rule)
    return md


def is_wide(ch: str) -> bool:
    """Full-width (CJK) characters: no spaces between them, and a line may break between any two."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _join_soft_break(before: str, after: str) -> str:
    """A line break inside a paragraph: a space between Latin words, nothing between CJK."""
    if before and after and (is_wide(before[-1]) or is_wide(after[0])):
        return ""
    return " "


def parse_inline(text: str) -> Inline:
    """Parse one text field into spans. Newlines become spaces (none between CJK characters)."""
    text = text.strip()
    if not text:
        return ()
    # Images are not inline markup here: `![alt](src)` stays literal text (images are slides).
    tokens = _parser().parseInline(text.replace("![", "!\\["))[0].children or []
    spans: list[Span] = []
    style = Span("")
    for tok in tokens:
        if tok.type == "text":
            spans.append(replace(style, text=tok.content))
        elif tok.type in ("softbreak", "hardbreak"):
            spans.append(replace(style, text="\n"))
        elif tok.type == "code_inline":
            spans.append(replace(style, text=tok.content, code=True))
        elif tok.type == "math_inline":
            spans.append(replace(style, text=tok.content, math=True))
        elif tok.type == "strong_open":
            style = replace(style, bold=True)
        elif tok.type == "strong_close":
            style = replace(style, bold=False)
        elif tok.type == "em_open":
            style = replace(style, italic=True)
        elif tok.type == "em_close":
            style = replace(style, italic=False)
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            style = replace(style, link=href if SAFE_LINK.match(href) else None)
        elif tok.type == "link_close":
            style = replace(style, link=None)
    return _merge(_resolve_breaks(spans))


def _resolve_breaks(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for i, span in enumerate(spans):
        if span.text != "\n":
            out.append(span)
            continue
        before = out[-1].text if out else ""
        after = next((s.text for s in spans[i + 1 :] if s.text != "\n"), "")
        out.append(replace(span, text=_join_soft_break(before, after)))
    return [s for s in out if s.text]


def _merge(spans: list[Span]) -> Inline:
    merged: list[Span] = []
    for span in spans:
        if merged and replace(merged[-1], text="") == replace(span, text="") and not span.math:
            merged[-1] = replace(span, text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


def plain_text(spans: Inline) -> str:
    """The text a reader sees (math shown as its source)."""
    return "".join(s.text for s in spans)


def text_span(text: str) -> Inline:
    """Literal text (no markup parsing), e.g. for generated labels."""
    return (Span(text),) if text else ()


def emphasised(body: str, span: Span) -> str:
    """Markdown `body` in the span's emphasis: `*…*` when italic, inside `**…**` when bold."""
    if span.italic:
        body = f"*{body}*"
    return f"**{body}**" if span.bold else body


def code_span(text: str) -> str:
    """`text` as a CommonMark code span, which `parse_inline` reads back as that text: fenced by one backtick
    more than its longest run of backticks, padded with a space when it starts or ends with a backtick or space."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"
