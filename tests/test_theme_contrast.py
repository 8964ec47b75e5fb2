"""Every shipped theme's own colour pairs pass WCAG 2 AA: 4.5:1 for text, 3:1 for large text.

The pairs (`lecturedeck.themes.contrast.PAIRS`, which course themes are checked against too) are every
foreground/background combination the outputs draw as text. Ratios are computed from the WCAG
relative-luminance formula (`lecturedeck.themes.colors`), never hard-coded.
"""

from __future__ import annotations

import re

import pytest

from lecturedeck.kinds import kinds
from lecturedeck.themes import Colors, Theme, available_themes, load_theme
from lecturedeck.themes.colors import contrast_ratio, mix, relative_luminance
from lecturedeck.themes.contrast import AA, BAND, HIGHLIGHT_OPACITY, PAIRS, Pair, colour, ratio, unreadable

THEMES = available_themes()


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p.fg}-on-{p.bg}")
def test_theme_colour_pair_passes_wcag_aa(name: str, pair: Pair) -> None:
    colors = load_theme(name).colors
    found, need = ratio(colors, pair), AA
    assert found >= need, f"{name}: {pair.fg} on {pair.bg} is {found:.2f}:1 (< {need}:1) — {pair.where}"


def test_the_band_counts_the_tint_the_pptx_lays_over_the_text() -> None:
    """The PPTX lays the translucent band over the text, tinting it too: the lower ratio counts."""
    colors = load_theme("lecture").colors.model_copy(update={"code_text": "#7A7A7A"})
    pair = next(p for p in PAIRS if p.fg == "code_text" and p.bg == BAND)
    tinted = contrast_ratio(mix(colors.accent, "#7A7A7A", HIGHLIGHT_OPACITY), colour(colors, BAND))
    assert ratio(colors, pair) == pytest.approx(min(tinted, contrast_ratio("#7A7A7A", colour(colors, BAND))))
    assert (pair, ratio(colors, pair)) in unreadable(colors)


def test_every_text_colour_token_is_checked() -> None:
    """A colour token the outputs draw text in, or draw text on, appears in some pair."""
    used = {p.fg for p in PAIRS} | {p.bg for p in PAIRS}
    decorative = {"rule"}  # axis, table rules, group outlines: never text, never behind text
    assert set(Colors.model_fields) - decorative <= used | {BAND}


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
