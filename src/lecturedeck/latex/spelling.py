"""A piece of LaTeX as matplotlib's mathtext must read it to draw what MathJax draws.

MathJax knows spellings mathtext lacks (`\\le`, `\\iff`, `\\textbf`, `\\bigl(` …); each becomes the
command mathtext draws the same way, or goes where mathtext has no use for it (size and style switches:
display formulas draw limits above and below anyway). Errors found in the respelled text are reported
at the column the author typed, through the origin of every respelled character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RESPELLED = {
    "le": "\\leq", "ge": "\\geq", "iff": "\\Leftrightarrow", "implies": "\\Rightarrow",
    "impliedby": "\\Leftarrow", "land": "\\wedge", "lor": "\\vee", "lnot": "\\neg", "gets": "\\leftarrow",
    "lvert": "\\vert", "rvert": "\\vert", "lVert": "\\Vert", "rVert": "\\Vert", "dbinom": "\\binom",
    "tbinom": "\\binom", "tfrac": "\\frac", "textbf": "\\mathbf", "textit": "\\mathit", "bm": "\\boldsymbol",
    "displaystyle": "", "textstyle": "", "limits": "", "nolimits": "", "big": "", "Big": "", "bigg": "",
    "Bigg": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "", "biggl": "", "biggr": "", "Biggl": "",
    "Biggr": "",
}  # fmt: skip
TOKEN = re.compile(r"\\([A-Za-z]+)|\\.|\s", re.DOTALL)


@dataclass(frozen=True)
class Respelled:
    """The text mathtext reads, and for each of its characters the index in the text as typed."""

    text: str
    origin: tuple[int, ...]

    def typed_at(self, at: int) -> int:
        """Where character `at` of the respelled text was typed."""
        return self.origin[min(at, len(self.origin) - 1)] if self.origin else 0


def respell(latex: str) -> Respelled:
    """`latex` with MathJax-only spellings replaced and line breaks (of a block scalar) as spaces."""
    out: list[str] = []
    origin: list[int] = []
    last = 0
    for match in TOKEN.finditer(latex):
        name = match.group(1)
        new = " " if match.group().isspace() else RESPELLED.get(name, match.group()) if name else match.group()
        out.append(latex[last : match.start()] + new)
        origin += [*range(last, match.start()), *[match.start()] * len(new)]
        last = match.end()
    out.append(latex[last:])
    origin += range(last, len(latex))
    return Respelled("".join(out), tuple(origin))


def display_style(latex: str) -> str:
    """A display-style piece: `\\frac` as `\\dfrac` (full-size numerator and denominator, as MathJax in
    display math), instead of mathtext's text-style fractions at 70 %; `\\tfrac` stays small."""
    return re.sub(r"\\frac(?![A-Za-z])", r"\\dfrac", latex)


def drawn(latex: str, display: bool) -> str:
    """The piece as mathtext draws it in a display-style (`display`) or text-style cell."""
    return respell(display_style(latex) if display else latex).text
