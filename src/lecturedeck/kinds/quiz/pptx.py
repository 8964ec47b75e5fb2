"""Quizzes → native shapes (question, lettered choice boxes, explanation panel) and one on-click animation:
the highlight over each correct choice and the explanation appear together."""

from __future__ import annotations

from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from lecturedeck.layout.model import Frame, Graphic, Palette
from lecturedeck.render.pptx.animation import appear_on_click
from lecturedeck.render.pptx.graphic import draw_graphic
from lecturedeck.render.pptx.text import Typesetter


def add_quiz(slide: Slide, frame: Frame, ts: Typesetter, palette: Palette | None = None) -> None:
    assert isinstance(frame.detail, Graphic)
    before = len(slide.shapes)
    draw_graphic(slide, frame.detail, ts)
    drawn = list(slide.shapes)[before:]
    appear_on_click(slide, [[shape for shape in drawn if _revealed(shape)]])


def _revealed(shape: BaseShape) -> bool:
    return shape.name.endswith(" mark") or shape.name.startswith("Explanation")
