"""LaTeX math outside the browser: checked at plan time, drawn for the PPTX, turned into Unicode.

The HTML shows formulas through Marp's MathJax. The PPTX cannot run MathJax, so display formulas
are drawn with matplotlib's mathtext (pure Python, no TeX install, a large LaTeX subset) as
transparent PNGs at several times their displayed size, and inline `$…$` math in text becomes
Unicode runs (dₖ, x², α, √dₖ, QKᵀ …), with a raised or lowered run where Unicode has no
super/subscript letter. A formula mathtext cannot draw is an outline error at plan time, so both
outputs can always show it.
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache

MATH_FONTSET = "cm"  # Computer Modern: looks like LaTeX and MathJax
PNG_SCALE = 3  # pixels per displayed CSS px of a formula image (crisp on projectors and zoomed)
ROW_GAP_EM = 0.5  # vertical gap between the rows of a multi-row formula, in font sizes
PAD_EM = 0.15  # transparent margin around a formula image, in font sizes (no glyph is clipped)
DISPLAY_SCALE = 1.25  # mathtext sets formulas more compactly than MathJax: display formulas at 1.25 × body size
HEIGHT_STEP_EM = 0.25  # heights given to display formulas: whole quarter-ems of the body size (one CSS class each)
_ROW_SPLIT = re.compile(r"(?<!\\)\\\\")  # `\\` (not the tail of `\\\\`)


# ---- checking ---------------------------------------------------------------------------------


def _unescaped_dollar(latex: str) -> bool:
    return any(len(match.group(1)) % 2 == 0 for match in re.finditer(r"(\\*)\$", latex))


def _brace_error(latex: str) -> str | None:
    depth = 0
    i = 0
    while i < len(latex):
        ch = latex[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return "a '}' closes a brace that was never opened"
        i += 1
    return f"{depth} '{{' never closed" if depth else None


def math_error(latex: str) -> str | None:
    """Why a formula cannot be shown (None if it can): a message that says how to fix it."""
    if not latex.strip():
        return "the formula is empty"
    if _unescaped_dollar(latex):
        return "a formula cannot contain '$' (it would end the math early); write \\$ for a dollar sign"
    braces = _brace_error(latex)
    if braces:
        return f"unbalanced braces in LaTeX {latex!r}: {braces}"
    for row in rows(latex):
        problem = _parse_problem(row)
        if problem:
            return f"cannot draw LaTeX {latex!r}: {problem}"
    return None


@lru_cache(maxsize=1024)
def _parse_problem(row: str) -> str | None:
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    caught = _Missing()
    logger = logging.getLogger("matplotlib.mathtext")
    logger.addFilter(caught)
    try:
        MathTextParser("path").parse(f"${row}$", dpi=72, prop=FontProperties(size=10, math_fontfamily=MATH_FONTSET))
    except ValueError as exc:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else "not valid LaTeX"
        return f"{reason}; use LaTeX math-mode commands that matplotlib's mathtext knows (see the README)"
    finally:
        logger.removeFilter(caught)
    if caught.chars:
        return f"the math font has no {''.join(caught.chars)!r} (put words into the explanation bullets)"
    return None


class _Missing(logging.Filter):
    """Collects the characters mathtext reports as missing from its font (and silences the report)."""

    def __init__(self) -> None:
        super().__init__()
        self.chars: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        found = re.search(r"glyph for '(.+?)' \[U\+([0-9a-fA-F]+)\]", record.getMessage())
        if found:
            self.chars.append(chr(int(found.group(2), 16)))
            return False
        return True


def rows(latex: str) -> list[str]:
    """The rows of a display formula (split at `\\`), alignment marks `&` removed."""
    return [row.replace("&", " ").strip() for row in _ROW_SPLIT.split(latex) if row.strip()] or [latex]


def marp_display(latex: str) -> str:
    """A display formula as the one line that goes between `$$` lines: rows in `gathered`/`aligned`."""
    one_line = " ".join(latex.split())
    if len(rows(latex)) > 1 and "\\begin" not in one_line:
        env = "aligned" if "&" in one_line else "gathered"
        return f"\\begin{{{env}}}{one_line}\\end{{{env}}}"
    return one_line


# ---- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MathImage:
    png: bytes
    width: float  # displayed size in CSS px at the requested font size
    height: float


def display_row(row: str) -> str:
    """A row as mathtext draws it in a display formula: `\\frac` in display style (`\\dfrac`), full-size
    numerator and denominator as in MathJax's display math, instead of text-style fractions at 70 %."""
    return re.sub(r"\\frac(?![A-Za-z])", r"\\dfrac", row)


@lru_cache(maxsize=256)
def _parts(latex: str, size: float) -> tuple[tuple[str, float, float, float], ...]:
    """(row, width, height, depth) of each row parsed at font size `size` px."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    prop = FontProperties(size=size * 0.75, math_fontfamily=MATH_FONTSET)  # pt at 96 px per inch
    parser = MathTextParser("path")
    out = []
    for row in rows(latex):
        drawn = display_row(row)
        w, h, d = parser.parse(f"${drawn}$", dpi=96, prop=prop)[:3]
        out.append((drawn, float(w), float(h), float(d)))
    return tuple(out)


def _extent(latex: str, size: float) -> tuple[float, float]:
    parts = _parts(latex, size)
    pad = size * PAD_EM
    width = max(w for _, w, _, _ in parts) + 2 * pad
    height = sum(h for _, _, h, _ in parts) + size * ROW_GAP_EM * (len(parts) - 1) + 2 * pad
    return width, height


def height_steps(latex: str, base: float, row_em: float) -> int:
    """The height a display formula is given on the slide, in HEIGHT_STEP_EM × base: `row_em` × base per row,
    or more when the formula drawn at DISPLAY_SCALE × base is taller (fractions, sums with limits), so
    that neither output shrinks it. The fit step, the PPTX picture and the HTML's max-height use it."""
    _, natural = _extent(latex, base * DISPLAY_SCALE)
    step = HEIGHT_STEP_EM * base
    return math.ceil(max(len(rows(latex)) * row_em * base, natural) / step - 1e-6)


def display_height(latex: str, base: float, row_em: float) -> float:
    """height_steps in px."""
    return height_steps(latex, base, row_em) * HEIGHT_STEP_EM * base


@lru_cache(maxsize=256)
def render_png(latex: str, size: float, color: str, scale: int = PNG_SCALE) -> MathImage:
    """A display formula drawn at font size `size` px in `color`, as a transparent PNG `scale`× its size."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size * 0.75, math_fontfamily=MATH_FONTSET)  # pt at 96 px per inch
    parts = _parts(latex, size)
    gap = size * ROW_GAP_EM
    pad = size * PAD_EM
    width, height = _extent(latex, size)
    fig = Figure(figsize=(width / 96, height / 96), dpi=96)
    fig.patch.set_alpha(0)
    y = height - pad
    for row, _, h, depth in parts:
        y -= h
        fig.text(0.5, (y + depth) / height, f"${row}$", fontproperties=prop, color=color, ha="center")
        y -= gap
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=96 * scale, transparent=True)
    return MathImage(out.getvalue(), width, height)


# ---- inline math as Unicode --------------------------------------------------------------------

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
    "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω",
}  # fmt: skip
SYMBOLS = {
    "approx": "≈", "times": "×", "cdot": "·", "div": "÷", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "equiv": "≡", "sim": "∼", "simeq": "≃", "propto": "∝",
    "infty": "∞", "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮", "partial": "∂", "nabla": "∇",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂",
    "subseteq": "⊆", "cup": "∪", "cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬",
    "land": "∧", "lor": "∨", "wedge": "∧", "vee": "∨", "oplus": "⊕", "otimes": "⊗", "circ": "∘",
    "top": "⊤", "bot": "⊥", "perp": "⊥", "parallel": "∥", "ldots": "…", "cdots": "⋯", "dots": "…",
    "vdots": "⋮", "ll": "≪", "gg": "≫", "prime": "′", "star": "⋆", "ast": "∗", "langle": "⟨",
    "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "hbar": "ℏ", "ell": "ℓ",
    "degree": "°", "angle": "∠", "triangle": "△", "mid": "∣", "vert": "|", "Vert": "‖", "lbrace": "{",
    "rbrace": "}", "backslash": "\\", "quad": "\u2003", "qquad": "\u2003\u2003", ",": "\u2009",
    ":": "\u2005", ";": "\u2004", "!": "", " ": " ", "|": "‖", "{": "{", "}": "}", "%": "%", "$": "$",
    "_": "_", "#": "#", "&": "&",
}  # fmt: skip
FUNCTIONS = frozenset(
    [
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "log",
        "ln",
        "lg",
        "exp",
        "max",
        "min",
        "sup",
        "inf",
        "lim",
        "det",
        "dim",
        "ker",
        "arg",
        "argmax",
        "argmin",
        "deg",
        "gcd",
        "Pr",
        "mod",
    ]
)
TEXT_COMMANDS = frozenset(
    [
        "mathrm",
        "text",
        "textrm",
        "textbf",
        "textit",
        "mathbf",
        "mathit",
        "mathsf",
        "mathtt",
        "mathcal",
        "mathscr",
        "operatorname",
        "boldsymbol",
        "bm",
        "mathfrak",
    ]
)
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ", "1": "𝟙"}
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}
DROPPED = frozenset(
    [
        "left",
        "right",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "displaystyle",
        "textstyle",
        "limits",
        "nolimits",
    ]
)
SUPERSCRIPTS = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθιφχ⊤′∗",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᶥᵠᵡᵀ′*",
        strict=True,
    )
)
SUBSCRIPTS = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ", strict=True))
# Sub- and superscript letters the theme's text font (Arial; Liberation Sans, its metric twin, on Linux) has
# no glyph for: a fallback font would draw them with other metrics (lines overlap in LibreOffice), so they
# become raised or lowered runs of the plain character instead.
NOT_IN_TEXT_FONT = frozenset("₊₋₌₍₎ₕⱼₖₗₘₙₚₛₜ⁰⁺⁻⁼⁽⁾ⁱⱽ")
SUPERSCRIPTS = {k: v for k, v in SUPERSCRIPTS.items() if v not in NOT_IN_TEXT_FONT}
SUBSCRIPTS = {k: v for k, v in SUBSCRIPTS.items() if v not in NOT_IN_TEXT_FONT}


@dataclass(frozen=True)
class MathRun:
    """A piece of inline math as text: `shift` +1 raised (superscript), -1 lowered, 0 on the line."""

    text: str
    shift: int = 0


_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.DOTALL)


class _Reader:
    def __init__(self, latex: str) -> None:
        self.tokens = [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in _TOKEN.finditer(latex)]
        self.i = 0

    def peek(self) -> tuple[str | None, str | None, str | None, str | None] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str | None, str | None, str | None, str | None]:
        self.i += 1
        return self.tokens[self.i - 1]


def _group(reader: _Reader) -> list[MathRun]:
    """One argument: a braced group or a single token."""
    token = reader.peek()
    while token is not None and token[2] is not None:  # skip spaces before an argument
        reader.take()
        token = reader.peek()
    if token is None:
        return []
    if token[1] == "{":
        reader.take()
        return _sequence(reader, closing=True)
    return _atom(reader)


def _plain(runs: list[MathRun]) -> str:
    return "".join(r.text for r in runs)


def _enclosed(runs: list[MathRun]) -> list[MathRun]:
    """A numerator, denominator or root body on one line: in parentheses where it needs them, its raised
    and lowered runs kept."""
    return [MathRun("("), *runs, MathRun(")")] if _needs_parens(_plain(runs)) else runs


def _needs_parens(text: str) -> bool:
    """Whether a numerator, denominator or root needs parentheses once written on one line."""
    return any(ch in " +−-=×·/,≈<>" for ch in text) and not (text.startswith("(") and text.endswith(")"))


def _script(runs: list[MathRun], shift: int) -> list[MathRun]:
    text = _plain(runs)
    table = SUPERSCRIPTS if shift > 0 else SUBSCRIPTS
    if text and all(ch in table for ch in text) and all(r.shift == 0 for r in runs):
        return [MathRun("".join(table[ch] for ch in text))]
    return [MathRun(r.text, shift) for r in runs]


def _command(name: str, reader: _Reader) -> list[MathRun]:
    if name in GREEK:
        return [MathRun(GREEK[name])]
    if name in SYMBOLS:
        return [MathRun(SYMBOLS[name])]
    if name in FUNCTIONS:
        return [MathRun(name)]
    if name in DROPPED:
        token = reader.peek()
        if name in ("left", "right") and token is not None and token[3] == ".":
            reader.take()
        return []
    if name in TEXT_COMMANDS:
        return [MathRun(_plain(_group(reader)))]
    if name == "mathbb":
        inner = _plain(_group(reader))
        return [MathRun("".join(BLACKBOARD.get(ch, ch) for ch in inner))]
    if name in ACCENTS:
        inner = _plain(_group(reader))
        return [MathRun(inner + ACCENTS[name] if len(inner) == 1 else inner)]
    if name in ("frac", "dfrac", "tfrac"):
        top, bottom = _enclosed(_group(reader)), _enclosed(_group(reader))
        return [*top, MathRun("/"), *bottom]
    if name == "sqrt":
        index = ""
        token = reader.peek()
        if token is not None and token[3] == "[":
            reader.take()
            while reader.peek() is not None and reader.peek()[3] != "]":  # type: ignore[index]
                index += _plain(_atom(reader))
            reader.take() if reader.peek() is not None else None
        root = "∛" if index == "3" else "∜" if index == "4" else "".join(SUPERSCRIPTS.get(c, c) for c in index) + "√"
        return [MathRun(root), *_enclosed(_group(reader))]
    return [MathRun(name)]  # unknown to this table: its name, readable


def _atom(reader: _Reader) -> list[MathRun]:
    command, special, space, char = reader.take()
    if command is not None:
        return _command(command, reader)
    if space is not None:
        return []  # LaTeX ignores spaces in math
    if special == "{":
        return _sequence(reader, closing=True)
    if special in ("^", "_"):
        return _script(_group(reader), 1 if special == "^" else -1)
    if char == "'":
        return [MathRun("′")]
    if char == "-":
        return [MathRun("−")]
    if char == ",":
        return [MathRun(",\u2009")]
    return [MathRun(char or special or "")]


def _sequence(reader: _Reader, closing: bool = False) -> list[MathRun]:
    out: list[MathRun] = []
    while reader.peek() is not None:
        if closing and reader.peek()[1] == "}":  # type: ignore[index]
            reader.take()
            break
        out.extend(_atom(reader))
    return out


def _spaced(runs: list[MathRun]) -> list[MathRun]:
    """Binary relations get spaces around them, as LaTeX sets them."""
    out = []
    for run in runs:
        if run.shift == 0 and run.text in ("=", "≈", "≤", "≥", "≠", "→", "←", "∈", "≡", "∼", "∝", "⇒"):
            run = MathRun(f" {run.text} ")
        out.append(run)
    return out


def to_unicode(latex: str) -> list[MathRun]:
    """Inline LaTeX as readable Unicode runs, merged (`d_k` → dₖ, `\\frac{a}{b}` → a/b)."""
    merged: list[MathRun] = []
    for run in _spaced(_sequence(_Reader(latex))):
        if not run.text:
            continue
        if merged and merged[-1].shift == run.shift:
            merged[-1] = MathRun(merged[-1].text + run.text, run.shift)
        else:
            merged.append(run)
    if merged:
        merged[0] = MathRun(merged[0].text.lstrip(), merged[0].shift)
        merged[-1] = MathRun(merged[-1].text.rstrip(), merged[-1].shift)
    return [run for run in merged if run.text]


def unicode_text(latex: str) -> str:
    """Inline LaTeX as one plain string (raised/lowered runs written as ^(…)/_(…))."""
    parts = []
    for run in to_unicode(latex):
        mark = "^" if run.shift > 0 else "_" if run.shift < 0 else ""
        parts.append(f"{mark}({run.text})" if mark and len(run.text) > 1 else mark + run.text)
    return "".join(parts)
