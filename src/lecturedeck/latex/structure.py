"""A display formula's layout structure: rows and cells (`\\\\` and `&`) and the environments lecturers
write (aligned, cases, the matrix family, gathered, simple arrays), as MathJax reads them.

matplotlib's mathtext draws one line of math and knows no environments, so the PPTX drawing splits a
formula into a Grid of cells, each a sequence of plain LaTeX pieces (drawn by mathtext) and nested Grids.
Parsing is iterative (a stack of open environments) and starts with the nesting check, so hostile input
cannot exhaust the stack here or in the code that walks the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lecturedeck.latex.problems import Problem, check_nesting


@dataclass(frozen=True)
class Env:
    """How an environment sets its rows: column alignments (repeated), gaps between columns (em, repeated),
    the gap between rows (em), display-style cells, and the delimiters drawn around it."""

    align: str
    column_gaps: tuple[float, ...] = (1.0,)
    row_gap: float = 0.4
    display: bool = False
    left: str = ""
    right: str = ""


ALIGNED = Env("rl", (0.0, 2.0), 0.3, display=True)
GATHERED = Env("c", (1.0,), 0.3, display=True)
ENVIRONMENTS = {
    "aligned": ALIGNED, "align": ALIGNED, "align*": ALIGNED, "split": ALIGNED,
    "gathered": GATHERED, "gather": GATHERED, "gather*": GATHERED,
    "cases": Env("ll", (1.0,), 0.2, left="{"),
    "matrix": Env("c"), "pmatrix": Env("c", left="(", right=")"), "bmatrix": Env("c", left="[", right="]"),
    "Bmatrix": Env("c", left="{", right="}"), "vmatrix": Env("c", left="|", right="|"),
    "Vmatrix": Env("c", left="‖", right="‖"), "array": Env("c"),
}  # fmt: skip
DELIMITERS = {
    "(": "(", ")": ")", "[": "[", "]": "]", "\\{": "{", "\\}": "}", "\\lbrace": "{", "\\rbrace": "}",
    "|": "|", "\\vert": "|", "\\lvert": "|", "\\rvert": "|", "\\|": "‖", "\\Vert": "‖", "\\lVert": "‖",
    "\\rVert": "‖", "\\langle": "⟨", "\\rangle": "⟩", ".": "",
}  # fmt: skip
TOKEN = re.compile(
    r"(?P<env>\\(?P<kind>begin|end)\s*\{(?P<name>[^{}]*)\})|(?P<row>\\\\(?:\s*\[[^\]]*\])?)"
    r"|(?P<delim>\\left|\\right)(?![A-Za-z])|\\[A-Za-z]+|\\.|(?P<amp>&)|(?P<open>\{)|(?P<close>\})|.",
    re.DOTALL,
)


@dataclass(frozen=True)
class Piece:
    """Plain LaTeX mathtext can draw, at character `at` of the formula."""

    latex: str
    at: int


@dataclass(frozen=True)
class Grid:
    """Rows of cells; each cell a sequence of Pieces and Grids, drawn side by side."""

    env: Env
    rows: tuple[tuple[tuple[Piece | Grid, ...], ...], ...]
    at: int
    name: str = ""  # "" for the formula's own rows
    left: str = ""
    right: str = ""

    @property
    def columns(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def tall(self) -> int:
        """Rows of text the grid stacks (a row holding a 3-row matrix counts 3)."""
        return sum(max((_tall(item) for cell in row for item in cell), default=1) for row in self.rows)

    def nested(self) -> bool:
        return any(isinstance(item, Grid) for row in self.rows for cell in row for item in cell)

    def pieces(self) -> list[Piece]:
        """Every Piece, nested ones included, in formula order."""
        found: list[Piece] = []
        pending: list[Piece | Grid] = [self]
        while pending:
            item = pending.pop()
            if isinstance(item, Piece):
                found.append(item)
            else:
                pending += [inner for row in item.rows for cell in row for inner in cell]
        return sorted(found, key=lambda piece: piece.at)


def _tall(item: Piece | Grid) -> int:
    return item.tall() if isinstance(item, Grid) else 1


@dataclass
class _Open:
    """An environment being read: its finished rows, the current row and cell, open braces and \\left."""

    env: Env
    at: int
    name: str
    start: int  # where the current piece began
    rows: list[list[tuple[Piece | Grid, ...]]] = field(default_factory=list)
    row: list[tuple[Piece | Grid, ...]] = field(default_factory=list)
    cell: list[Piece | Grid] = field(default_factory=list)
    braces: int = 0
    lefts: list[tuple[int, str, int, int]] = field(default_factory=list)  # (at, delimiter, braces, its end)
    wrapped: str | None = None  # the \left delimiter the environment stands in, if any
    ampersand: bool = False

    def piece(self, latex: str, end: int, start: int) -> None:
        """Ends the current piece at `end`; the next begins at `start`."""
        if latex[self.start : end].strip():
            self.cell.append(Piece(latex[self.start : end], self.start))
        self.start = start

    def next_cell(self) -> None:
        self.row.append(tuple(self.cell))
        self.cell = []

    def next_row(self) -> None:
        self.next_cell()
        self.rows.append(self.row)
        self.row = []

    def grid(self, left: str, right: str) -> Grid:
        rows = [tuple(row) for row in self.rows]
        while len(rows) > 1 and not any(rows[-1]):  # a `\\` ending the last row adds none
            rows.pop()
        env = self.env if self.name else (ALIGNED if self.ampersand else GATHERED)
        return Grid(env, tuple(rows), self.at, self.name, left, right)


@lru_cache(maxsize=1024)
def parse(latex: str) -> Grid:
    """The formula's rows, cells and environments; raises a Problem (with its column) where the PPTX
    drawing cannot follow."""
    check_nesting(latex)
    tokens = list(TOKEN.finditer(latex))
    stack = [_Open(ALIGNED, 0, "", 0)]
    i = 0
    while i < len(tokens):
        token, top = tokens[i], stack[-1]
        if token.group("open"):
            top.braces += 1
        elif token.group("close"):
            top.braces -= 1
        elif token.group("delim"):
            j = _skip_spaces(tokens, i + 1)
            if token.group() == "\\left" and j < len(tokens):
                top.lefts.append((token.start(), tokens[j].group(), top.braces, tokens[j].end()))
            elif top.lefts:
                top.lefts.pop()
            i = j
        elif top.braces == 0 and not top.lefts and token.group("amp"):
            top.piece(latex, token.start(), token.end())
            top.next_cell()
            top.ampersand = True
        elif top.braces == 0 and not top.lefts and token.group("row"):
            top.piece(latex, token.start(), token.end())
            top.next_row()
        elif token.group("kind") == "begin":
            i = _begin(latex, tokens, i, stack)
        elif token.group("kind") == "end":
            i = _end(latex, tokens, i, stack)
        i += 1
    top = stack[0]
    top.piece(latex, len(latex), len(latex))
    top.next_row()
    return top.grid("", "")


def _begin(latex: str, tokens: list[re.Match[str]], i: int, stack: list[_Open]) -> int:
    """Opens the environment at tokens[i]; returns the index of its last token (an array's column spec)."""
    token, top = tokens[i], stack[-1]
    name = token.group("name").strip()
    if name not in ENVIRONMENTS:
        known = ", ".join(n for n in ENVIRONMENTS if not n.endswith("*"))
        raise Problem(f"the environment '{name}' at {{where}} is not supported; use one of: {known}", token.start())
    wrapped, start = None, token.start()
    if top.lefts and top.lefts[-1][2] == top.braces and not latex[top.lefts[-1][3] : token.start()].strip():
        at, delimiter, _, _ = top.lefts.pop()  # \left( \begin{matrix} … \end{matrix} \right): its delimiters
        wrapped, start = _delimiter(delimiter, at), at
    elif top.braces or top.lefts:
        raise Problem(
            f"\\begin{{{name}}} at {{where}} stands inside braces or \\left…\\right; the PPTX drawing takes an "
            "environment only at the top of the formula or of a cell (or right inside \\left( … \\right))",
            token.start(),
        )
    top.piece(latex, start, start)
    env, end = ENVIRONMENTS[name], i
    if name == "array":
        env, end = _array(latex, tokens, i)
    stack.append(_Open(env, token.start(), name, tokens[end].end(), wrapped=wrapped))
    return end


def _end(latex: str, tokens: list[re.Match[str]], i: int, stack: list[_Open]) -> int:
    """Closes the environment at tokens[i] (check_nesting has paired it); returns the last token it used."""
    token, inner = tokens[i], stack.pop()
    inner.piece(latex, token.start(), token.start())
    inner.next_row()
    left, right = inner.env.left, inner.env.right
    if inner.wrapped is not None:
        j = _skip_spaces(tokens, i + 1)
        k = _skip_spaces(tokens, j + 1)
        if k >= len(tokens) or tokens[j].group() != "\\right":
            raise Problem(
                f"the \\left before \\begin{{{inner.name}}} needs its \\right right after \\end{{{inner.name}}} "
                "for the PPTX drawing",
                token.start(),
            )
        left, right, i = inner.wrapped, _delimiter(tokens[k].group(), tokens[j].start()), k
    outer = stack[-1]
    outer.cell.append(inner.grid(left, right))
    outer.start = tokens[i].end()
    return i


def _skip_spaces(tokens: list[re.Match[str]], j: int) -> int:
    while j < len(tokens) and tokens[j].group().isspace():
        j += 1
    return j


def _delimiter(token: str, at: int) -> str:
    if token not in DELIMITERS:
        raise Problem(f"the delimiter '{token}' at {{where}} cannot be drawn around an environment", at)
    return DELIMITERS[token]


def _array(latex: str, tokens: list[re.Match[str]], i: int) -> tuple[Env, int]:
    """An array's column spec `{lcr}` after `\\begin{array}`: its Env and the index of the spec's `}`."""
    spec = re.match(r"\s*\{([^{}]*)\}", latex[tokens[i].end() :])
    if not spec or not re.fullmatch(r"[lcr\s]+", spec.group(1)):
        shown = spec.group(1) if spec else ""
        raise Problem(
            f"array columns '{shown}' at {{where}}: the PPTX drawing takes only l, c and r (no | lines or @{{…}}); "
            "write \\begin{array}{lcr}",
            tokens[i].start(),
        )
    end = tokens[i].end() + spec.end()
    last = next(j for j in range(i, len(tokens)) if tokens[j].end() >= end)
    return Env("".join(spec.group(1).split())), last
