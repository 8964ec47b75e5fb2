"""Spans and notes → Marp markdown that can never change the deck's structure.

Every ASCII punctuation character a CommonMark/Marp rule could react to is backslash-escaped in
literal text, so a bullet reading `---`, `# x`, `<!-- _class: lead -->`, `![bg](x.png)` or
`| a |` renders as exactly that text.
"""

from __future__ import annotations

import re

import yaml

from lecturedeck.inline import Inline, Span, code_span, emphasised
from lecturedeck.outline.yaml_source import OverLimit, compose
from lecturedeck.yaml_quote import yaml_quoted

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#!|$&~{}()+\-.=:\"'^])")
WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")
MAGIC_COMMENTS = re.compile(r"^(prettier-ignore|markdownlint-|lint (disable|enable|ignore))")
ZERO_WIDTH_SPACE = "\u200b"
ALT_REPLACE = str.maketrans({"[": "(", "]": ")", "\\": " ", "*": " ", "`": " ", "$": "＄", "<": "‹", ">": "›"})
ALT_KEYWORD = re.compile(
    r"^(?:[a-z-]+:.*|[\d.]+%|bg|contain|cover|fit|auto|left|right|vertical|blur|brightness|contrast|drop-shadow"
    r"|grayscale|hue-rotate|invert|opacity|saturate|sepia)$",
    re.IGNORECASE,
)


def escape_text(text: str) -> str:
    """Literal text → markdown that renders as exactly that text (whitespace collapsed)."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", WHITESPACE_RUN.sub(" ", text))


def _code(text: str, in_table: bool) -> str:
    text = WHITESPACE_RUN.sub(" ", text)
    if in_table:
        text = text.replace("|", "\\|")
    return code_span(text)


def _math(latex: str, in_table: bool) -> str:
    latex = WHITESPACE_RUN.sub(" ", latex)
    return "$" + (latex.replace("|", "\\|") if in_table else latex) + "$"


def _styled(span: Span, body: str) -> str:
    body = emphasised(body, span)
    if span.link:
        body = f"[{body}](<{span.link.replace('<', '%3C').replace('>', '%3E').replace(' ', '%20')}>)"
    return body


def to_markdown(spans: Inline, *, in_table: bool = False) -> str:
    """Inline spans → one line of Marp markdown."""
    out = []
    for span in spans:
        if span.code:
            body = _code(span.text, in_table)
        elif span.math:
            body = _math(span.text, in_table)
        else:
            core = span.text.strip() if (span.bold or span.italic) else span.text
            lead = span.text[: len(span.text) - len(span.text.lstrip())] if core != span.text else ""
            trail = span.text[len(span.text.rstrip()) :] if core != span.text else ""
            body = escape_text(lead) + _styled(span, escape_text(core)) + escape_text(trail)
            out.append(body)
            continue
        out.append(_styled(span, body))
    return "".join(out)


def image_alt(text: str) -> str:
    """Alt text that Marp shows as written and cannot read as image keywords (bg, w:300, left …).

    Marp rebuilds an image's alt from the raw source words that are not keywords, so escapes and
    character references would show literally. Instead, characters that would break the image
    label become look-alikes (ALT_REPLACE), and words that are keywords get a leading zero-width
    space so they no longer match.
    """
    words = text.translate(ALT_REPLACE).split()
    return " ".join(f"{ZERO_WIDTH_SPACE}{w}" if ALT_KEYWORD.match(w) else w for w in words)


def notes_comment(notes: str) -> str:
    """Speaker notes as a Marp presenter-note comment that Marp cannot mistake for directives."""
    body = notes.strip().replace("-->", "--\u200b>").replace("--!>", "--\u200b!>")
    if not body:
        return ""
    first = body.splitlines()[0]
    if _reads_as_mapping(body) or MAGIC_COMMENTS.match(first):
        body = ZERO_WIDTH_SPACE + body
    return f"<!--\n{body}\n-->"


def _reads_as_mapping(text: str) -> bool:
    """Whether YAML reads `text` as a mapping (whose keys Marp would take for directives); text nested too
    deep or large to tell counts as one."""
    try:
        return isinstance(compose(text), yaml.MappingNode)
    except OverLimit:
        return True
    except yaml.YAMLError:
        return False


def yaml_string(text: str) -> str:
    """A front-matter value (such as the footer): one line, as a quoted YAML scalar that adds no directive."""
    return yaml_quoted(text.replace("\n", " "))
