"""Every shipped theme's own colour pairs pass WCAG 2 AA: 4.5:1 for text, 3:1 for large text.

The pairs are every foreground/background combination the outputs draw as text, found in
templates/theme.css.j2, templates/css/*.css.j2, the layout stage (timelines, model cards, lead
slides, footers) and the PPTX renderer (render/pptx/*.py, diagrams/style.py). Ratios are computed
from the WCAG relative-luminance formula (`lecturedeck.colors`), never hard-coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from lecturedeck.colors import contrast_ratio, mix, relative_luminance
from lecturedeck.kinds import kinds
from lecturedeck.render.code_tokens import HIGHLIGHT_OPACITY
from lecturedeck.themes import Colors, Theme, available_themes, load_theme

NORMAL, LARGE = 4.5, 3.0  # WCAG 2 AA; large = at least 24 px, or 18.67 px bold
SYNTAX = ("syntax_keyword", "syntax_string", "syntax_comment", "syntax_number", "syntax_function")


@dataclass(frozen=True)
class Pair:
    fg: str  # a colour token, or "band" for the highlighted code line (see `colour`)
    bg: str
    where: str
    large: bool = False


PAIRS = (
    # slide body (theme.css.j2 `section`, PPTX master body style), bullets, quotes, tables
    Pair("text", "background", "body text, bullets, timeline events, mind-map branches"),
    Pair("heading", "background", "slide titles, timeline years, diagram outlines"),
    Pair("accent", "background", "h3 / column and comparison headings, agenda headings, bullet markers"),
    Pair("muted", "background", "captions, credits, sources, footers, timeline summaries, diagram edge labels"),
    Pair("link", "background", "links"),
    # boxes on the code background: definitions, quotes, model cards, flowchart nodes, inline code
    Pair("text", "code_background", "definition and quote text, model-card values, flowchart nodes, inline code"),
    Pair("accent", "code_background", "definition term"),
    Pair("muted", "code_background", "model-card labels, quote source, code line numbers"),
    Pair("link", "code_background", "links in definitions, quotes, model cards"),
    Pair("heading", "code_background", "bold or heading text inside panels"),
    Pair("code_text", "code_background", "plain code"),
    *(Pair(s, "code_background", f"code: {s}") for s in SYNTAX),
    # highlighted code lines: the band is the accent at HIGHLIGHT_OPACITY over the code background
    Pair("code_text", "band", "plain code on a highlighted line"),
    Pair("muted", "band", "line number of a highlighted line"),
    *(Pair(s, "band", f"code on a highlighted line: {s}") for s in SYNTAX),
    # tables
    Pair("table_header_text", "table_header_background", "table header row"),
    Pair("text", "table_stripe", "striped table rows"),
    Pair("link", "table_stripe", "links in striped rows"),
    Pair("heading", "table_stripe", "flowchart subgraph titles (group fill)"),
    # generated lead slides (title, section)
    Pair("lead_text", "lead_background", "title and section slides: title, subtitle, byline, footer"),
    # text in the background colour on coloured shapes
    Pair("background", "heading", "timeline bands (even), model-card header, mind-map root node"),
    Pair("background", "accent", "timeline bands (odd), modality chips"),
)


def colour(colors: Colors, token: str) -> str:
    if token == "band":
        return mix(colors.accent, colors.code_background, HIGHLIGHT_OPACITY)
    value: str = getattr(colors, token)
    return value


THEMES = available_themes()


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p.fg}-on-{p.bg}")
def test_theme_colour_pair_passes_wcag_aa(name: str, pair: Pair) -> None:
    colors = load_theme(name).colors
    ratio = contrast_ratio(colour(colors, pair.fg), colour(colors, pair.bg))
    need = LARGE if pair.large else NORMAL
    assert ratio >= need, f"{name}: {pair.fg} on {pair.bg} is {ratio:.2f}:1 (< {need}:1) — {pair.where}"
    if pair.bg == "band":  # the PPTX lays the translucent band over the text, tinting it too
        tinted = mix(colors.accent, colour(colors, pair.fg), HIGHLIGHT_OPACITY)
        ratio = contrast_ratio(tinted, colour(colors, pair.bg))
        assert ratio >= need, f"{name}: {pair.fg} under the band is {ratio:.2f}:1 (< {need}:1) in the PPTX"


def test_every_text_colour_token_is_checked() -> None:
    """A colour token the outputs draw text in, or draw text on, appears in some pair."""
    used = {p.fg for p in PAIRS} | {p.bg for p in PAIRS}
    decorative = {"rule"}  # axis, table rules, group outlines: never text, never behind text
    assert set(Colors.model_fields) - decorative <= used | {"band"}


def test_highlight_band_opacity_is_the_one_the_css_uses() -> None:
    css = kinds()["code"].stylesheet.read_text(encoding="utf-8")
    percent = re.search(r"color-mix\(in srgb, \{\{ c\.accent \}\} (\d+(?:\.\d+)?)%", css)
    assert percent is not None
    assert float(percent.group(1)) / 100 == pytest.approx(HIGHLIGHT_OPACITY)


def test_contrast_is_the_wcag_formula() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    # sRGB 0x76 = 118: linear ((118/255 + 0.055) / 1.055) ** 2.4 ≈ 0.1812; ratio to white ≈ 4.54
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(1.05 / (0.18116 + 0.05), rel=1e-3)


@pytest.mark.parametrize("name", THEMES)
def test_theme_keeps_its_character(name: str) -> None:
    """Light themes stay light and dark themes dark (the fix must not swap a theme's look)."""
    theme: Theme = load_theme(name)
    light = relative_luminance(theme.colors.background) > 0.5
    assert light == (name != "contrast")
