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
  word joiner, soft hyphen, bidi marks and isolates, U+FEFF, no-break space — and private-use or
  unassigned code points: kept as written.

Text that is not code is first read for LaTeX that YAML ate (`latex.escapes`: `\times` → a tab and
'imes', `\nabla` in math → a line break and 'abla'), which names the command and shows the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NoReturn

from pydantic_core import PydanticCustomError

from lecturedeck.latex.escapes import ESCAPES, NAMES, Mistake, escape_mistake, intended, yaml_literal
from lecturedeck.outline.limits import MAX_CODE_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
REFUSED = re.compile(f"[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")
REFUSED_IN_CODE = re.compile(REFUSED.pattern.replace("\t", "", 1))
WORD = re.compile(r"[A-Za-z]*")
ESCAPE_MADE = re.compile("[" + "".join(ESCAPES) + "]")  # any character a YAML escape can make


def code_point(ch: str) -> str:
    """`U+000B`: how messages name a character."""
    return f"U+{ord(ch):04X}"


def _escape_made(text: str, at: int, refused: re.Pattern[str]) -> str:
    """A refused character that a YAML escape makes, outside LaTeX (`C:\\temp`): what became of it, the fix."""
    found = [Mistake(m.start(), m.group(), None) for m in refused.finditer(text) if m.group() in ESCAPES]
    ch, word = text[at], WORD.match(text, at + 1)
    typed = f"\\{ESCAPES[ch]}{word.group() if word else ''}"
    meant = intended(text, found)
    # the text as meant, when it is text an output can hold (not with half a surrogate pair in it, say)
    fix = "" if refused.search(meant) else f": {yaml_literal(meant)}"
    tab = " (for a gap, type spaces)" if ch == "\t" else ""
    return (
        f"contains {NAMES[ch]} ({code_point(ch)}), made by `{typed}`: in double quotes a backslash and a letter "
        f"are an escape; write the text in single quotes or a | block, where backslashes stay{tab}{fix}"
    )


def _not_a_character(text: str, at: int) -> str:
    ch, number = text[at], ord(text[at])
    if 0xD800 <= number <= 0xDBFF and at + 1 < len(text) and 0xDC00 <= ord(text[at + 1]) <= 0xDFFF:
        joined = 0x10000 + ((number - 0xD800) << 10) + (ord(text[at + 1]) - 0xDC00)
        return (
            f"contains {code_point(ch)} {code_point(text[at + 1])}, the two halves of a surrogate pair, which YAML "
            f"does not join: write the character itself or \\U{joined:08X}"
        )
    if 0xD800 <= number <= 0xDFFF:
        return f"contains {code_point(ch)}, half of a surrogate pair and no character: remove its \\u escape"
    if number < 0xA0:
        return (
            f"contains the control character {code_point(ch)}, which slides cannot show: remove it "
            f"(\\x{number:02X} or \\u{number:04X} in double quotes writes it)"
        )
    return f"contains {code_point(ch)}, a Unicode non-character that no font draws: remove it"


def problem(text: str, *, code: bool = False, formula: bool = False) -> str | None:
    """Why `text` cannot be shown on a slide, or None. `code`: a listing (tabs allowed, no LaTeX reading);
    `formula`: the whole text is a display formula."""
    mistake = None if code or not ESCAPE_MADE.search(text) else escape_mistake(text, formula)
    if mistake is not None:
        return mistake
    refused = REFUSED_IN_CODE if code else REFUSED
    found = refused.search(text)
    if found is None:
        return None
    if found.group() in ESCAPES:
        return _escape_made(text, found.start(), refused)
    return _not_a_character(text, found.start())


def refuse(message: str) -> NoReturn:
    """A validation error of type `text`, whose message is `message` (outline.messages shows it after the
    field's name)."""
    raise PydanticCustomError("text", "{message}", {"message": message})


def _checker(limit: int, fix: str, *, code: bool = False, formula: bool = False) -> Callable[[object], object]:
    """A pydantic before-validator: text is checked before pydantic reads it (which would refuse a lone
    surrogate in its own words); anything else passes on, for the schema to say it is not text."""

    def check(value: object) -> object:
        if not isinstance(value, str):
            return value
        if len(value) > limit:
            refuse(f"is {len(value):,} characters long, more than the {limit:,} allowed: {fix}")
        message = problem(value, code=code, formula=formula)
        if message is not None:
            refuse(message)
        return value

    return check


SPLIT = "split it into several bullets, paragraphs or slides, or move details into notes"
check_text = _checker(MAX_TEXT_CHARS, SPLIT)
check_formula = _checker(MAX_TEXT_CHARS, SPLIT, formula=True)
check_notes = _checker(MAX_NOTES_CHARS, "keep the notes of one slide shorter, or split the slide")
check_code = _checker(MAX_CODE_CHARS, "show an excerpt, or split it over several slides", code=True)
