"""Poll: a question with 2–8 lettered choices and no right answer (`multiple: true`: a student may pick
several). Built, it shows the question and its choices (HTML and native PPTX shapes, the quiz's layout);
live in `deck present`, students answer from their phones and the counts appear on the slide. A poll
never splits: one that does not fit its slide is an error saying what to shorten."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.choices import LETTERS, Question, count_choices, layout_choices
from lecturedeck.outline.fields import SlideBase, Text
from lecturedeck.plan.model import Block, PollBlock

if TYPE_CHECKING:
    from lecturedeck.layout.model import Detail
    from lecturedeck.plan.geometry import Box
    from lecturedeck.plan.measure import Measurer


class PollSlide(SlideBase):
    """A question with 2–8 lettered choices and no right answer; `multiple: true` lets a student pick
    several. Live in `deck present`, the counts appear on the slide."""

    kind: Literal["poll"]
    question: Text
    choices: list[Text] = Field(min_length=2, max_length=len(LETTERS))
    multiple: bool = False

    @field_validator("choices", mode="before")
    @classmethod
    def _how_many(cls, choices: object) -> object:
        if isinstance(choices, list) and any(isinstance(c, dict) and "correct" in c for c in choices):
            raise ValueError(
                "a poll has no right answer: write its choices as plain text (or make it `kind: quiz` to mark one)"
            )
        return count_choices(choices, "poll", "polls")


def plan(spec: PollSlide, folder: Path) -> tuple[Block, ...]:
    return (PollBlock(parse_inline(spec.question), tuple(parse_inline(c) for c in spec.choices), spec.multiple),)


def layout(block: PollBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    """The quiz's layout; a poll with `multiple: true` says after its question that several may be chosen."""
    return layout_choices(Question("poll", block.question, block.choices, several=block.multiple), box, ms, lang)


KIND = Kind(
    name="poll",
    spec=PollSlide,
    block=PollBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout,
    pptx="lecturedeck.render.pptx.graphic:add_graphic",
    fills_box=True,
)
