"""Issue #4 verified in real clients: after the fit step no slide overflows in Chromium, and the HTML
keeps every outline text (the PPTX side — LibreOffice, no text off the page or overlapping — is in
test_pptx_quality.py, over the same lectures, including the overflow stress course)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.quality import squash

from tests import test_parity
from tests.conftest import ROOT
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


READABILITY = ROOT / "tests" / "fixtures" / "readability"

# Per slide: words of table cells that Chromium wraps between two letters or digits with neither a
# hyphen nor a soft hyphen there. Chromium reports the hyphen it draws at a soft-hyphen break as the
# box of the next character, so a character right after a soft hyphen is not compared.
BROKEN_CELL_WORDS_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const out = [];
  const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.parentElement.closest('td, th')) continue;
    const top = i => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
                       const q = r.getClientRects()[0]; return q ? q.top + q.height / 2 : null; };
    for (const m of t.data.matchAll(/[A-Za-z0-9\\u00ad]+/g)) {
      let prev = null, prevTop = null;
      for (let i = m.index; i < m.index + m[0].length; i++) {
        const ch = t.data[i];
        if (ch === '\\u00ad' || (i > 0 && t.data[i - 1] === '\\u00ad')) { prev = null; continue; }
        const y = top(i); if (y === null) continue;
        if (prev !== null && Math.abs(y - prevTop) > 4) out.push(m[0].replace(/\\u00ad/g, '') + ' @' + (i - m.index));
        prev = ch; prevTop = y;
      }
    }
  }
  return out;
})
"""


@pytest.fixture(scope="module")
def readability_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return test_parity.build_once(READABILITY, tmp_path_factory)


def test_no_table_word_is_broken_mid_word_in_chromium(readability_build: Path, browser) -> None:
    """The narrow columns of the readability course (long words, numbers) wrap only between words or
    at a soft hyphen (drawn as a hyphen): never 'Yea|r', '195|7', 'Internationalizatio|n'."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    broken: list[tuple[str, int, list[str]]] = []
    for html in sorted(readability_build.glob("*.html")):
        if "mindmap" in html.stem:
            continue
        page.goto(html.as_uri())
        page.wait_for_timeout(300)
        per_slide = page.evaluate(BROKEN_CELL_WORDS_JS, SLIDES)
        broken += [(html.stem, n, words) for n, words in enumerate(per_slide, start=1) if words]
    page.close()
    assert broken == []
