r"""Which characters a text field may hold: one policy for every text field of every kind, applied when
the outline is validated, so the Markdown and the PPTX always get the same text.

Per character class:

- new lines: kept (a one-line field such as a title or bullet shows them as spaces);
- tabs: kept in code listings and mermaid diagrams (they indent; listings expand them to 4 columns),
  an error anywhere else: there a tab is almost always `\t` in a double-quoted YAML string (`\times`,
  `\theta`, `\tau`, `\text` lose their `\t`);
- every other control character (C0, DEL, C1) and the line and paragraph separators U+2028/U+2029: an
  error. The YAML reader refuses them in a file, so only double-quoted escapes make them — mostly by
  mistake: `\a \b \f \v \r \e \0 \N \L \P` eat the start of `\alpha \beta \frac \vec \rho \epsilon …`.
  PPTX cannot store them (python-pptx raises or writes `_x000B_`);
- Unicode non-characters (U+FDD0–U+FDEF, U+FFFE and U+FFFF of every plane) and lone surrogates (YAML
  does not join `\uD83D\uDE00`): an error; no font draws them and XML forbids most of them;
- invisible characters that shape text — zero-width joiner (emoji), zero-width (non-)joiner and space,
  word joiner, soft hyphen, bidi marks and isolates, U+FEFF — and private-use or unassigned code points:
  kept as written.

`yaml_escape_mistake` explains a character that a YAML escape made, for any checker (math too).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lecturedeck.outline.limits import MAX_CODE_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS

TAB = "\t"
# What a double-quoted YAML escape turns `\letter` into (YAML 1.1 §5.7), by the character it makes.
YAML_ESCAPES = {
    "\0": "0",
    "\a": "a",
    "\b": "b",
    TAB: "t",
    "\v": "v",
    "\f": "f",
    "\r": "r",
    "\x1b": "e",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}
NAMES = {
    "\0": "a null character",
    "\a": "a bell character",
    "\b": "a backspace",
    TAB: "a tab",
    "\v": "a vertical tab",
    "\f": "a form feed",
    "\r": "a carriage return",
    "\x1b": "an escape character",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")
FORBIDDEN_OR_TAB = re.compile(f"[\t{FORBIDDEN.pattern[1:-1]}]")
SHORT = 100  # a value up to this long (on one line) is shown whole in its suggested single-quoted form


def code_point(ch: str) -> str:
    """`U+000B`: how messages name a character."""
    return f"U+{ord(ch):04X}"


def single_quoted(text: str) -> str:
    """`text` as a single-quoted YAML scalar, in which a backslash is just a backslash."""
    return "'" + text.replace("'", "''") + "'"


def _typed(text: str) -> str:
    """What the author probably typed: each escape-made character back as `\\letter`."""
    return "".join("\\" + YAML_ESCAPES[ch] if ch in YAML_ESCAPES else ch for ch in text)


ESCAPE_MADE = re.compile("[" + "".join(YAML_ESCAPES) + "]")


def yaml_escape_mistake(text: str) -> str | None:
    r"""Why the first character of `text` that a double-quoted YAML escape makes is there (`\times` became
    a tab + 'imes'), and the fix; None when there is none."""
    found = ESCAPE_MADE.search(text)
    return None if found is None else _escape_mistake(text, found.start())


def _escape_mistake(text: str, at: int) -> str:
    ch = text[at]
    word = re.match(r"[A-Za-z]*", text[at + 1 :])
    rest = word.group() if word else ""
    typed = f"`\\{YAML_ESCAPES[ch]}{rest}`"
    became = f"{typed} became {NAMES[ch]} + '{rest}'" if rest else f"{typed} became {NAMES[ch]}"
    if len(text) <= SHORT and "\n" not in text:
        fix = f"write the text in single quotes instead: {single_quoted(_typed(text))}"
    else:
        fix = "write it in single quotes or as a | block, where a backslash stays a backslash"
    if ch == TAB:
        fix += " (for a gap, type spaces)"
    return (
        f"contains {NAMES[ch]} ({code_point(ch)}): in double quotes YAML reads a backslash as an escape, "
        f"so {became}; {fix}"
    )


def _other_problem(text: str, at: int) -> str:
    ch = text[at]
    number = ord(ch)
    if 0xD800 <= number <= 0xDBFF and at + 1 < len(text) and 0xDC00 <= ord(text[at + 1]) <= 0xDFFF:
        joined = 0x10000 + ((number - 0xD800) << 10) + (ord(text[at + 1]) - 0xDC00)
        return (
            f"contains {code_point(ch)} {code_point(text[at + 1])}, the two halves of a surrogate pair, which YAML "
            f"does not join: write the character itself or \\U{joined:08X}"
        )
    if 0xD800 <= number <= 0xDFFF:
        return f"contains {code_point(ch)}, half of a surrogate pair, which is no character: remove its \\u escape"
    if number < 0xA0:
        return (
            f"contains the control character {code_point(ch)}, which slides cannot show: remove it "
            f"(\\x{number:02X} or \\u{number:04X} in double quotes writes it)"
        )
    return f"contains {code_point(ch)}, a Unicode non-character that no font draws: remove it"


def problem(text: str, *, tabs: bool = False) -> str | None:
    """Why `text` cannot be shown on a slide (a character the policy refuses), or None.
    `tabs`: whether tabs are allowed (code listings)."""
    found = (FORBIDDEN if tabs else FORBIDDEN_OR_TAB).search(text)
    if found is None:
        return None
    if found.group() in YAML_ESCAPES:
        return _escape_mistake(text, found.start())
    return _other_problem(text, found.start())


def _checker(limit: int, what: str, fix: str, *, tabs: bool = False) -> Callable[[str], str]:
    def check(text: str) -> str:
        if len(text) > limit:
            raise ValueError(f"{what} is {len(text):,} characters long, more than the {limit:,} allowed: {fix}")
        message = problem(text, tabs=tabs)
        if message is not None:
            raise ValueError(message)
        return text

    return check


check_text = _checker(
    MAX_TEXT_CHARS, "the text", "split it into several bullets, paragraphs or slides, or move details into notes"
)
check_notes = _checker(MAX_NOTES_CHARS, "the notes", "keep the notes of one slide shorter, or split the slide")
check_code = _checker(MAX_CODE_CHARS, "the listing", "show an excerpt, or split it over several slides", tabs=True)
