"""The outline format: what a lecturer writes in course.yaml and one YAML file per lecture.

Text fields take inline markdown only (bold, italic, code, links, $math$); block structure comes
from the YAML. Every slide may carry `notes:` (speaker notes). Each slide kind's own keys are defined
in its home, `lecturedeck/kinds/<kind>/`; a slide is whichever kind its `kind:` names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Protocol, Union

from pydantic import Field, ValidationInfo, field_validator

from lecturedeck.kinds import NAMES, kinds
from lecturedeck.outline.fields import Notes, OptionalText, Strict, Text
from lecturedeck.outline.limits import MAX_LECTURES, MAX_SLIDES
from lecturedeck.themes import DEFAULT_THEME

if TYPE_CHECKING:

    class SlideSpec(Protocol):
        """What every kind's spec has (type checkers see this; pydantic the union of the kinds' specs)."""

        kind: str
        title: str
        notes: str

else:
    SlideSpec = Annotated[
        Union[tuple(kind.spec for kind in kinds().values())],  # noqa: UP007
        Field(discriminator="kind"),
    ]
SLIDE_KINDS = NAMES
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")  # BCP 47, as far as a deck needs it


def language_tag(value: str) -> str:
    """`value` if it is a language tag (course and lecture `lang`), else a ValueError saying what is expected."""
    if not LANGUAGE_TAG.fullmatch(value):
        raise ValueError(
            f"lang must be a language tag such as zh-CN, en or en-US (BCP 47: letters and digits joined "
            f"by hyphens), not {value!r}"
        )
    return value


class Section(Strict):
    title: Text
    slides: list[SlideSpec] = Field(min_length=1)
    notes: Notes = ""  # the section divider's speaker notes


class Lecture(Strict):
    """One lecture file: its sections become section dividers, the objectives an agenda.

    Every generated slide can carry speaker notes: `notes` (the title slide), `agenda_notes`,
    `notes` on a section (its divider) and `summary_notes`.
    """

    title: Text
    subtitle: OptionalText = ""
    objectives: list[Text] = []
    agenda_notes: Notes = ""
    sections: list[Section] = Field(min_length=1)
    summary: list[Text] = []
    summary_notes: Notes = ""
    notes: Notes = ""
    reveal: bool | None = None  # items one at a time on the slides that allow it; unset: the course's choice
    lang: str | None = None  # this lecture's language (labels, line breaking, PPTX runs); unset: the course's

    @field_validator("lang")
    @classmethod
    def _bcp47(cls, value: str | None) -> str | None:
        return None if value is None else language_tag(value)

    @field_validator("sections")
    @classmethod
    def _slides_at_most(cls, sections: list[Section]) -> list[Section]:
        count = sum(len(section.slides) for section in sections)
        if count > MAX_SLIDES:
            raise ValueError(
                f"the lecture has {count} slides, more than the {MAX_SLIDES} one lecture file may hold: split it "
                "into two lecture files and list both under 'lectures:' in course.yaml"
            )
        return sections

    @field_validator("summary_notes")
    @classmethod
    def _summary_given(cls, value: str, info: ValidationInfo) -> str:
        if value.strip() and not info.data.get("summary", True):
            raise ValueError(
                "there is no summary slide to carry these notes: add 'summary:' with the lecture's key points, "
                "or put the notes on the last slide"
            )
        return value


class Course(Strict):
    """course.yaml: metadata shared by every lecture, and the lecture files in order."""

    title: Text
    subtitle: OptionalText = ""
    author: OptionalText = ""
    date: OptionalText = ""
    lang: str = "zh-CN"
    theme: str = DEFAULT_THEME
    reveal: bool = False  # items one at a time on every slide that allows it, unless a lecture or slide says
    lectures: list[Text] = Field(min_length=1)

    @field_validator("lectures")
    @classmethod
    def _lectures_at_most(cls, lectures: list[str]) -> list[str]:
        if len(lectures) > MAX_LECTURES:
            raise ValueError(
                f"the course lists {len(lectures)} lectures, more than the {MAX_LECTURES} one course may hold: "
                "split it into several courses"
            )
        return lectures

    @field_validator("lang")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        return language_tag(value)
