"""Quiz: a question with 2–8 lettered choices (one or several correct) and an optional explanation.
In the HTML the choices are buttons (our own script, `quiz.js`, added after marp-cli) that mark a choice
right or wrong and show the explanation once every correct choice is found; in the PPTX one click
highlights the correct choices and shows the explanation. The answer is appended to the speaker notes.
A quiz never splits: one that does not fit its slide is an error saying what to shorten."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from lecturedeck.inline import parse_inline, plain_text
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.quiz.layout import LETTERS, layout_quiz
from lecturedeck.outline.fields import OptionalText, SlideBase, Strict, Text
from lecturedeck.plan.labels import label
from lecturedeck.plan.model import Block, QuizBlock, QuizChoice

if TYPE_CHECKING:
    from lecturedeck.layout.model import Detail
    from lecturedeck.plan.geometry import Box
    from lecturedeck.plan.measure import Measurer


class Choice(Strict):
    """A quiz choice; a plain string is a wrong one."""

    text: Text
    correct: bool = False


def _choice_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


ChoiceItem = Annotated[Choice, BeforeValidator(_choice_from_text, json_schema_input_type=Text | Choice)]


class QuizSlide(SlideBase):
    """A question with 2–8 lettered choices (one or several `correct: true`) and an optional explanation:
    clickable in the HTML, revealed by one click in the PPTX; the answer is added to the notes."""

    kind: Literal["quiz"]
    question: Text
    choices: list[ChoiceItem] = Field(min_length=2, max_length=len(LETTERS))
    explanation: OptionalText = ""

    @field_validator("choices", mode="before")
    @classmethod
    def _how_many(cls, choices: object) -> object:
        if isinstance(choices, list) and not 2 <= len(choices) <= len(LETTERS):
            raise ValueError(
                f"a quiz has 2 to {len(LETTERS)} choices (lettered A to {LETTERS[-1]}), this one has {len(choices)}: "
                + ("add another choice" if len(choices) < 2 else "keep the best ones, or split it into two quizzes")
            )
        return choices

    @field_validator("choices")
    @classmethod
    def _one_correct(cls, choices: list[Choice]) -> list[Choice]:
        if not any(c.correct for c in choices):
            raise ValueError("no choice is correct: mark the right one(s) with `correct: true`")
        return choices


def plan(spec: QuizSlide, folder: Path) -> tuple[Block, ...]:
    choices = tuple(QuizChoice(parse_inline(c.text), c.correct) for c in spec.choices)
    return (QuizBlock(parse_inline(spec.question), choices, parse_inline(spec.explanation)),)


def notes(spec: QuizSlide, lang: str) -> str:
    """The slide's notes, then the answer ("Answer: B. …") and the explanation."""
    right = [(LETTERS[n], c.text) for n, c in enumerate(spec.choices) if c.correct]
    answer = label(lang, "answer") + "; ".join(f"{letter}. {plain_text(parse_inline(t))}" for letter, t in right)
    parts = [spec.notes.strip(), answer, plain_text(parse_inline(spec.explanation))]
    return "\n".join(p for p in parts if p)


def layout(block: QuizBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    return layout_quiz(block, box, ms, lang)


KIND = Kind(
    name="quiz",
    spec=QuizSlide,
    block=QuizBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout,
    pptx="lecturedeck.kinds.quiz.pptx:add_quiz",
    fills_box=True,
    notes=notes,
)
