"""Measure planned content against a theme's boxes: line breaks of inline text and block heights.

Every number here mirrors the CSS and PPTX layout defined in `plan.metrics`. Widths are scaled
up by WIDTH_SAFETY so that text measured to fit also fits in renderers using other fonts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from lecturedeck.inline import Inline
from lecturedeck.kinds import kind_of
from lecturedeck.plan import metrics as m
from lecturedeck.plan.fonts import glyph_widths
from lecturedeck.plan.geometry import title_box
from lecturedeck.plan.hyphenate import fit_words, strip_breaks, word_spans
from lecturedeck.plan.linebreak import INVISIBLE, SOFT_HYPHEN, break_lines, label_breaks
from lecturedeck.plan.mathwidth import math_em
from lecturedeck.plan.model import (
    Block,
    ImageBlock,
    Slide,
)
from lecturedeck.themes import Theme

# Widths are measured 5% wide. Glyphs come from the face the clients draw them in (see fonts.py),
# where Chromium's and LibreOffice's PDFs of every course draw Latin spans at 0.998-1.003 of the
# measured width; this covers what they do not: LibreOffice draws a link's Latin letters in the CJK
# face when the link holds CJK (+2.9%), renderer fonts absent here, different break opportunities
# pushing a whole word to the next line, and sub-pixel rounding. For CJK text it costs ~2 characters
# per 38-character line — one extra line in about twenty, which is cheap next to an overflow.
WIDTH_SAFETY = 1.05
EPSILON_PX = 0.01  # float noise when widths exactly fill a box
CACHE_LIMIT = 200_000  # entries of one measuring cache (tens of MB); the sample course makes ~2,000

Breaker = Callable[[str, Sequence[float], float, float], list[int]]  # plan.linebreak's break_lines or label_breaks
Value = TypeVar("Value")


class _Memo(Generic[Value]):
    """Measurements per (spans, arguments), found first by the spans' identity and then by their value:
    hashing a text's spans (each a dataclass) costs more than most lookups save, and fitting measures the
    same span objects again and again. Emptied when it holds CACHE_LIMIT entries (a long `deck serve`
    measures ever new text)."""

    def __init__(self) -> None:
        self._by_value: dict[tuple[object, ...], Value] = {}
        self._by_identity: dict[tuple[object, ...], tuple[Inline, Value]] = {}  # holds the spans: ids stay theirs

    def __len__(self) -> int:
        """How many measurements are kept (the larger of the two indexes)."""
        return max(len(self._by_value), len(self._by_identity))

    def get(self, spans: Inline, *args: object) -> Value | None:
        """The value kept for these spans and arguments, or None."""
        same, equal = (id(spans), *args), (spans, *args)
        entry = self._by_identity.get(same)
        if entry is not None and entry[0] is spans:
            return entry[1]
        found = self._by_value.get(equal)
        if found is not None:
            self._remember(spans, args, found)
        return found

    def keep(self, spans: Inline, *args: object, value: Value) -> Value:
        """Keep `value` for these spans and arguments; returns it."""
        if len(self._by_value) >= CACHE_LIMIT:
            self._by_value.clear()
        equal = (spans, *args)
        self._by_value[equal] = value
        self._remember(spans, args, value)
        return value

    def _remember(self, spans: Inline, args: tuple[object, ...], value: Value) -> None:
        if len(self._by_identity) >= CACHE_LIMIT:
            self._by_identity.clear()
        same = (id(spans), *args)
        self._by_identity[same] = (spans, value)


@dataclass(frozen=True)
class Lines:
    """Inline text broken into lines: start offsets into its plain text."""

    starts: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.starts)


class Measurer:
    """Measures text and blocks for one theme; line breaks and longest words are kept per text and size
    (see _Memo)."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.gap = theme.spacing.paragraph_gap
        self.block_gap = m.block_gap(theme)
        self._lines: _Memo[Lines] = _Memo()  # lines: per spans, size, width, bold
        self._labels: _Memo[Lines] = _Memo()  # label_lines
        self._words: _Memo[float] = _Memo()  # longest_word: per spans, size, bold, breaks

    # ---- inline text -------------------------------------------------------------------------

    def char_widths(self, spans: Inline, size: float, bold: bool = False) -> list[float]:
        """Advance of every character of the spans' plain text, in px, safety margin included. A math span's
        width (as drawn: `plan.mathwidth`) is shared evenly by the characters of its LaTeX."""
        fonts = self.theme.fonts
        out: list[float] = []
        for span in spans:
            glyphs = glyph_widths(fonts, span.code, (bold or span.bold) and not span.code)
            scale = size * WIDTH_SAFETY
            if span.math:
                out.extend([math_em(span.text, glyphs) * scale / len(span.text)] * len(span.text))
                continue
            widths = [0.0 if ch in INVISIBLE else glyphs.em(ch) * scale for ch in span.text]
            if span.code and widths:
                pad = m.INLINE_CODE_PAD_EM * scale
                widths[0] += pad
                widths[-1] += pad
            out.extend(widths)
        return out

    def hyphen_width(self, size: float, bold: bool = False) -> float:
        """Width of the hyphen a line ending at a soft hyphen shows, safety margin included."""
        return glyph_widths(self.theme.fonts, False, bold).em("-") * size * WIDTH_SAFETY

    def lines(self, spans: Inline, size: float, width: float, bold: bool = False) -> Lines:
        """How the spans wrap at `size` px in a box `width` px wide (`bold`: all of it bold, as headings).

        Breaks like a browser (see `plan.linebreak`): at spaces, CJK characters, zero-width spaces
        and soft hyphens (a line ending at one needs room for its hyphen), never inside inline math."""
        return self._wrapped(self._lines, break_lines, spans, size, width, bold)

    def label_lines(self, spans: Inline, size: float, width: float, bold: bool = False) -> Lines:
        """How a short label (a node, a timeline event) wraps: as many lines as `lines`, balanced, without a
        lone CJK character on the last line, at spaces and punctuation where they read well (`plan.linebreak.
        label_breaks`). Renderers must be given these lines: they would break greedily."""
        return self._wrapped(self._labels, label_breaks, spans, size, width, bold)

    def _wrapped(
        self, cache: _Memo[Lines], breaker: Breaker, spans: Inline, size: float, width: float, bold: bool
    ) -> Lines:
        found = cache.get(spans, size, width, bold)
        if found is None:
            text = breaking_text(spans)
            widths = self.char_widths(spans, size, bold)
            starts = breaker(text, widths, width, self.hyphen_width(size, bold)) if text else []
            found = cache.keep(spans, size, width, bold, value=Lines(tuple(starts)))
        return found

    def fit_words(self, spans: Inline, size: float, width: float, bold: bool = False, lang: str = "en") -> Inline:
        """The spans with soft hyphens / zero-width spaces in every word too wide for one line of
        `width` px at `size` px (see `plan.hyphenate.fit_words`); other words are left alone."""
        return fit_words(spans, size, width, bold, lang, self)

    def longest_word(self, spans: Inline, size: float, bold: bool = False, breaks: bool = True) -> float:
        """Width of the widest run of the spans no line break may cut: the narrowest line they fit.

        `breaks=False` ignores inserted soft hyphens and zero-width spaces (the words as written)."""
        found = self._words.get(spans, size, bold, breaks)
        if found is None:
            measured = strip_breaks(spans) if not breaks else spans
            found = self._words.keep(spans, size, bold, breaks, value=self._longest_word(measured, size, bold))
        return found

    def _longest_word(self, spans: Inline, size: float, bold: bool) -> float:
        text = breaking_text(spans)
        if not text:
            return 0.0
        widths = self.char_widths(spans, size, bold)
        hyphen = self.hyphen_width(size, bold)
        return max(
            (sum(widths[a:b]) + (hyphen if text[b - 1] == SOFT_HYPHEN else 0.0) for a, b in word_spans(text)),
            default=0.0,  # only spaces
        )

    def text_width(self, spans: Inline, size: float, bold: bool = False) -> float:
        """Unwrapped width of the spans."""
        return sum(self.char_widths(spans, size, bold))

    def text_height(self, spans: Inline, width: float, size: float | None = None, bold: bool = False) -> float:
        """Height of wrapped text at body line height (0 for empty text)."""
        size = size or self.theme.sizes.base
        return self.lines(spans, size, width, bold).count * size * self.theme.spacing.line_height

    def title_lines(self, title: Inline) -> int:
        """Lines a slide title wraps to (titles are bold)."""
        return max(1, self.lines(title, self.theme.sizes.title, title_box(self.theme).w, bold=True).count)

    def slide_title_lines(self, slide: Slide, title: Inline) -> int:
        """Lines the slide's title box holds for `title` (the title it shows): as many as the fit step measured,
        or as `title` wraps to if more (a slide laid out without the fit step)."""
        return max(slide.title_lines, self.title_lines(title))

    # ---- blocks ------------------------------------------------------------------------------

    def blocks_height(self, blocks: tuple[Block, ...] | list[Block], width: float, box_h: float) -> float:
        """Blocks stacked in a column `width` px wide with block gaps between them."""
        flow = [b for b in blocks if not (isinstance(b, ImageBlock) and b.placement == "background")]
        if not flow:
            return 0.0
        return sum(self.block_height(b, width, box_h) for b in flow) + self.block_gap * (len(flow) - 1)

    def block_height(self, block: Block, width: float, box_h: float) -> float:
        """Height of one block laid out `width` px wide in a body box `box_h` px tall (its kind's `height`:
        images are capped to the box; graphics such as diagrams and timelines take all of it)."""
        return kind_of(block).height(self, block, width, box_h)

    # ---- lines of text (for balancing continuation slides) -----------------------------------

    def content_lines(self, blocks: tuple[Block, ...] | list[Block], width: float) -> int:
        """Lines of text a column of blocks shows, as a reader counts them: wrapped lines of text,
        list items and boxes, table rows (each as tall as its tallest cell), non-blank code lines,
        formula rows, captions; the taller column of a two-column block. Graphics count 0."""
        return sum(self._block_lines(b, width) for b in blocks)

    def _block_lines(self, block: Block, width: float) -> int:
        count = kind_of(block).lines
        return count(self, block, width) if count is not None else 0

    def fit_block_words(self, block: Block, width: float, lang: str) -> Block:
        """The block with break opportunities (`fit_words`) in every word too wide for its line when it is
        laid out `width` px wide (its kind's `words`; graphics fit their own labels)."""
        words = kind_of(block).words
        return words(self, block, width, lang) if words is not None else block


def breaking_text(spans: Inline) -> str:
    """The spans' plain text as line breaking sees it: each inline formula one unbreakable word (a stand-in
    letter for each of its characters, so offsets stay those of the plain text)."""
    return "".join("x" * len(span.text) if span.math else span.text for span in spans)


@lru_cache(maxsize=8)
def measurer(theme: Theme) -> Measurer:
    """The cached measurer of a theme."""
    return Measurer(theme)
