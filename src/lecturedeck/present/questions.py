"""The live questions of a lecture: every quiz (and poll) slide of its planned deck, named q<slide number>."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lecturedeck.errors import DeckError, combined
from lecturedeck.inline import plain_text
from lecturedeck.kinds.choices import LETTERS
from lecturedeck.plan.model import Deck, PollBlock, QuizBlock

if TYPE_CHECKING:
    from lecturedeck.outline.loader import LoadedCourse, LoadedLecture


@dataclass(frozen=True)
class Question:
    """One live question; `correct` is empty for a poll."""

    qid: str  # "q<slide number>", 1-based in the built deck
    slide: int
    kind: str  # "quiz" or "poll"
    question: str
    choices: tuple[str, ...]  # the choices' texts, lettered A, B, … in order
    correct: frozenset[str] = frozenset()
    multiple: bool = False  # more than one choice may be picked
    explanation: str = ""

    @property
    def ids(self) -> str:
        """The choice ids, e.g. "ABCD"."""
        return LETTERS[: len(self.choices)]

    def public(self) -> dict[str, object]:
        """What the audience may see while the question is open: never the correct choices."""
        return {
            "q": self.qid,
            "kind": self.kind,
            "question": self.question,
            "choices": [{"id": i, "text": t} for i, t in zip(self.ids, self.choices, strict=True)],
            "multiple": self.multiple,
        }

    def answered(self) -> dict[str, object]:
        """The question with its right choices and explanation: for the presenter, and the audience once revealed."""
        return {**self.public(), "correct": sorted(self.correct), "explanation": self.explanation}


def deck_questions(deck: Deck) -> dict[str, Question]:
    """The questions of a planned deck, by id, in slide order."""
    found: dict[str, Question] = {}
    for number, slide in enumerate(deck.slides, 1):
        for block in slide.blocks:
            qid = f"q{number}"
            if isinstance(block, QuizBlock):
                correct = frozenset(LETTERS[n] for n, c in enumerate(block.choices) if c.correct)
                texts = tuple(plain_text(c.text) for c in block.choices)
                explanation = plain_text(block.explanation)
                found[qid] = Question(
                    qid, number, "quiz", plain_text(block.question), texts, correct, len(correct) > 1, explanation
                )
            elif isinstance(block, PollBlock):
                texts = tuple(plain_text(c) for c in block.choices)
                found[qid] = Question(qid, number, "poll", plain_text(block.question), texts, multiple=block.multiple)
    return found


def find_lecture(course: Path, lecture: str) -> tuple[LoadedCourse, LoadedLecture]:
    """The course at `course`, loaded and checked, and its lecture `lecture`: its file stem ("01-overview"), its
    file name, or a prefix of exactly one stem ("01"). Raises DeckError."""
    from lecturedeck.outline.loader import read_course

    loaded, problems = read_course(course)
    if problems:
        raise combined(problems)
    stems = [lec.stem for lec in loaded.lectures]
    wanted = lecture.removesuffix(".yaml").removesuffix(".yml")
    matches = [s for s in stems if s == wanted] or [s for s in stems if s.startswith(wanted)]
    if len(matches) != 1:
        what = "matches several lectures" if matches else "is not a lecture"
        raise DeckError(
            f"{lecture!r} {what} of the course {loaded.name}: name one of {', '.join(stems)} (a unique prefix such "
            "as 01 is enough)"
        )
    return loaded, next(lec for lec in loaded.lectures if lec.stem == matches[0])


def plan_one_lecture(loaded: LoadedCourse, chosen: LoadedLecture) -> Deck:
    """The planned deck of one lecture, fitted to the theme's boxes as a build fits it."""
    from lecturedeck.plan.fit import fit_deck
    from lecturedeck.plan.planner import plan_lecture

    deck, _ = fit_deck(plan_lecture(loaded, chosen, loaded.theme.name), loaded.theme)
    return deck
