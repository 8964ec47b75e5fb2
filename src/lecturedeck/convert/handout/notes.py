"""What a handout prints beside each slide: its speaker notes, as paragraphs. A quiz's notes end with its
answer (see kinds/quiz: `answer_notes`), which a handout prints only when asked for."""

from __future__ import annotations

import re

from lecturedeck.kinds.quiz import answer_notes
from lecturedeck.plan.model import QuizBlock, Slide

BLANK_LINE = re.compile(r"\n\s*\n")


def handout_notes(slide: Slide, lang: str, answers: bool) -> tuple[str, ...]:
    """The slide's notes as paragraphs (split at blank lines; a paragraph keeps its line breaks), without a
    quiz's answer and explanation unless `answers`."""
    notes = slide.notes
    if not answers:
        for block in slide.blocks:
            if isinstance(block, QuizBlock):
                notes = notes.removesuffix(answer_notes(block, lang))
    return tuple(p.strip() for p in BLANK_LINE.split(notes) if p.strip())
