"""LaTeX math outside the browser: checked at plan time, drawn for the PPTX, turned into Unicode.

The HTML shows formulas through Marp's MathJax. The PPTX cannot run MathJax, so display formulas
are drawn with matplotlib's mathtext (pure Python, no TeX install, a large LaTeX subset) as
transparent PNGs at several times their displayed size — multi-line forms (rows, aligned, cases,
matrices) laid out cell by cell in `latex.grid` — and inline `$…$` math in text becomes Unicode runs
(dₖ, x², α, √dₖ, QKᵀ …), with a raised or lowered run where Unicode has no super/subscript letter.
A formula either output cannot show is an outline error at plan time, in plain words with a caret
under its column (`latex.problems`).
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby

from lecturedeck.latex.escapes import unescaped_dollars
from lecturedeck.latex.grid import Box, draw_png, font, layout
from lecturedeck.latex.kept import as_json, kept
from lecturedeck.latex.problems import MAX_DEPTH, Problem, depth, from_mathtext
from lecturedeck.latex.spelling import respell
from lecturedeck.latex.structure import Grid, parse

PNG_SCALE = 3  # pixels per displayed CSS px of a formula image (crisp on projectors and zoomed)
PAD_EM = 0.15  # transparent margin around a formula image, in font sizes (no glyph is clipped)
DISPLAY_SCALE = 1.25  # mathtext sets formulas more compactly than MathJax: display formulas at 1.25 × body size
HEIGHT_STEP_EM = 0.25  # heights given to display formulas: whole quarter-ems of the body size (one CSS class each)
MATHJAX_NAMES = {
    "align": "aligned",
    "align*": "aligned",
    "split": "aligned",
    "gather": "gathered",
    "gather*": "gathered",
}


# ---- checking ---------------------------------------------------------------------------------


def math_error(latex: str, display: bool = True) -> str | None:
    """Why a formula cannot be shown (None if it can): what is wrong in plain words, where (a caret under
    the column) and how to fix it. `display`: a display formula (rows and environments allowed)."""
    if not latex.strip():
        return "the formula is empty"
    if unescaped_dollars(latex):
        return "a formula cannot contain '$' (it would end the math early); write \\$ for a dollar sign"
    try:
        grid = parse(latex)
        if not display:
            _inline_only(latex, grid)
        for piece in grid.pieces():
            problem = _piece_problem(piece.latex)
            if problem:
                raise Problem(problem.what, None if problem.at is None else piece.at + problem.at)
    except Problem as problem:
        return problem.explain(latex)
    return None


def _inline_only(latex: str, grid: Grid) -> None:
    """Inline math is one line: environments, rows and alignment marks are refused in plain words."""
    nested = next((item for row in grid.rows for cell in row for item in cell if isinstance(item, Grid)), None)
    if nested is not None:
        raise Problem(
            f"\\begin{{{nested.name}}} at {{where}} works only in a display formula (a slide with kind: math "
            "and formula:), not in inline $…$ math",
            nested.at,
        )
    if len(grid.rows) > 1 or grid.columns > 1:
        mark = re.search(r"\\\\|(?<!\\)&", latex)
        what = (
            "a row break \\\\" if mark and mark.group() != "&" else "an alignment mark & (write \\& for an ampersand)"
        )
        raise Problem(
            f"{what} at {{where}} works only in a display formula, not in inline $…$ math", mark and mark.start()
        )


def _problem_from(data: bytes) -> Problem | None:
    found = json.loads(data)
    return None if found is None else Problem(str(found["what"]), found["at"])


@lru_cache(maxsize=1024)
@kept("check", lambda problem: as_json(problem and {"what": problem.what, "at": problem.at}), _problem_from)
def _piece_problem(piece: str) -> Problem | None:
    """What mathtext cannot draw in one piece of a formula (its column within the piece)."""
    from matplotlib.mathtext import MathTextParser

    caught = _Missing()
    logger = logging.getLogger("matplotlib.mathtext")
    logger.addFilter(caught)
    read = respell(piece)
    try:
        MathTextParser("path").parse(f"${read.text}$", dpi=72, prop=font(10))
    except ValueError as exc:
        problem = from_mathtext(str(exc), read.text)
        return Problem(problem.what, None if problem.at is None else read.typed_at(problem.at))
    finally:
        logger.removeFilter(caught)
    if caught.chars:
        return Problem(
            f"the math font has no {''.join(caught.chars)!r} (at {{where}}); put words into the explanation bullets",
            piece.find(caught.chars[0]),
        )
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


def marp_display(latex: str) -> str:
    """A display formula as the one line that goes between `$$` lines, for MathJax: the formula's own rows
    in `aligned` (with `&`) or `gathered`; `align`, `gather` and `split`, which MathJax refuses inside
    display math, as `aligned` or `gathered`."""
    one_line = " ".join(latex.split())
    one_line = re.sub(
        r"\\(begin|end)\s*\{(align\*?|gather\*?|split)\}",
        lambda m: f"\\{m.group(1)}{{{MATHJAX_NAMES[m.group(2)]}}}",
        one_line,
    )
    grid = parse(latex)
    if len(grid.rows) > 1 or grid.columns > 1:
        env = "aligned" if grid.columns > 1 else "gathered"
        return f"\\begin{{{env}}}{one_line}\\end{{{env}}}"
    return one_line


def rows_tall(latex: str) -> int:
    """Rows of text a display formula stacks (its own rows, and the rows of an environment in one)."""
    return parse(latex).tall()


# ---- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MathImage:
    png: bytes
    width: float  # displayed size in CSS px at the requested font size
    height: float


@lru_cache(maxsize=256)
def _laid_out(latex: str, size: float) -> Box:
    return layout(parse(latex), size)


def _extent(latex: str, size: float) -> tuple[float, float]:
    box, pad = _laid_out(latex, size), size * PAD_EM
    return box.width + 2 * pad, box.ascent + box.descent + 2 * pad


def height_steps(latex: str, base: float, row_em: float) -> int:
    """The height a display formula is given on the slide, in HEIGHT_STEP_EM × base: `row_em` × base per row
    of text it stacks, or more when the formula drawn at DISPLAY_SCALE × base is taller (fractions, sums with
    limits, tall matrices), so that neither output shrinks it. The fit step, the PPTX picture and the HTML's
    max-height use it."""
    _, natural = _extent(latex, base * DISPLAY_SCALE)
    step = HEIGHT_STEP_EM * base
    return math.ceil(max(rows_tall(latex) * row_em * base, natural) / step - 1e-6)


def display_height(latex: str, base: float, row_em: float) -> float:
    """height_steps in px."""
    return height_steps(latex, base, row_em) * HEIGHT_STEP_EM * base


@lru_cache(maxsize=256)
def render_png(latex: str, size: float, color: str, scale: int = PNG_SCALE) -> MathImage:
    """A display formula drawn at font size `size` px in `color`, as a transparent PNG `scale`× its size."""
    width, height = _extent(latex, size)
    return MathImage(_png(latex, size, color, scale), width, height)


def _whole_png(data: bytes) -> bytes:
    """A kept picture, if it is a whole PNG file (signature to IEND chunk)."""
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")):
        raise ValueError("not a whole PNG file")
    return data


@kept("png", bytes, _whole_png)
def _png(latex: str, size: float, color: str, scale: int) -> bytes:
    return draw_png(_laid_out(latex, size), size, color, size * PAD_EM, 96 * scale)


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
    """A piece of inline math as text: `shift` +1 raised (superscript), -1 lowered, 0 on the line; `upright`:
    a function name or `\\mathrm{…}`-style text, set upright whatever its letters (see italic_in_math)."""

    text: str
    shift: int = 0
    upright: bool = False


# TeX's spacing around an operator name (class Op): a thin space between it (its scripts included) and a letter,
# digit, closing bracket or another operator name; none at the formula's ends ("") or next to a space, an opening
# bracket (`\log(n)`), a relation (spaced by _spaced) or a binary operator before it (this Unicode leaves those
# unspaced; after it TeX reads + and − as signs: `\sin -x` → sin −x), nor before punctuation or a closing bracket.
THIN = MathRun("\u2009", upright=True)
RELATIONS = frozenset(["=", "≈", "≤", "≥", "≠", "→", "←", "∈", "≡", "∼", "∝", "⇒"])
NO_SPACE_BEFORE_OP = frozenset(["", *RELATIONS, *"<>([{⟨⌊⌈+−×·÷±∓∘⊕⊗∧∨∩∪∗⋆/ \u2009\u2003\u2004\u2005"])
NO_SPACE_AFTER_OP = (NO_SPACE_BEFORE_OP - frozenset("+−±∓")) | frozenset(")]}⟩⌋⌉,;.!′")
ITALIC_TEXT = frozenset(["textit", "mathit"])  # the text commands that keep math's italic letters
# sub- and superscript forms of the letters a formula sets in italics
_ITALIC_SCRIPTS = frozenset(
    form for table in (SUPERSCRIPTS, SUBSCRIPTS) for plain, form in table.items() if plain.isascii() and plain.isalpha()
)


def italic_in_math(ch: str) -> bool:
    """Whether MathJax sets this character of a formula in italics (so the PPTX does too): Latin letters and
    lowercase Greek, also as sub- or superscripts; digits, operators, brackets, uppercase Greek and
    double-struck letters stand upright."""
    return (ch.isascii() and ch.isalpha()) or "α" <= ch <= "ω" or ch in "ϵϑϕϱϖ" or ch in _ITALIC_SCRIPTS


def slants(run: MathRun) -> list[tuple[str, bool]]:
    """The run's text in pieces set in italics (True) or upright (False), as MathJax sets them."""
    if run.upright:
        return [(run.text, False)]
    return [("".join(chars), italic) for italic, chars in groupby(run.text, italic_in_math)]


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
    return any(ch in " \u2009+−-=×·/,≈<>" for ch in text) and not (text.startswith("(") and text.endswith(")"))


def _script(runs: list[MathRun], shift: int) -> list[MathRun]:
    text = _plain(runs)
    table = SUPERSCRIPTS if shift > 0 else SUBSCRIPTS
    if text and all(ch in table for ch in text) and all(r.shift == 0 for r in runs):
        return [MathRun("".join(table[ch] for ch in text), upright=all(r.upright for r in runs))]
    return [MathRun(r.text, shift, r.upright) for r in runs]


def _command(name: str, reader: _Reader) -> list[MathRun]:
    if name in GREEK:
        return [MathRun(GREEK[name])]
    if name in SYMBOLS:
        return [MathRun(SYMBOLS[name])]
    if name in FUNCTIONS:
        return [MathRun(name, upright=True)]
    if name in DROPPED:
        token = reader.peek()
        if name in ("left", "right") and token is not None and token[3] == ".":
            reader.take()
        return []
    if name in TEXT_COMMANDS:
        return [MathRun(_plain(_group(reader)), upright=name not in ITALIC_TEXT)]
    if name == "mathbb":
        inner = _plain(_group(reader))
        return [MathRun("".join(BLACKBOARD.get(ch, ch) for ch in inner), upright=True)]
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
    """Atoms up to the end (or the closing brace), a thin space on either side of an operator name (`\\log`,
    `\\operatorname{…}`) and its scripts where TeX puts one: `n \\log_2 n` → n log₂ n, `\\log(n)` → log(n)."""
    out: list[MathRun] = []
    after_op = False  # the last atom was an operator name, or a script or space belonging to it
    while (token := reader.peek()) is not None:
        command, special, _, _ = token
        if closing and special == "}":
            reader.take()
            break
        runs = _atom(reader)
        if command in FUNCTIONS or command == "operatorname":
            if out and _ends(out[-1]) not in NO_SPACE_BEFORE_OP:
                out.append(THIN)
            after_op = True
        elif after_op and (special in ("^", "_") or not runs):
            pass  # its scripts, and spaces or \\limits before them, stay with the operator name
        elif after_op:
            if _plain(runs)[:1] not in NO_SPACE_AFTER_OP:
                out.append(THIN)
            after_op = False
        out.extend(runs)
    return out


def _ends(run: MathRun) -> str:
    """The last character of a run, as an operator name after it sees it (a raised or lowered run: a letter)."""
    return "x" if run.shift else run.text[-1:]


def _spaced(runs: list[MathRun]) -> list[MathRun]:
    """Binary relations get spaces around them, as LaTeX sets them."""
    out = []
    for run in runs:
        if run.shift == 0 and run.text in RELATIONS:
            run = MathRun(f" {run.text} ")
        out.append(run)
    return out


def to_unicode(latex: str) -> list[MathRun]:
    """Inline LaTeX as readable Unicode runs, merged (`d_k` → dₖ, `\\frac{a}{b}` → a/b). The reader
    recurses once per brace: LaTeX nested deeper than the plan-time check allows stays as typed."""
    if depth(latex) > MAX_DEPTH:
        return [MathRun(latex)]
    merged: list[MathRun] = []
    for run in _spaced(_sequence(_Reader(latex))):
        if not run.text:
            continue
        if merged and (merged[-1].shift, merged[-1].upright) == (run.shift, run.upright):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        else:
            merged.append(run)
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return [run for run in merged if run.text]


def unicode_text(latex: str) -> str:
    """Inline LaTeX as one plain string (raised/lowered runs written as ^(…)/_(…))."""
    parts = []
    for run in to_unicode(latex):
        mark = "^" if run.shift > 0 else "_" if run.shift < 0 else ""
        parts.append(f"{mark}({run.text})" if mark and len(run.text) > 1 else mark + run.text)
    return "".join(parts)
