"""Break opportunities for words too long for their line, so that no renderer breaks a word blindly.

Renderers wrap with `overflow-wrap: anywhere` (HTML) or their own "break anywhere" fallback
(PowerPoint, LibreOffice): a word wider than its line is cut between any two letters, without a
hyphen ("Internationalizatio|n", "195|7"). `fit_words` prevents that by inserting, only into the
words that cannot fit on one line of the given width:

1. a zero-width space (U+200B) after the joints of URLs, paths and identifiers — after `/`, `_`,
   `?`, `&`, `=`, `\\`, `-`, and after `.` before a letter — so they wrap where a reader expects;
2. soft hyphens (U+00AD) at the hyphenation points of the pyphen dictionary of the course language
   (English for Latin words in Chinese or Japanese text) in pieces still too wide; in inline code,
   at camelCase and letter/digit joints instead;
3. soft hyphens wherever a piece is still too wide (a long number, a word without hyphenation points).

Both characters are invisible unless a line ends there, where a soft hyphen shows a hyphen
(Chromium; LibreOffice breaks there too but draws no hyphen). `plan.linebreak` treats both as
break opportunities, a soft hyphen costing a hyphen's width at a line end, so the fit step's line
counts stay exact. Math spans are never touched. Calling `fit_words` again changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Protocol

import pyphen

from lecturedeck.inline import Inline, Span, is_wide, plain_text
from lecturedeck.plan.linebreak import INVISIBLE, SOFT_HYPHEN, ZERO_WIDTH_SPACE, can_break_before

JOINTS = frozenset("/_?&=\\-")  # a zero-width space may follow these inside a too-long token
MIN_HYPHENATED = 5  # letters: shorter runs are never hyphenated by the dictionary
PYPHEN_FALLBACK = "en_US"


class WidthSource(Protocol):
    """What `fit_words` needs from a measurer (`plan.measure.Measurer` is one)."""

    def char_widths(self, spans: Inline, size: float, bold: bool = False) -> list[float]: ...

    def hyphen_width(self, size: float, bold: bool = False) -> float: ...


def fit_words(spans: Inline, size: float, width: float, bold: bool, lang: str, ms: WidthSource) -> Inline:
    """The spans with break opportunities inserted into every word wider than `width` px at `size` px.

    Words that fit on a line are left alone (a soft hyphen is never added where it is not needed);
    `bold` as for `Measurer.lines` (bold spans are measured bold anyway). `lang` chooses the
    hyphenation dictionary. Styles, links and every visible character are kept; math is untouched.
    Also available as `Measurer.fit_words(spans, size, width, bold, lang)`.
    """
    text = plain_text(spans)
    if not text or width <= 0:
        return spans
    widths = ms.char_widths(spans, size, bold)
    hyphen = ms.hyphen_width(size, bold)
    kinds = _char_kinds(spans)
    inserts: dict[int, str] = {}
    for start, end in _words(text):
        if _ink(text, widths, start, end, hyphen) <= width or "math" in kinds[start:end]:
            continue
        inserts.update(_word_breaks(text, widths, start, end, width, hyphen, kinds, lang))
    return _insert(spans, inserts) if inserts else spans


def strip_breaks(spans: Inline) -> Inline:
    """The spans without soft hyphens and zero-width spaces (the text as written)."""
    out = tuple(replace(s, text="".join(ch for ch in s.text if ch not in INVISIBLE)) for s in spans)
    return tuple(s for s in out if s.text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of text between break opportunities, trailing spaces excluded:
    what a line can never be narrower than."""
    return list(_words(text))


# ---- words and their breaks ----------------------------------------------------------------------


def _words(text: str):
    start = 0
    n = len(text)
    for end in range(1, n + 1):
        if end < n and not can_break_before(text, end):
            continue
        ink_end = end
        while ink_end > start and text[ink_end - 1].isspace():
            ink_end -= 1
        if ink_end > start:
            yield start, end if text[end - 1] == SOFT_HYPHEN else ink_end
        start = end


def _ink(text: str, widths: Sequence[float], start: int, end: int, hyphen: float) -> float:
    """Width of text[start:end] as the last thing on a line (a trailing soft hyphen shows)."""
    return sum(widths[start:end]) + (hyphen if text[end - 1] == SOFT_HYPHEN else 0.0)


def _char_kinds(spans: Inline) -> list[str]:
    kinds: list[str] = []
    for span in spans:
        kind = "math" if span.math else "code" if span.code else "text"
        kinds.extend([kind] * len(span.text))
    return kinds


def _word_breaks(
    text: str,
    widths: Sequence[float],
    start: int,
    end: int,
    width: float,
    hyphen: float,
    kinds: list[str],
    lang: str,
) -> dict[int, str]:
    """Offsets (a break goes before text[offset]) and the character to insert there, for one word."""
    out: dict[int, str] = {}
    cuts = [start]
    for i in range(start + 1, end):
        a, b = text[i - 1], text[i]
        if b in JOINTS or b in INVISIBLE or a in INVISIBLE:
            continue
        if a in JOINTS or (a == "." and b.isalpha() and i >= 2 and text[i - 2].isalnum()):
            out[i] = ZERO_WIDTH_SPACE
            cuts.append(i)
    cuts.append(end)
    for cut_a, cut_b in itertools.pairwise(cuts):
        if sum(widths[cut_a:cut_b]) <= width:
            continue
        points = _hyphen_points(text, cut_a, cut_b, kinds, lang)
        for p in points:
            out[p] = SOFT_HYPHEN
        pieces = [cut_a, *points, cut_b]
        for pa, pb in itertools.pairwise(pieces):
            out.update(_forced(text, widths, pa, pb, width, hyphen, last=pb == cut_b))
    return out


def _hyphen_points(text: str, start: int, end: int, kinds: list[str], lang: str) -> list[int]:
    """Dictionary hyphenation points of the letter runs in text[start:end] (camelCase joints in code)."""
    points: list[int] = []
    i = start
    while i < end:
        if not text[i].isalpha() or is_wide(text[i]):
            i += 1
            continue
        j = i
        while j < end and text[j].isalpha() and not is_wide(text[j]):
            j += 1
        run = text[i:j]
        if kinds[i] == "code":  # camelCase and letter/digit joints; no dictionary in code
            points += [i + k for k in range(1, len(run)) if run[k - 1].islower() and run[k].isupper()]
            points += [k for k in (i, j) if 0 < k < len(text) and text[k - 1 if k == i else k].isdigit()]
        elif len(run) >= MIN_HYPHENATED:
            points += [i + k for k in _dictionary(lang).positions(run)]
        i = j
    return sorted(p for p in set(points) if start < p < end)


def _forced(
    text: str, widths: Sequence[float], start: int, end: int, width: float, hyphen: float, last: bool
) -> dict[int, str]:
    """Soft hyphens wherever text[start:end] is still too wide, filling each line greedily."""
    out: dict[int, str] = {}
    own_hyphen = 0.0 if last else hyphen  # a piece ending at a dictionary point shows a hyphen there
    if sum(widths[start:end]) + own_hyphen <= width:
        return out
    line_w = 0.0
    for i in range(start, end):
        if line_w > 0 and line_w + widths[i] + hyphen > width and text[i - 1] not in INVISIBLE:
            out[i] = SOFT_HYPHEN
            line_w = 0.0
        line_w += widths[i]
    return out


@cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    """The pyphen dictionary for a course language; English for CJK courses and unknown languages."""
    code = lang.replace("-", "_")
    if code.split("_")[0].lower() in ("zh", "ja", "ko", ""):
        code = PYPHEN_FALLBACK
    found = pyphen.language_fallback(code) or PYPHEN_FALLBACK
    return pyphen.Pyphen(lang=found)


def _insert(spans: Inline, inserts: dict[int, str]) -> Inline:
    """Insert characters at plain-text offsets; a character joins the span of the character before it."""
    out: list[Span] = []
    pos = 0
    for span in spans:
        end = pos + len(span.text)
        at = sorted(o for o in inserts if pos < o <= end and not span.math)
        if not at:
            out.append(span)
        else:
            parts, last = [], pos
            for o in at:
                parts.append(span.text[last - pos : o - pos])
                parts.append(inserts[o])
                last = o
            parts.append(span.text[last - pos :])
            out.append(replace(span, text="".join(parts)))
        pos = end
    return tuple(out)
