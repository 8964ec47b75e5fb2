"""Cutting inline text in two: at an exact character offset, preferably after a sentence."""

from __future__ import annotations

from dataclasses import replace

from lecturedeck.inline import Inline, Span

CJK_SENTENCE_END = frozenset("。！？；")
LATIN_SENTENCE_END = frozenset(".!?;")
CLOSERS = frozenset("”’\"')）」』】》〉]")


def split_inline(spans: Inline, offset: int) -> tuple[Inline, Inline]:
    """Spans before and after a character offset of their plain text; styles are kept."""
    head: list[Span] = []
    tail: list[Span] = []
    pos = 0
    for span in spans:
        end = pos + len(span.text)
        if end <= offset:
            head.append(span)
        elif pos >= offset:
            tail.append(span)
        else:
            head.append(replace(span, text=span.text[: offset - pos]))
            tail.append(replace(span, text=span.text[offset - pos :]))
        pos = end
    return tuple(head), tuple(tail)


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end (its closing quotes and following spaces included).

    Latin `.!?;` count only before a space, so "3.5", "e.g" and URLs are never cut.
    """
    ends: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        latin_end = ch in LATIN_SENTENCE_END and i + 1 < n and text[i + 1].isspace()
        if ch not in CJK_SENTENCE_END and not latin_end:
            continue
        end = i + 1
        while end < n and text[end] in CLOSERS:
            end += 1
        while end < n and text[end].isspace():
            end += 1
        if 0 < end < n and (not ends or ends[-1] != end):
            ends.append(end)
    return ends


def best_cut(text: str, line_starts: tuple[int, ...], max_lines: int) -> int:
    """Where to cut text whose first `max_lines` lines fit: after the last sentence ending within
    them, else at the start of line `max_lines + 1` (a line boundary is never inside a word)."""
    limit = line_starts[max_lines]
    fitting = [e for e in sentence_ends(text) if e <= limit]
    return fitting[-1] if fitting else limit
