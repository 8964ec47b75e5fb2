"""Greedy line breaking with CJK rules, like a browser with `overflow-wrap: anywhere`.

Break opportunities: after spaces, after a hyphen between letters, after a zero-width space
(U+200B) or a soft hyphen (U+00AD), and before or after any full-width character — except before
closing punctuation and after opening punctuation (kinsoku). Quotation marks never take a break
on either side (fewer opportunities than a real renderer means at least as many lines:
conservative). A line that ends at a soft hyphen shows a hyphen, so it must leave room for one.
A word wider than the line breaks anywhere (the fit step inserts soft hyphens first, see
`plan.hyphenate`, so planned text never needs that).
"""

from __future__ import annotations

from collections.abc import Sequence

from lecturedeck.inline import is_wide

SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH_SPACE = "\u200b"
INVISIBLE = frozenset(SOFT_HYPHEN + ZERO_WIDTH_SPACE)  # no width unless a soft hyphen ends a line
NO_BREAK_BEFORE = frozenset(
    "。，、；：！？）」』】》〉〕］｝〗〙〛…‥・ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ.,;:!?)]}%”’\"'｡､"
)
NO_BREAK_AFTER = frozenset("（「『【《〈〔［｛〖〘〚([{“‘\"'$£¥￥")


def can_break_before(text: str, i: int) -> bool:
    """Whether a line may start at text[i] (0 < i < len(text))."""
    a, b = text[i - 1], text[i]
    if b.isspace() or b in INVISIBLE:
        return False
    if a.isspace() or a in INVISIBLE:
        return True
    if b in NO_BREAK_BEFORE or a in NO_BREAK_AFTER:
        return False
    if a == "-":
        return i >= 2 and text[i - 2].isalpha() and b.isalpha()
    return is_wide(a) or is_wide(b)


def break_lines(text: str, widths: Sequence[float], max_width: float, hyphen: float = 0.0) -> list[int]:
    """Start offsets of the lines `text` wraps to in `max_width` (the first is always 0).

    `widths[i]` is the advance of text[i] (0 for soft hyphens and zero-width spaces); `hyphen` is
    the width of the hyphen a line ending at a soft hyphen shows. Trailing spaces hang past the
    line end, as in CSS.
    """
    starts = [0]
    line_w = 0.0  # width of the current line, spaces included
    seg_start = 0
    n = len(text)
    for end in range(1, n + 1):
        if end < n and not can_break_before(text, end):
            continue
        seg_w = sum(widths[seg_start:end])
        ink_end = end
        while ink_end > seg_start and text[ink_end - 1].isspace():
            ink_end -= 1
        ink = sum(widths[seg_start:ink_end])
        if end < n and text[end - 1] == SOFT_HYPHEN:
            ink += hyphen  # shown if the line ends here (counted whether or not it does: conservative)
        if line_w > 0 and line_w + ink > max_width:
            starts.append(seg_start)
            line_w = 0.0
        if line_w == 0 and ink > max_width:
            line_w = (
                _break_anywhere(seg_start, ink_end, widths, max_width, starts) + seg_w - sum(widths[seg_start:ink_end])
            )
        else:
            line_w += seg_w
        seg_start = end
    return starts


def _break_anywhere(start: int, end: int, widths: Sequence[float], max_width: float, starts: list[int]) -> float:
    """Break text[start:end] between any characters; returns the width of its last line."""
    line_w = 0.0
    for i in range(start, end):
        if line_w > 0 and line_w + widths[i] > max_width:
            starts.append(i)
            line_w = 0.0
        line_w += widths[i]
    return line_w
