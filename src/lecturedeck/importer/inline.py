"""A deck's inline Markdown → the outline's inline markup (bold, italic, code, links, $math$), read by the
same parser as every outline text (`lecturedeck.inline`), so what the deck showed is what the outline
shows; what the outline cannot show (inline HTML, emoji shortcodes, strikethrough) is reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import groupby

from lecturedeck.inline import Inline, Span, code_span, emphasised, parse_inline
from lecturedeck.mathtext import math_error
from lecturedeck.outline.text_policy import REFUSED, REFUSED_IN_CODE

INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
SHORTCODE = re.compile(r"(?<![\w:/]):[a-z0-9_+-]+:(?![\w/])")
STRIKE = re.compile(r"~~[^~\s][^~]*~~")
TEXT_SPECIALS = re.compile(r"([\\*`\[\]$])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
WEB_LINK = re.compile(r"^(?:https?:|mailto:|#)", re.IGNORECASE)
LINK_UNSAFE = re.compile(r"[\s()<>]")

Warn = Callable[[str], None]


def outline_text(raw: str, warn: Warn) -> str:
    """One text field of the outline from a deck's inline Markdown (line breaks become spaces)."""
    text = LINE_BREAK_TAG.sub(" ", raw)
    tags = sorted({t.group() for t in INLINE_TAG.finditer(text)})
    if tags:
        warn(f"inline HTML {', '.join(tags)} not carried over (its text is kept)")
        text = INLINE_TAG.sub("", text)
    for found in dict.fromkeys(SHORTCODE.findall(text)):
        warn(f"emoji shortcode {found} kept as text: type the emoji itself to show it")
    if STRIKE.search(text):
        warn("~~strikethrough~~ is not part of the outline's inline markup: kept as text with its tildes")
    spans = _math_checked(parse_inline(notes_text(text)), warn)
    for link in dict.fromkeys(s.link for s in spans if s.link and not WEB_LINK.match(s.link)):
        warn(f"the link to {link} is kept, but that file is not part of the course: link to its web address")
    return to_outline(spans)


def notes_text(raw: str) -> str:
    """Speaker notes as the outline keeps them: lines kept, tabs as spaces, characters slides cannot show
    left out."""
    return REFUSED.sub("", raw.replace("\t", "    "))


def code_text(raw: str) -> str:
    """A listing as the outline keeps it: tabs and lines kept, characters slides cannot show left out."""
    return REFUSED_IN_CODE.sub("", raw)


def _math_checked(spans: Inline, warn: Warn) -> Inline:
    """Inline formulas the outputs cannot draw become text (with their dollars), with a warning."""
    out = []
    for span in spans:
        problem = math_error(span.text, display=False) if span.math else None
        if problem:
            warn(f"inline math ${span.text}$ kept as text: {problem.splitlines()[0]}")
            span = replace(span, text=f"${span.text}$", math=False)
        out.append(span)
    return tuple(out)


def to_outline(spans: Inline) -> str:
    """Spans as the outline's inline markup, which `parse_inline` reads back as the same spans."""
    parts = []
    for link, run in groupby(spans, key=lambda s: s.link):
        body = "".join(_span(s) for s in run)
        if link is None:
            parts.append(body)
        else:
            target = f"<{link}>" if LINK_UNSAFE.search(link) else link
            parts.append(f"[{body}]({target})")
    return "".join(parts).strip()


def _span(span: Span) -> str:
    if span.code:
        body = code_span(span.text)
    elif span.math:
        body = f"${span.text}$"
    else:
        core = span.text.strip()
        if not (span.bold or span.italic) or not core:
            return TEXT_SPECIALS.sub(r"\\\g<0>", span.text)
        lead = span.text[: len(span.text) - len(span.text.lstrip())]
        trail = span.text[len(span.text.rstrip()) :]
        return lead + emphasised(TEXT_SPECIALS.sub(r"\\\g<0>", core), span) + trail
    return emphasised(body, span)
