"""What is wrong with a formula, in plain words, with a caret under the column it happened at.

Nesting (braces, `\\left…\\right`, environments) is measured first, without recursion, and bounded:
matplotlib's parser recurses once per level and overflows Python's stack near 25 levels; real formulas
use 2 or 3. Braces are checked here too, so the parser only ever sees balanced, shallow input.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

MAX_DEPTH = 10  # levels of {…}, \left…\right and \begin…\end; the sample courses use at most 2
TOKEN = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}|\\[A-Za-z]+|\\.|.", re.DOTALL)
SHOWN = 70  # characters of a long formula line shown around the caret


class Problem(Exception):
    """A formula problem: `what` in plain words, at character `at` of the formula (None: no one place)."""

    def __init__(self, what: str, at: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.at = at

    def explain(self, latex: str, offset: int = 0) -> str:
        """The message, naming the column and pointing at it under the formula's line (`offset`: where the
        text this problem was found in starts within `latex`)."""
        if self.at is None:
            return self.what
        at = min(offset + self.at, len(latex))
        line_start = latex.rfind("\n", 0, at) + 1
        line_end = latex.find("\n", at) if "\n" in latex[at:] else len(latex)
        row, col = latex.count("\n", 0, at) + 1, at - line_start + 1
        where = f"line {row}, column {col}" if "\n" in latex.strip() else f"column {col}"
        shown, caret = latex[line_start:line_end], col - 1
        if len(shown) > SHOWN:
            first = max(0, min(caret - SHOWN // 2, len(shown) - SHOWN))
            shown, caret = shown[first : first + SHOWN], caret - first
        return f"{self.what.replace('{where}', where)}\n    {shown}\n    {' ' * caret}^"


def depth(latex: str) -> int:
    """How many levels deep the formula nests (a closing token without an opening one is ignored)."""
    deepest = level = 0
    for match in TOKEN.finditer(latex):
        token = match.group()
        if token in ("{", "\\left") or token.startswith("\\begin"):
            level += 1
            deepest = max(deepest, level)
        elif token in ("}", "\\right") or token.startswith("\\end"):
            level = max(0, level - 1)
    return deepest


def check_nesting(latex: str) -> None:
    """Raises a Problem for braces that do not pair up or nest deeper than MAX_DEPTH (no recursion)."""
    opened: list[tuple[int, str]] = []  # (position, what opened) of every open level
    for match in TOKEN.finditer(latex):
        token, at = match.group(), match.start()
        if token in ("{", "\\left") or token.startswith("\\begin"):
            opened.append((at, token))
        elif token == "}" or token == "\\right" or token.startswith("\\end"):
            _close(opened, token, at)
        if len(opened) > MAX_DEPTH:
            raise Problem(
                f"the formula nests more than {MAX_DEPTH} levels deep (braces, \\left…\\right, environments) at "
                "{where}; split it into smaller formulas or simplify the nesting",
                at,
            )
    if opened:
        at, token = opened[-1]
        raise Problem(f"the '{_show(token)}' at {{where}} is never closed: {_closing(token)} is missing", at)


def _close(opened: list[tuple[int, str]], token: str, at: int) -> None:
    if not opened:
        raise Problem(f"the '{_show(token)}' at {{where}} closes something that was never opened", at)
    start, top = opened[-1]
    if _closing(top) != _show(token):
        raise Problem(
            f"the '{_show(token)}' at {{where}} does not match the '{_show(top)}' at column {start + 1} "
            f"(write {_closing(top)} first)",
            at,
        )
    opened.pop()


def _show(token: str) -> str:
    return re.sub(r"\s+", "", token)


def _closing(token: str) -> str:
    if token == "{":
        return "}"
    if token == "\\left":
        return "\\right"
    return _show(token).replace("\\begin", "\\end", 1)


# ---- matplotlib's parse errors in plain words ---------------------------------------------------------

_RAISED = re.compile(r"^\w+: (?P<reason>.*?)\s+\(at char (?P<at>\d+)\), \(line:\d+, col:\d+\)$", re.DOTALL)


def from_mathtext(error: str, text: str) -> Problem:
    """matplotlib's ValueError text for `text` (parsed as `$text$`) as a plain Problem."""
    lines = [line for line in error.splitlines() if line.strip()]
    raised = _RAISED.match(lines[-1].strip()) if lines else None
    if not raised:
        return Problem(f"cannot draw this formula ({lines[-1].strip() if lines else 'not valid LaTeX'})")
    reason, at = raised.group("reason"), int(raised.group("at"))
    if lines[0] == f"${text}$":  # some errors count the `$` added around the text
        at = max(0, at - 1)
    return _plain(reason, text, at)


# MathJax (LaTeX) spellings mathtext lacks, and what to write instead.
INSTEAD = {
    "over": "write \\frac{a}{b}", "choose": "write \\binom{n}{k}", "cfrac": "write \\dfrac{a}{b}",
    "tag": "formulas are not numbered: remove it", "label": "formulas are not numbered: remove it",
    "notag": "formulas are not numbered: remove it", "nonumber": "formulas are not numbered: remove it",
    "color": "formulas take the theme's text colour: remove it", "textcolor": "formulas take the theme's text "
    "colour: remove it", "hline": "rules between rows are not drawn: remove it",
}  # fmt: skip


def _plain(reason: str, text: str, at: int) -> Problem:
    unknown = re.match(r"Unknown symbol: (\\[A-Za-z]+|\\.)", reason)
    if unknown:
        return Problem(_unknown(unknown.group(1)), at)
    needs = re.match(r"Expected (\\[A-Za-z]+)(\{[^{}]*\}(?:\{[^{}]*\})?)?", reason)
    if needs:
        command, args = needs.group(1), needs.group(2) or "{…}"
        where = text.rfind(command, 0, at + 1)
        return Problem(
            f"{command} at {{where}} needs its arguments in braces: {command}{args}", where if where >= 0 else at
        )
    double = re.match(r"Double (superscript|subscript)", reason)
    if double:
        mark = "^" if double.group(1) == "superscript" else "_"
        return Problem(
            f"two {double.group(1)}s on one base at {{where}}: write a{mark}{{b{mark}c}} or {{a{mark}b}}{mark}c", at
        )
    if "Subscript/superscript sequence is too long" in reason:
        return Problem("a sub- or superscript of several characters at {where}: put it in braces, x_{ij}", at)
    if reason.startswith("Expected a delimiter"):
        return Problem("\\left or \\right at {where} needs a delimiter after it, such as ( [ | or . (none)", at)
    before = re.search(r"(\\[A-Za-z]+|[\^_])\s*$", text[:at])
    if before:
        what = before.group(1)
        example = f"x{what}{{2}}" if what in "^_" else f"{what}{{x}}"
        return Problem(f"'{what}' at {{where}} needs something after it: {example}", before.start(1))
    if text[at : at + 1] in ("^", "_"):
        return Problem(f"'{text[at]}' at {{where}} needs something before it: x{text[at]}{{2}}", at)
    found = re.search(r"found (.*)$", reason)
    return Problem(f"unexpected {found.group(1) if found else 'text'} at {{where}} of the formula", at)


def _unknown(name: str) -> str:
    """An unknown command: what to write instead, the command it is probably a typo of, or that it is not drawn."""
    if name[1:] in INSTEAD:
        hint = INSTEAD[name[1:]]
    elif name[1:] in _known_commands():
        return f"{name} at {{where}} needs its argument in braces: {name}{{…}}"
    else:
        close = difflib.get_close_matches(name[1:], _known_commands(), n=1, cutoff=0.75)
        hint = f"did you mean \\{close[0]}?" if close else "the PPTX formula drawing (matplotlib) does not know it"
    return f"unsupported command {name} at {{where}} of the formula; {hint}"


# Commands mathtext reads that are not symbols (for did-you-mean; the symbols come from matplotlib's table).
STRUCTURE = (
    "frac", "dfrac", "tfrac", "binom", "genfrac", "sqrt", "left", "right", "overline", "underline", "text",
    "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "mathfrak", "operatorname",
    "boldsymbol", "substack", "overset", "underset", "phantom", "hat", "bar", "vec", "tilde", "dot", "ddot",
    "widehat", "widetilde", "quad", "qquad", "begin", "end",
)  # fmt: skip


@lru_cache(maxsize=1)
def _known_commands() -> list[str]:
    """Command names matplotlib's mathtext draws (for did-you-mean)."""
    from matplotlib._mathtext import Parser
    from matplotlib._mathtext_data import tex2uni

    return sorted({*tex2uni, *Parser._function_names, *STRUCTURE})
