"""Quizzes → native shapes (question, lettered choice boxes, explanation panel) and one on-click animation:
the highlight over each correct choice and the explanation appear together."""

from __future__ import annotations

from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from lecturedeck.layout.model import Frame, Graphic, Palette
from lecturedeck.render.pptx.graphic import draw_graphic
from lecturedeck.render.pptx.reveal import add_steps
from lecturedeck.render.pptx.text import Typesetter


def add_quiz(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    assert isinstance(frame.detail, Graphic)
    before = len(slide.shapes)
    draw_graphic(slide, frame.detail, ts)
    drawn = list(slide.shapes)[before:]
    add_steps(slide, [[(shape.shape_id, None) for shape in drawn if _shown_on_click(shape)]])


def _shown_on_click(shape: BaseShape) -> bool:
    """The highlight over a correct choice ("Choice B mark") and the explanation (panel and text)."""
    return shape.name.endswith(" mark") or shape.name.startswith("Explanation")
