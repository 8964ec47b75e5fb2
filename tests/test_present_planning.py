"""`deck present` plans its lecture once: the build hands over every deck it plans (present takes its lecture's
from there), and a build with nothing to do plans nothing (present plans the lecture itself then)."""

from __future__ import annotations

from pathlib import Path

from lecturedeck.incremental import build_courses
from lecturedeck.plan.model import Deck
from lecturedeck.present.questions import deck_questions, find_lecture, plan_one_lecture
from tests.present_course import QUIZ, live_course


def test_the_build_hands_over_the_decks_it_plans_and_nothing_when_up_to_date(tmp_path: Path) -> None:
    folder = live_course(tmp_path)
    planned: list[Deck] = []
    build_courses([folder], tmp_path / "build", ["md"], planned=planned.append)
    assert [deck.stem for deck in planned] == ["01-live"]
    on_its_own = plan_one_lecture(*find_lecture(folder, "01"))
    assert deck_questions(planned[0]) == deck_questions(on_its_own) and QUIZ in deck_questions(on_its_own)
    build_courses([folder], tmp_path / "build", ["md"], planned=planned.append)
    assert len(planned) == 1  # up to date: not planned again
