"""The PPTX quality bar, on every starter lecture and the 65-slide stress lecture (built once per session):
titles, text fidelity, notes, few text shapes, and a LibreOffice render with every line on the page and
no overlapping lines. Figures come from bench/quality.py, the same code `make bench` reports with.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bench.quality import (
    CJK,
    PdfFigures,
    TextLine,
    lecture_notes,
    overlapping,
    pdf_figures,
    pdftotext,
    soffice,
    squash,
    to_pdf,
)

from lecturedeck.inline import plain_text
from lecturedeck.plan.model import SlideRole
from tests import test_parity
from tests.conftest import require, require_tool
from tests.planned_text import body_texts
from tests.test_parity import Lecture

# The same session fixtures as test_parity.py: every deck is built once (see test_parity.build_once).
lecture = test_parity.lecture
stress_build = test_parity.stress_build
overflow_build = test_parity.overflow_build
flagship_build = test_parity.flagship_build

MAX_BULLET_SHAPES = 3  # title, body, footer


def test_every_slide_has_a_title(lecture: Lecture) -> None:
    assert lecture.figures.untitled_slides == []
    assert lecture.figures.titled_pct == 100


def test_every_planned_text_is_in_the_pptx(lecture: Lecture) -> None:
    """Every text piece of the fitted deck, NFC-equal (test_fit proves the pieces are the outline's text)."""
    texts = body_texts(lecture.deck)
    assert texts
    assert lecture.figures.check_fidelity(texts) == []
    assert lecture.figures.kangxi == 0, "Kangxi radicals in place of CJK ideographs"


def test_slide_titles_are_the_planned_titles(lecture: Lecture) -> None:
    for slide in lecture.deck.slides:
        assert squash(plain_text(slide.title)) in lecture.figures.titles_text


def test_notes_wherever_the_outline_has_notes(lecture: Lecture) -> None:
    written = lecture_notes(lecture.loaded.lecture)
    planned = [(i, s.notes) for i, s in enumerate(lecture.deck.slides) if s.notes.strip()]
    assert len(planned) == len(written)
    for (_, note), own in zip(planned, written, strict=True):  # a quiz adds its answer after the notes
        assert note.startswith(own.rstrip()), (note, own)
    notes = lecture.figures.notes
    for index, note in planned:
        assert squash(note) in squash(notes[index]), f"slide {index + 1} lost its notes"


def test_a_bullet_slide_has_at_most_three_text_shapes(lecture: Lecture) -> None:
    bullets = [
        i
        for i, s in enumerate(lecture.deck.slides)
        if s.role == SlideRole.CONTENT and s.kind == "bullets" and len(s.blocks) == 1
    ]
    for index in bullets:
        assert lecture.figures.text_shapes[index] <= MAX_BULLET_SHAPES, f"slide {index + 1}"


# --- LibreOffice ---------------------------------------------------------------------------


def _pdfs(builds: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Every built PPTX converted to PDF: one LibreOffice call per course, each deck once."""
    pdfs = {}
    for build in builds:
        pptx = sorted(build.glob("*.pptx"))
        pdfs.update(zip(pptx, to_pdf(pptx, out_dir / build.name), strict=True))
    return pdfs


@pytest.fixture(scope="session")
def rendered(
    starter_build: Path,
    stress_build: Path,
    overflow_build: Path,
    flagship_build: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[Path, Path]:
    require(soffice() is not None, "LibreOffice (soffice)")
    builds = [starter_build, stress_build, overflow_build, flagship_build]
    return _pdfs(builds, tmp_path_factory.mktemp("pdf"))


@cache
def _geometry(pdf: Path) -> PdfFigures:
    return pdf_figures(pdf)


@pytest.mark.client
def test_libreoffice_renders_every_slide_on_the_page(lecture: Lecture, rendered: dict[Path, Path]) -> None:
    pdf = _geometry(rendered[lecture.pptx])
    assert pdf.pages == len(lecture.deck.slides)
    assert [(line.page, line.text) for line in pdf.off_page] == []


@pytest.mark.client
def test_libreoffice_renders_no_overlapping_lines(lecture: Lecture, rendered: dict[Path, Path]) -> None:
    pdf = _geometry(rendered[lecture.pptx])
    found = [(a.page, a.text[:30], b.text[:30]) for a, b in pdf.overlaps]
    assert found == []


def _line(text: str, box: tuple[float, float, float, float], *glyphs: tuple[float, float, float, float]) -> TextLine:
    return TextLine(1, text, box, glyphs)


def test_overlap_means_text_drawn_over_text() -> None:
    title = _line("Networks, GANs)", (48, 79, 363, 112))
    body = _line("传统上，生成问题", (75, 98, 894, 119))
    assert overlapping(title, body)
    code = _line("softmax(QK /√d_k)", (60, 207, 437, 222), (322, 207, 333.6, 222), (335, 207, 346, 222))
    fallback = _line("ᵀ", (329.8, 207, 339.6, 222), (329.8, 207, 339.6, 222))  # from another font, same row
    assert not overlapping(code, fallback)
    assert overlapping(code, _line("X", (322, 207, 333, 222), (322, 207, 333, 222)))
    assert not overlapping(title, _line("next line", (48, 113, 300, 140)))


@pytest.mark.client
def test_cjk_text_is_extractable_from_the_render(lecture: Lecture, rendered: dict[Path, Path]) -> None:
    require_tool("pdftotext")
    text = pdftotext(rendered[lecture.pptx])
    flat = squash(text)
    assert not re.search("[\u2f00-\u2fdf]", text)
    for slide in lecture.deck.slides:
        title = squash(plain_text(slide.title))
        if CJK.search(title):
            assert title in flat, f"title {title!r} not extractable"
