"""Inline math in table cells: a formula is one unbreakable unit as wide as it is drawn, so a column is at least as
wide as its widest formula (MathJax's SVG in Chromium) and the PPTX never breaks a formula inside ("O(nlog|n)")."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.inline import parse_inline
from lecturedeck.plan.measure import measurer
from lecturedeck.themes import load_theme
from tests.conftest import deck, require, require_marp
from tests.courses import write_course

LECTURE = r"""title: Sorting
sections:
  - title: Basics
    slides:
      - kind: table
        title: Sorting algorithms at a glance
        header: [Algorithm, Best, Average, Worst, Stable, Notes]
        rows:
          - [Bubble sort, "$O(n)$", "$O(n^2)$", "$O(n^2)$", "yes", Only for teaching]
          - [Insertion sort, "$O(n)$", "$O(n^2)$", "$O(n^2)$", "yes", Great for small or nearly sorted arrays;
             used inside Timsort and introsort for short runs below a threshold of about 16 to 64 elements]
          - [Merge sort, "$O(n \\log n)$", "$O(n \\log n)$", "$O(n \\log n)$", "yes", Needs $O(n)$ extra memory]
          - [Quicksort, "$O(n \\log n)$", "$O(n \\log n)$", "$O(n^2)$", "no", Fastest in practice]
          - [Heapsort, "$O(n \\log n)$", "$O(n \\log n)$", "$O(n \\log n)$", "no", In-place]
"""
N_LOG_N = 8  # cells holding O(n log n)

# Per formula in a table cell: its drawn width and the width of its cell's content box, in slide px.
FORMULAS_JS = """
() => Array.from(document.querySelectorAll('td mjx-container, th mjx-container')).map(m => {
  const s = m.closest('section'); const k = s.getBoundingClientRect().height / s.offsetHeight;
  const cell = m.closest('td, th'); const style = getComputedStyle(cell);
  const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [m.getBoundingClientRect().width / k, inner];
})
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sorting table built to HTML (the real marp-cli) and PPTX: the lecture's output folder."""
    require_marp()
    root = tmp_path_factory.mktemp("table-math")
    course = write_course(root / "sorting", {"01-sorting.yaml": LECTURE})
    code, _, err = deck("build", course, "--out", root / "out", "--to", "html,pptx")
    assert code == 0, err
    return root / "out" / "sorting"


def test_a_formula_is_one_word_as_wide_as_it_is_drawn() -> None:
    """The measurer never breaks inside inline math: its narrowest line is the whole formula, which goes to the
    next line whole."""
    ms = measurer(load_theme("lecture"))
    formula = parse_inline(r"$O(n \log n)$")
    whole = ms.text_width(formula, 22)
    assert whole > 114  # MathJax draws it 113.6 px wide at 22 px
    assert ms.longest_word(formula, 22) == pytest.approx(whole)
    assert ms.lines(parse_inline(r"Sorts in $O(n \log n)$"), 22, whole + 1).starts == (0, len("Sorts in "))


@pytest.mark.client
def test_html_formulas_fit_their_table_cells(built: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((built / "01-sorting.html").as_uri())
    page.wait_for_timeout(300)
    shown = page.evaluate(FORMULAS_JS)
    page.close()
    assert len(shown) == 16
    assert [(round(w, 1), round(inner, 1)) for w, inner in shown if w > inner + 0.5] == []


@pytest.mark.client
def test_pptx_formulas_stay_on_one_line_in_libreoffice(built: Path, tmp_path: Path) -> None:
    """LibreOffice broke "O(nlogn)" inside when its column was sized for the LaTeX's words ("O(n", "\\log")."""
    import pymupdf
    from bench.quality import soffice, to_pdf

    require(soffice() is not None, "LibreOffice (soffice)")
    (pdf,) = to_pdf([built / "01-sorting.pptx"], tmp_path)
    lines = [
        "".join(ch for ch in line if not ch.isspace())
        for page in pymupdf.open(pdf)
        for line in page.get_text().splitlines()
        if line.strip()
    ]
    assert [line for line in lines if "log" in line] == ["O(nlogn)"] * N_LOG_N, lines
