"""Every colour pair a theme draws text with, and whether it is readable: WCAG 2 AA, 4.5:1 for every pair (each is
used for normal-size text somewhere, so none gets the 3:1 of large text only).

The pairs are every foreground/background combination the outputs draw as text, found in
templates/theme.css.j2, the kinds' stylesheets, the layout stage (timelines, model cards, lead slides, footers)
and the PPTX renderer (render/pptx/*.py, diagrams/style.py). Ratios come from the WCAG relative-luminance
formula (`lecturedeck.themes.colors`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturedeck.themes import Colors
from lecturedeck.themes.colors import contrast_ratio, mix

AA = 4.5  # WCAG 2 AA contrast for normal-size text
SYNTAX = ("syntax_keyword", "syntax_string", "syntax_comment", "syntax_number", "syntax_function")
HIGHLIGHT_OPACITY = 0.12  # highlighted code lines: a band of the accent colour at this opacity (CSS: color-mix 12%)
BAND = "band"  # the highlighted code line: the accent at HIGHLIGHT_OPACITY over the code background


@dataclass(frozen=True)
class Pair:
    fg: str  # a colour token, or BAND
    bg: str
    where: str

    @property
    def tokens(self) -> tuple[str, ...]:
        """The colour tokens the pair is made of (the band is made of the accent and the code background)."""
        return tuple(
            t for token in (self.fg, self.bg) for t in (("accent", "code_background") if token == BAND else (token,))
        )


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
    Pair("code_text", BAND, "plain code on a highlighted line"),
    Pair("muted", BAND, "line number of a highlighted line"),
    *(Pair(s, BAND, f"code on a highlighted line: {s}") for s in SYNTAX),
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
    """The "#RRGGBB" of a colour token, or of the highlighted-line band."""
    if token == BAND:
        return mix(colors.accent, colors.code_background, HIGHLIGHT_OPACITY)
    value: str = getattr(colors, token)
    return value


def ratio(colors: Colors, pair: Pair) -> float:
    """The pair's contrast as drawn; on the band the lower of the HTML's and the PPTX's (which lays the
    translucent band over the text, tinting it too)."""
    fg, bg = colour(colors, pair.fg), colour(colors, pair.bg)
    found = contrast_ratio(fg, bg)
    if pair.bg == BAND:
        found = min(found, contrast_ratio(mix(colors.accent, fg, HIGHLIGHT_OPACITY), bg))
    return found


def unreadable(colors: Colors) -> list[tuple[Pair, float]]:
    """The pairs below WCAG AA, with their contrast."""
    return [(pair, found) for pair in PAIRS if (found := ratio(colors, pair)) < AA]
