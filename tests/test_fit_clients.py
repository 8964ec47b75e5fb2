"""Issue #4 verified in real clients: after the fit step no slide overflows in Chromium, and the HTML
keeps every outline text (the PPTX side — LibreOffice, no text off the page or overlapping — is in
test_pptx_quality.py, over the same lectures, including the overflow stress course)."""

from __future__ import annotations

import pytest
from bench.quality import squash

from tests import test_parity
from tests.marp_html import SLIDES, SPILL_JS, read_deck
from tests.planned_text import body_texts
from tests.test_parity import OVERFLOW, Lecture, _planned

pytestmark = pytest.mark.client

lecture = test_parity.lecture
stress_build = test_parity.stress_build
overflow_build = test_parity.overflow_build
flagship_build = test_parity.flagship_build
SPILL_TOLERANCE = 2  # px at slide scale (sub-pixel rounding, anti-aliasing)


def test_overflow_course_really_needs_splitting() -> None:
    ((_, deck),) = _planned(OVERFLOW)
    continued = [s for s in deck.slides if s.part > 1]
    assert len(continued) >= 10, "the stress course must exercise pagination"
    assert {s.kind for s in continued} >= {"text", "bullets", "table", "code", "columns"}


def test_no_slide_spills_out_in_chromium(lecture: Lecture, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(lecture.html.as_uri())
    page.wait_for_timeout(300)
    spills = page.evaluate(SPILL_JS, SLIDES)
    page.close()
    assert len(spills) == len(lecture.deck.slides)
    worst = [(number, spill) for number, spill in enumerate(spills, start=1) if spill > SPILL_TOLERANCE]
    assert worst == [], f"slides sticking out of their box (slide, px): {worst}"


def test_every_planned_text_is_in_the_html(lecture: Lecture) -> None:
    slides, _ = read_deck(lecture.html.read_text(encoding="utf-8"))
    shown = squash("".join(slides))
    missing = [text for text in body_texts(lecture.deck) if squash(text) not in shown]
    assert missing == []
