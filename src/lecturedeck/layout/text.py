"""Text helpers the layout uses: whole words, ellipsis, heights at a size and line height, labels cut into lines."""

from __future__ import annotations

from dataclasses import replace

from lecturedeck.inline import Inline, plain_text, text_span
from lecturedeck.layout.model import Paragraph, TextStyle
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.textsplit import split_inline

ELLIPSIS = "…"


def words_fit(ms: Measurer, spans: Inline, size: float, width: float, bold: bool = False) -> bool:
    """Whether every word of the spans fits on one line `width` px wide."""
    return ms.longest_word(spans, size, bold) <= width


def height(ms: Measurer, spans: Inline, size: float, width: float, line_height: float, bold: bool = False) -> float:
    """Height of the spans wrapped in `width` at `size` px and a line height."""
    if not plain_text(spans):
        return 0.0
    return ms.lines(spans, size, width, bold).count * size * line_height


def ellipsize(ms: Measurer, text: str, size: float, width: float) -> str:
    """The text, shortened at the end with an ellipsis so that it fits on one line of `width` px."""
    if ms.text_width(text_span(text), size) <= width:
        return text
    cut = len(text)
    while cut > 0 and ms.text_width(text_span(text[:cut].rstrip() + ELLIPSIS), size) > width:
        cut -= 1
    return text[:cut].rstrip(" ·") + ELLIPSIS


def label_paragraphs(ms: Measurer, spans: Inline, style: TextStyle, width: float) -> tuple[Paragraph, ...]:
    """A short label `width` px wide as one paragraph per line of `Measurer.label_lines` (balanced, no lone CJK
    character last), so that every renderer shows those breaks and not its own greedy ones. Kept as one
    paragraph when a line would start inside inline math or code; none for empty text."""
    if not plain_text(spans):
        return ()
    starts = ms.label_lines(spans, style.size, width, style.bold).starts
    if any(_inside_math_or_code(spans, i) for i in starts[1:]):
        return ((spans, style),)
    lines: list[Paragraph] = []
    rest, offset = spans, 0
    for end in [*starts[1:], len(plain_text(spans))]:
        line, rest = split_inline(rest, end - offset)
        offset = end
        lines.append((_stripped(line), style))
    return tuple(lines)


def paragraphs_height(paragraphs: tuple[Paragraph, ...]) -> float:
    """Height of one-line paragraphs (as `label_paragraphs` gives) at their sizes and line heights."""
    return sum(style.size * style.line_height for _, style in paragraphs)


def _inside_math_or_code(spans: Inline, offset: int) -> bool:
    pos = 0
    for span in spans:
        if pos < offset < pos + len(span.text):
            return span.math or span.code
        pos += len(span.text)
    return False


def _stripped(spans: Inline) -> Inline:
    """The spans without the spaces a line break leaves at either end."""
    out = list(spans)
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return tuple(s for s in out if s.text)
