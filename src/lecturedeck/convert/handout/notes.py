"""What a handout prints beside each slide: its speaker notes, as paragraphs. A quiz's notes end with its
answer (see kinds/quiz: `answer_notes`), which a handout prints only when asked for."""

from __future__ import annotations

import re

from lecturedeck.kinds.quiz import answer_notes
from lecturedeck.plan.model import QuizBlock, Slide

BLANK_LINE = re.compile(r"\n\s*\n")


def handout_notes(slide: Slide, lang: str, answers: bool) -> tuple[tuple[str, ...], str]:
    """The slide's notes as paragraphs (split at blank lines; a paragraph keeps its line breaks) without a
    quiz's answer and explanation, and those (printed set apart) when `answers`, else ""."""
    notes, answer = slide.notes, ""
    for block in slide.blocks:
        if isinstance(block, QuizBlock) and notes.endswith(ending := answer_notes(block, lang)):
            notes, answer = notes.removesuffix(ending), ending if answers else ""
    return tuple(p.strip() for p in BLANK_LINE.split(notes) if p.strip()), answer
