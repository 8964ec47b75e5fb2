"""Quiz: a question with 2–8 lettered choices (one or several correct: then the question ends with "choose all
that apply", as a `multiple: true` poll's does) and an optional explanation.
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
from lecturedeck.kinds.choices import LETTERS, Question, count_choices, layout_choices
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
        return count_choices(choices, "quiz", "quizzes")

    @field_validator("choices")
    @classmethod
    def _one_correct(cls, choices: list[Choice]) -> list[Choice]:
        if not any(c.correct for c in choices):
            raise ValueError("no choice is correct: mark the right one(s) with `correct: true`")
        return choices


def _block(spec: QuizSlide) -> QuizBlock:
    choices = tuple(QuizChoice(parse_inline(c.text), c.correct) for c in spec.choices)
    return QuizBlock(parse_inline(spec.question), choices, parse_inline(spec.explanation))


def plan(spec: QuizSlide, folder: Path) -> tuple[Block, ...]:
    return (_block(spec),)


def notes(spec: QuizSlide, lang: str) -> str:
    """The slide's notes, then its answer (answer_notes)."""
    return "\n".join(p for p in (spec.notes.strip(), answer_notes(_block(spec), lang)) if p)


def answer_notes(block: QuizBlock, lang: str) -> str:
    """The end of a quiz's notes: the answer ("Answer: B. …") and the explanation (a handout prints them only
    when asked to)."""
    right = "; ".join(f"{LETTERS[n]}. {plain_text(c.text)}" for n, c in enumerate(block.choices) if c.correct)
    return "\n".join(p for p in (label(lang, "answer") + right, plain_text(block.explanation)) if p)


def layout(block: QuizBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    """The lettered choices; a quiz with several right choices says after its question to choose all that apply."""
    correct = tuple(c.correct for c in block.choices)
    choices = tuple(c.text for c in block.choices)
    question = Question("quiz", block.question, choices, correct, block.explanation, several=sum(correct) > 1)
    return layout_choices(question, box, ms, lang)


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
