"""One planned deck, two outputs: the Marp HTML and the PPTX have the same slides, for every lecture
of the starter course and of the 65-slide stress lecture (seed 001's content, tests/fixtures/stress).

The builds are made once per session through the real CLI (`starter_build`, `stress_build`); the
quality tests in test_pptx_quality.py reuse them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from bench.quality import PptxFigures, html_slide_count, pptx_figures

from lecturedeck.build import load_and_plan
from lecturedeck.outline.loader import LoadedLecture, load_course
from lecturedeck.plan.model import Deck
from tests.conftest import ROOT, require_marp, run_deck

STARTER = ROOT / "slides" / "starter"
STRESS = ROOT / "tests" / "fixtures" / "stress"
OVERFLOW = ROOT / "tests" / "fixtures" / "overflow"  # issue #4: content that must be split
FLAGSHIP = ROOT / "slides" / "llm-course"  # issue #6: the sample course every lecturer sees first
STRESS_MIN_SLIDES = 60
_BUILDS: dict[Path, Path] = {}


def build_once(course: Path, factory: pytest.TempPathFactory) -> Path:
    """OUT/<course>/ of one real `deck build` (md, html, pptx), shared by every test module."""
    if course not in _BUILDS:
        require_marp()
        out = factory.mktemp(f"build-{course.name}")
        result = run_deck("build", course, "--out", out)
        assert result.returncode == 0, result.stderr
        _BUILDS[course] = out / course.name
    return _BUILDS[course]


@pytest.fixture(scope="session")
def stress_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(STRESS, tmp_path_factory)


@pytest.fixture(scope="session")
def overflow_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(OVERFLOW, tmp_path_factory)


@pytest.fixture(scope="session")
def flagship_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(FLAGSHIP, tmp_path_factory)


BUILD_FIXTURES = {
    STARTER: "starter_build",
    STRESS: "stress_build",
    OVERFLOW: "overflow_build",
    FLAGSHIP: "flagship_build",
}


@dataclass(frozen=True)
class Lecture:
    """One lecture of a sample course: its outline, its planned deck and its built files."""

    course: Path
    loaded: LoadedLecture
    deck: Deck
    out: Path

    @property
    def pptx(self) -> Path:
        return self.out / f"{self.loaded.stem}.pptx"

    @property
    def html(self) -> Path:
        return self.out / f"{self.loaded.stem}.html"

    @property
    def figures(self) -> PptxFigures:
        return figures_of(self.pptx)


@cache
def figures_of(pptx: Path) -> PptxFigures:
    return pptx_figures(pptx)


@cache
def _planned(course: Path) -> tuple[tuple[LoadedLecture, Deck], ...]:
    loaded = load_course(course)
    (planned,) = load_and_plan([course])
    return tuple(zip(loaded.lectures, planned.decks, strict=True))


LECTURES = [
    pytest.param((course, i), id=f"{course.name}/{loaded.stem}")
    for course in BUILD_FIXTURES
    for i, loaded in enumerate(load_course(course).lectures)
]


@pytest.fixture(scope="session", params=[p.values[0] for p in LECTURES], ids=[p.id for p in LECTURES])
def lecture(request: pytest.FixtureRequest) -> Lecture:
    course, index = request.param
    out = request.getfixturevalue(BUILD_FIXTURES[course])
    loaded, deck = _planned(course)[index]
    return Lecture(course, loaded, deck, out)


def test_stress_lecture_is_long() -> None:
    ((_, deck),) = _planned(STRESS)
    assert len(deck.slides) >= STRESS_MIN_SLIDES
    kinds = {slide.kind for slide in deck.slides}
    assert {"bullets", "text", "definition", "quote", "columns", "table", "code"} <= kinds


@pytest.mark.client
def test_html_and_pptx_have_the_same_slides(lecture: Lecture) -> None:
    html_slides = html_slide_count(lecture.html.read_text(encoding="utf-8"))
    assert lecture.figures.slides == html_slides == len(lecture.deck.slides)


def test_html_slide_count_skips_advanced_backgrounds() -> None:
    html = (
        '<section id="1"></section>'
        '<section data-marpit-advanced-background="background"></section>'
        '<section id="2" data-marpit-advanced-background="content"></section>'
        '<section data-marpit-advanced-background="pseudo"></section>'
    )
    assert html_slide_count(html) == 2
