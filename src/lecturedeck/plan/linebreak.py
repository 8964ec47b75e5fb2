"""Greedy line breaking with CJK rules, like a browser with `overflow-wrap: anywhere`.

Break opportunities: after spaces, after a hyphen between letters, after a zero-width space
(U+200B) or a soft hyphen (U+00AD), and before or after any full-width character — except before
closing punctuation and after opening punctuation (kinsoku). Quotation marks never take a break
on either side (fewer opportunities than a real renderer means at least as many lines:
conservative). A line that ends at a soft hyphen shows a hyphen, so it must leave room for one.
A word wider than the line breaks anywhere (the fit step inserts soft hyphens first, see
`plan.hyphenate`, so planned text never needs that).

Short labels (diagram and mind-map nodes, timeline events) are broken by `label_breaks` instead: as few
lines as greedy breaking gives, balanced, with no last line of one CJK character when that can be avoided,
and at spaces and punctuation rather than inside a run of CJK characters when that is nearly as balanced.
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
OPENING = frozenset("（「『【《〈〔［｛〖〘〚([{“‘")
CLOSING = frozenset("。，、；：！？）」』】》〉〕］｝〗〙〛)]}”’")
# A label breaks at spaces and punctuation (`reads_well`) when its widest line is then at most this much
# wider than the most balanced breaks ("B+ 树 / （数据库索引）", not "B+ 树（数 / 据库索引）").
LABEL_SLACK = 1.5


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


def reads_well(text: str, i: int) -> bool:
    """Whether a line break before text[i] falls where a reader expects one in a label: after a space,
    before opening or after closing punctuation, or where CJK and Latin text meet (not inside a run of
    CJK characters, nor inside a word at a hyphen, soft hyphen or zero-width space)."""
    a, b = text[i - 1], text[i]
    if a.isspace() or b in OPENING or a in CLOSING:
        return True
    return is_wide(a) != is_wide(b) and a not in INVISIBLE and a != "-"


def label_breaks(text: str, widths: Sequence[float], max_width: float, hyphen: float = 0.0) -> list[int]:
    """Start offsets of the lines of a short label in `max_width` (arguments as for `break_lines`).

    As many lines as `break_lines` gives, but balanced: the breaks whose widest line is narrowest, and
    among those none that leaves one CJK character alone on the last line. Breaks that all `read_well`
    win when their widest line is within LABEL_SLACK of that. A word wider than the line: `break_lines`."""
    greedy = break_lines(text, widths, max_width, hyphen)
    if len(greedy) < 2:
        return greedy
    line = _LineWidths(text, widths, hyphen)
    cuts = [i for i in range(1, len(text)) if can_break_before(text, i)]
    best = _balanced(line, cuts, len(greedy), max_width)
    if best is None:  # a word wider than the line
        return greedy
    nice = _balanced(line, [i for i in cuts if reads_well(text, i)], len(greedy), max_width)
    if nice is not None and nice[0] <= best[0] * LABEL_SLACK:
        return nice[1]
    return best[1]


class _LineWidths:
    """Ink widths of candidate lines text[a:b]: trailing spaces hang, a soft hyphen at the end shows."""

    def __init__(self, text: str, widths: Sequence[float], hyphen: float) -> None:
        self.text, self.hyphen = text, hyphen
        self.sums = [0.0]
        for w in widths:
            self.sums.append(self.sums[-1] + w)

    def ink(self, a: int, b: int) -> float:
        end = b
        while end > a and self.text[end - 1].isspace():
            end -= 1
        shown = self.hyphen if b < len(self.text) and self.text[b - 1] == SOFT_HYPHEN else 0.0
        return self.sums[end] - self.sums[a] + shown

    def widow(self, a: int) -> bool:
        """Whether the line from `a` to the end is one CJK character."""
        rest = "".join(ch for ch in self.text[a:] if ch not in INVISIBLE).strip()
        return len(rest) == 1 and is_wide(rest)


def _balanced(line: _LineWidths, cuts: list[int], count: int, max_width: float) -> tuple[float, list[int]] | None:
    """(widest line, line starts) of the `count` lines breaking only at `cuts`, each at most `max_width`,
    whose widest line is narrowest (to 0.01 px), without a lone CJK character on the last line if possible,
    else with the earlier lines fuller (as greedy breaking fills them); None if there are none."""
    n = len(line.text)
    # best[j]: (widest line, starts) of the lines so far when the next line starts at j
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [0])}
    for _ in range(count - 1):
        step: dict[int, tuple[float, list[int]]] = {}
        for j in cuts:
            options = [(max(w, line.ink(a, j)), a, starts) for a, (w, starts) in best.items() if a < j]
            fitting = [o for o in options if o[0] <= max_width]
            if fitting:
                w, _, starts = min(fitting, key=lambda o: (round(o[0], 2), -o[1]))
                step[j] = (w, [*starts, j])
        best = step
    finals = [(max(w, line.ink(a, n)), line.widow(a), starts) for a, (w, starts) in best.items()]
    fitting = [f for f in finals if f[0] <= max_width]
    if not fitting:
        return None
    w, _, starts = min(fitting, key=lambda f: (round(f[0], 2), f[1], -f[2][-1]))
    return w, starts
