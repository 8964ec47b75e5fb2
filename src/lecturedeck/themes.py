"""Theme tokens (assets/themes/<name>/theme.yaml) → one Theme object used by every renderer."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from lecturedeck.errors import DeckError
from lecturedeck.paths import THEMES_DIR


class _Tokens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlideSize(_Tokens):
    width: int
    height: int


class Colors(_Tokens):
    background: str
    text: str
    heading: str
    accent: str
    muted: str
    rule: str
    code_background: str
    code_text: str
    lead_background: str
    lead_text: str
    table_header_background: str
    table_header_text: str
    table_stripe: str
    link: str
    syntax_keyword: str
    syntax_string: str
    syntax_comment: str
    syntax_number: str
    syntax_function: str


class Fonts(_Tokens):
    latin: tuple[str, ...]
    east_asian: tuple[str, ...]
    mono: tuple[str, ...]


class Sizes(_Tokens):
    base: int
    title: int
    lead_title: int
    subtitle: int
    small: int
    code: int
    footer: int
    min: int


class Spacing(_Tokens):
    padding_x: int
    padding_top: int
    padding_bottom: int
    title_gap: int
    line_height: float
    paragraph_gap: int
    indent: int


class Theme(_Tokens):
    """All design tokens of one theme. Lengths are CSS px on the slide (96 px per inch)."""

    name: str
    description: str
    slide: SlideSize
    colors: Colors
    fonts: Fonts
    sizes: Sizes
    spacing: Spacing

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


def available_themes() -> list[str]:
    """Names of the themes shipped in assets/themes/."""
    return sorted(p.parent.name for p in THEMES_DIR.glob("*/theme.yaml"))


def unknown_theme_message(name: str) -> str:
    """What to tell a user who asked for a theme that does not exist."""
    known = available_themes()
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown theme '{name}': {hint}available themes: {', '.join(known)} (see 'deck themes')"


@cache
def load_theme(name: str) -> Theme:
    """Load a theme by name; an unknown name raises DeckError with suggestions."""
    path = THEMES_DIR / name / "theme.yaml"
    if not path.is_file():
        raise DeckError(unknown_theme_message(name))
    return _parse_theme(name, path)


def _parse_theme(name: str, path: Path) -> Theme:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Theme.model_validate({"name": name, **data})
    except (yaml.YAMLError, ValidationError, TypeError) as exc:
        raise DeckError(f"theme '{name}' is broken: {exc}", None) from exc
