"""Theme tokens → one Theme object used by every renderer, and the built-in themes (assets/themes/<name>/theme.yaml).

A theme is looked up by its key, `Theme.name`: a built-in theme's name, or the key a course theme got when its
file was read (`lecturedeck.themes.files`, which reads every theme file, built-in or not).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from lecturedeck.paths import THEMES_DIR

HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# A font family name goes into CSS strings, SVG and HTML <style> elements and PPTX XML: words only.
FONT_NAME = re.compile(r"[\w .()+-]{1,64}")


def _colour_given(value: object) -> object:
    if value is None:
        raise ValueError('no colour given: write it in quotes, e.g. "#A84B00" (unquoted, YAML reads # as a comment)')
    return value


def _hex_colour(value: str) -> str:
    if not HEX_COLOUR.fullmatch(value):
        raise ValueError(f'\'{value}\' is not a colour: write it as "#RRGGBB", six hex digits (e.g. "#A84B00")')
    return value.upper()


def _font_name(value: str) -> str:
    if not FONT_NAME.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a font family name: use the family's name as the system lists it (letters, digits, "
            "spaces, . ( ) + - and at most 64 characters)"
        )
    return value


def _one_line(value: str) -> str:
    if not value.isprintable():
        raise ValueError("the description must be one line of plain text")
    return value


Colour = Annotated[str, BeforeValidator(_colour_given), AfterValidator(_hex_colour)]
FontStack = tuple[Annotated[str, AfterValidator(_font_name)], ...]
Px = Annotated[int, Field(ge=0, le=2000)]  # a length on the slide
FontPx = Annotated[int, Field(ge=6, le=400)]  # a text size


class _Tokens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlideSize(_Tokens):
    width: Annotated[int, Field(ge=320, le=7680)]
    height: Annotated[int, Field(ge=180, le=4320)]


class Colors(_Tokens):
    background: Colour
    text: Colour
    heading: Colour
    accent: Colour
    muted: Colour
    rule: Colour
    code_background: Colour
    code_text: Colour
    lead_background: Colour
    lead_text: Colour
    table_header_background: Colour
    table_header_text: Colour
    table_stripe: Colour
    link: Colour
    syntax_keyword: Colour
    syntax_string: Colour
    syntax_comment: Colour
    syntax_number: Colour
    syntax_function: Colour


class Fonts(_Tokens):
    latin: FontStack = Field(min_length=1)
    east_asian: FontStack = Field(min_length=1)
    mono: FontStack = Field(min_length=1)


class Sizes(_Tokens):
    base: FontPx
    title: FontPx
    lead_title: FontPx
    subtitle: FontPx
    small: FontPx
    code: FontPx
    footer: FontPx
    min: FontPx


class Spacing(_Tokens):
    padding_x: Px
    padding_top: Px
    padding_bottom: Px
    title_gap: Px
    line_height: Annotated[float, Field(ge=0.8, le=4.0)]
    paragraph_gap: Px
    indent: Px


class ThemeTokens(_Tokens):
    """The design tokens a theme.yaml holds (once `extends` is applied). Lengths are CSS px on the slide (96 px
    per inch)."""

    description: Annotated[str, Field(max_length=200), AfterValidator(_one_line)]
    slide: SlideSize
    colors: Colors
    fonts: Fonts
    sizes: Sizes
    spacing: Spacing


class Theme(ThemeTokens):
    """All design tokens of one theme, and its key (`name`): what decks, the Marp CSS and the PPTX call it."""

    name: str

    def css_font_stack(self, kind: str = "body") -> str:
        """A CSS font-family list: Latin fonts first so Latin glyphs use them, then CJK.

        The same families in the same order as the PPTX names them (first of each list: `a:latin`, `a:ea`),
        so the browser ends on the faces LibreOffice / PowerPoint use (tests/test_font_parity.py)."""
        names = (
            (*self.fonts.mono, *self.fonts.east_asian)
            if kind == "mono"
            else (*self.fonts.latin, *self.fonts.east_asian)
        )
        generic = "monospace" if kind == "mono" else "sans-serif"
        return ", ".join([*(f'"{n}"' for n in names), generic])


DEFAULT_THEME = "lecture"  # a course without `theme:`
_LOADED: dict[str, Theme] = {}  # by key: every theme read so far


def builtin_theme_files() -> dict[str, Path]:
    """The themes shipped with lecturedeck: name → its theme.yaml (the only place that knows where they are)."""
    return {p.parent.name: p for p in sorted(THEMES_DIR.glob("*/theme.yaml"))}


def available_themes() -> list[str]:
    """Names of the built-in themes."""
    return sorted(builtin_theme_files())


def unknown_theme_message(name: str, course_themes: Iterable[str] = ()) -> str:
    """What to tell a user who asked for a theme that does not exist (`course_themes`: the course's own)."""
    known = sorted({*available_themes(), *course_themes})
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown theme '{name}': {hint}available themes: {', '.join(known)} (see 'deck themes')"


def remember(theme: Theme) -> Theme:
    """Make `load_theme(theme.name)` return this theme (a course theme, once its file was read)."""
    _LOADED[theme.name] = theme
    return theme


def load_theme(key: str) -> Theme:
    """The theme with this key: a built-in theme's name, or a course theme's key (`Theme.name`) once it was read.
    An unknown key raises DeckError with suggestions."""
    found = _LOADED.get(key)
    if found is None:
        # themes.files reads YAML the way outlines are read, and the outline schema imports this module
        from lecturedeck.themes.files import read_builtin_theme

        found = remember(read_builtin_theme(key))
    return found
