"""LaTeX eaten by YAML: in a double-quoted string `\\t`, `\\b`, `\\f`, `\\a`, `\\n` … are escapes, so
`"$3 \\times 3$"` loads as `3 <tab>imes 3` and `"\\frac"` as a form feed and `rac`. This module
recognises such control characters from the LaTeX around them and says what the author wrote and how
to write it so that YAML keeps it (single quotes or a `|` block). The general text policy calls it first."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

# The characters YAML's double-quoted escapes make, and the escape letter that made each.
ESCAPES = {
    "\x00": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r",
    "\x1b": "e", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P",
}  # fmt: skip
NAMES = {
    "\x00": "a NUL character", "\x07": "a bell character", "\x08": "a backspace", "\t": "a tab",
    "\n": "a line break", "\x0b": "a vertical tab", "\x0c": "a form feed", "\r": "a carriage return",
    "\x1b": "an escape character", "\x85": "a next-line character", "\xa0": "a no-break space",
    "\u2028": "a line separator", "\u2029": "a paragraph separator",
}  # fmt: skip
# LaTeX commands beyond the Unicode tables of mathtext.py, spelled with a first letter YAML can eat.
STRUCTURE = frozenset({
    "begin", "end", "frac", "dfrac", "tfrac", "binom", "sqrt", "left", "right", "text", "textbf", "textrm",
    "textit", "tilde", "top", "triangle", "to", "times", "vec", "vdots", "ddots", "vee", "vert", "varepsilon",
    "varphi", "vartheta", "varpi", "varrho", "varsigma", "bar", "big", "bigg", "bigl", "bigr", "bigcup", "bigcap",
    "bigoplus", "bigotimes", "bigwedge", "bigvee", "boxed", "bmod", "bf", "boldsymbol", "bmatrix", "vmatrix",
    "Bmatrix", "Vmatrix", "Big", "Bigg", "Bigl", "Bigr", "Leftarrow", "Longrightarrow", "Longleftarrow",
    "Leftrightarrow", "Lambda", "Large", "LARGE", "Phi", "Pi", "Psi", "Pr", "P", "nabla", "nu", "neq", "ne", "neg",
    "not", "notin", "ni", "nmid", "nleq", "ngeq", "nexists", "newline", "nolimits", "natural", "nearrow",
    "nwarrow", "rangle", "rceil", "rfloor", "rho", "rightarrow", "rm", "rule", "emptyset", "epsilon", "equiv",
    "eta", "exists", "exp", "ell", "aligned", "array", "approx", "alpha", "arg", "ast", "angle", "arccos",
    "arcsin", "arctan", "atop", "acute", "forall", "flat", "frown",
})  # fmt: skip
LETTERS = re.compile(r"[A-Za-z]*")
ROW_BREAK = re.compile(r"(?<!\\)\\(?=\s|$)")  # in double quotes a lone `\` came from `\\`
DOLLAR = re.compile(r"(\\*)\$")  # a `$` and the backslashes before it


@lru_cache(maxsize=1)
def _commands() -> frozenset[str]:
    from lecturedeck.mathtext import ACCENTS, DROPPED, FUNCTIONS, GREEK, SYMBOLS, TEXT_COMMANDS

    return frozenset([*GREEK, *SYMBOLS, *FUNCTIONS, *TEXT_COMMANDS, *ACCENTS, *DROPPED, *STRUCTURE])


@dataclass(frozen=True)
class Mistake:
    """A control character at `at` that a YAML escape made; `command` is the LaTeX command it began."""

    at: int
    char: str
    command: str | None

    def describe(self) -> str:
        if self.command:
            return f"\\{self.command} into {NAMES[self.char]} and '{self.command[1:]}'"
        return f"\\{ESCAPES[self.char]} into {NAMES[self.char]}"


def _command_at(text: str, i: int) -> str | None:
    """The LaTeX command the escape at `i` swallowed the backslash and first letter of, if it is one."""
    letters = LETTERS.match(text, i + 1)
    word = ESCAPES[text[i]] + (letters.group() if letters else "")
    return word if word in _commands() else None


def unescaped_dollars(text: str) -> list[int]:
    """Positions of the unescaped `$` of `text` (those after an even number of backslashes), in order."""
    return [m.end() - 1 for m in DOLLAR.finditer(text) if len(m.group(1)) % 2 == 0]


def _is_mistake(text: str, i: int, command: str | None, formula: bool, math: bool) -> bool:
    """`math`: position `i` is in a display formula (`formula`) or inside inline `$…$`."""
    char = text[i]
    if char == "\n":  # a line break is often real (block scalars): only `\nabla`, `\nu`, `\neq` … in math,
        if command is None or len(command) < (2 if math else 3):  # or a longer n-command in text
            return False
        row_end = text[:i].rstrip(" ").endswith("\\\\")
        return not (formula and (row_end or text.endswith("\n")))
    if char == "\xa0":  # `\_` (an underscore in LaTeX) only in math: elsewhere a no-break space is typography
        return math
    return command is not None or math


def mistakes(text: str, formula: bool = False) -> list[Mistake]:
    """The control characters of `text` that YAML escapes most likely made out of LaTeX (`formula`: the
    whole text is a display formula, not text with inline `$…$`)."""
    found = []
    dollars = [] if formula else unescaped_dollars(text)  # found once, not again for every control character
    for i, char in enumerate(text):
        if char in ESCAPES:
            command = _command_at(text, i)
            math = formula or bisect_left(dollars, i) % 2 == 1  # after an odd number of unescaped `$`
            if _is_mistake(text, i, command, formula, math):
                found.append(Mistake(i, char, command))
    return found


def intended(text: str, found: list[Mistake]) -> str:
    """The text as the author typed it: each mistaken character back to its backslash and letter, and a
    backslash before a space or the end back to the `\\\\` (a LaTeX row break) YAML read as one backslash."""
    at = {m.at: "\\" + ESCAPES[m.char] for m in found}
    row_breaks = {m.start(): "\\\\" for m in ROW_BREAK.finditer(text)}
    return "".join(at.get(i) or row_breaks.get(i) or ch for i, ch in enumerate(text))


def yaml_literal(text: str) -> str:
    """`text` as YAML writes it without escapes: single-quoted on one line, or a `|` block."""
    if "\n" in text.strip("\n"):
        return "|\n" + "\n".join("  " + line for line in text.strip("\n").splitlines())
    return "'" + text.replace("'", "''") + "'"


def escape_mistake(text: str, formula: bool = False) -> str | None:
    """Why `text` holds control characters a double-quoted YAML escape made out of LaTeX, and how to
    write it instead (None if it has none)."""
    found = mistakes(text, formula)
    if not found:
        return None
    said = list(dict.fromkeys(m.describe() for m in found))
    what = ", ".join(said[:3]) + (", …" if len(said) > 3 else "")
    fixed = yaml_literal(intended(text, found))
    form = "as a block" if fixed.startswith("|") else "in single quotes"
    return (
        f"YAML turned {what}, because in double quotes a backslash and a letter are an escape; "
        f"write the text {form} (YAML keeps backslashes there): {fixed}"
    )
