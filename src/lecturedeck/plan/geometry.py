"""Slide geometry derived from theme tokens, shared by the CSS, the PPTX and the fit step.

All lengths are CSS px on the slide (96 px per inch; 1280 × 720 px = 13.333 × 7.5 in). The Marp
CSS and the PPTX layouts are generated from these boxes, so text measured against them fits
in both outputs.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturedeck.themes import Theme

TITLE_LINE_HEIGHT = 1.2
FOOTER_HEIGHT_FACTOR = 2.0  # footer box height in multiples of the footer font size
COLUMN_GAP = 40
EMU_PER_PX = 9525  # 914400 EMU per inch / 96 px per inch


@dataclass(frozen=True)
class Box:
    """A rectangle in CSS px: slide boxes, frames, and the nodes of diagram layouts."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def scaled(self, s: float, dx: float = 0, dy: float = 0) -> Box:
        """The box scaled by `s` about the origin, then moved by (dx, dy)."""
        return Box(self.x * s + dx, self.y * s + dy, self.w * s, self.h * s)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def inside(self, w: float, h: float, eps: float = 0.01) -> bool:
        """Whether the box lies within (0, 0, w, h)."""
        return self.x >= -eps and self.y >= -eps and self.right <= w + eps and self.bottom <= h + eps


def title_line_height(theme: Theme) -> float:
    return theme.sizes.title * TITLE_LINE_HEIGHT


def title_box(theme: Theme, lines: int = 1) -> Box:
    """The title placeholder: at the top, as tall as the title's lines."""
    s = theme.spacing
    return Box(s.padding_x, s.padding_top, theme.slide.width - 2 * s.padding_x, lines * title_line_height(theme))


def body_box(theme: Theme, title_lines: int = 1) -> Box:
    """Where slide content goes: below the title, above the footer band."""
    title = title_box(theme, title_lines)
    top = title.bottom + theme.spacing.title_gap
    return Box(title.x, top, title.w, theme.slide.height - theme.spacing.padding_bottom - top)


def column_width(width: float) -> float:
    """Width of each of two equal columns side by side in `width` px."""
    return (width - COLUMN_GAP) / 2


def column_boxes(body: Box) -> tuple[Box, Box]:
    """Two equal columns inside a body box."""
    w = column_width(body.w)
    return Box(body.x, body.y, w, body.h), Box(body.x + w + COLUMN_GAP, body.y, w, body.h)


def footer_box(theme: Theme) -> Box:
    """The footer band at the bottom of the slide (course · lecture, slide number)."""
    h = theme.sizes.footer * FOOTER_HEIGHT_FACTOR
    s = theme.spacing
    return Box(s.padding_x, theme.slide.height - s.padding_bottom / 2 - h / 2, theme.slide.width - 2 * s.padding_x, h)
