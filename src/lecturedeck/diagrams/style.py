"""Colours and line widths of diagrams and mind maps, from theme tokens (shared by SVG and PPTX)."""

from __future__ import annotations

from dataclasses import dataclass

from lecturedeck.diagrams.mermaid import Shape
from lecturedeck.themes import Theme


@dataclass(frozen=True)
class FlowchartStyle:
    node_fill: str
    node_line: str
    decision_line: str
    node_text: str
    line: str
    label_text: str
    group_fill: str
    group_line: str
    group_text: str
    line_width: float
    node_line_width: float

    def node_colors(self, shape: Shape) -> tuple[str, str]:
        """(fill, outline) of a node: decisions are outlined in the accent colour."""
        return self.node_fill, self.decision_line if shape == "diamond" else self.node_line


def flowchart_style(theme: Theme, size: float) -> FlowchartStyle:
    c = theme.colors
    return FlowchartStyle(
        node_fill=c.code_background,
        node_line=c.heading,
        decision_line=c.accent,
        node_text=c.text,
        line=c.muted,
        label_text=c.muted,
        group_fill=c.table_stripe,
        group_line=c.rule,
        group_text=c.heading,
        line_width=max(1.0, size * 0.08),
        node_line_width=max(1.0, size * 0.08),
    )


@dataclass(frozen=True)
class MindmapStyle:
    """Line widths of a mind map, from its branch text size (shared by the SVG and the PPTX)."""

    branch_link: float  # links from the root to the branches
    link: float  # deeper links
    branch_outline: float  # the outline of branch boxes


def mindmap_style(branch_size: float) -> MindmapStyle:
    thin = max(1.0, branch_size * 0.1)
    return MindmapStyle(branch_link=max(1.0, branch_size * 0.16), link=thin, branch_outline=thin)


def branch_colors(theme: Theme) -> list[str]:
    """One colour per top-level mind-map branch (cycled), distinct and all from the theme."""
    c = theme.colors
    seen: list[str] = []
    for color in (c.accent, c.heading, c.syntax_function, c.syntax_number, c.link, c.syntax_string):
        if color.upper() not in (s.upper() for s in seen) and color.upper() != c.background.upper():
            seen.append(color)
    return seen
