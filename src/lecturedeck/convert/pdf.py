"""The printed outputs of built decks: each lecture's PDF (one slide per page, printed from its HTML), the
course PDF (every lecture in one file) and slide PNGs (the PDF's pages as pictures).

A lecture PDF's bookmarks list its sections, each with its slides below it, and the slides outside any
section (title, agenda, summary) at the top level: sections + slides in all. The course PDF puts each
lecture's bookmarks below one bookmark for the lecture.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lecturedeck.convert.chromium_print import Bookmark, PrintJob, describe, print_html_to_pdf, save
from lecturedeck.inline import plain_text
from lecturedeck.output.course_files import PNG_WIDTH, lecture_file
from lecturedeck.plan.labels import label
from lecturedeck.plan.model import Deck
from lecturedeck.themes import load_theme


def png_names(deck: Deck) -> list[str]:
    """The slide pictures of a deck, relative to the course's output folder: <stem>/001.png, …"""
    return [lecture_file(deck.stem, "png", number) for number in range(1, len(deck.slides) + 1)]


def deck_bookmarks(deck: Deck) -> tuple[Bookmark, ...]:
    """Sections (at the page of their first slide) with their slides below; other slides at the top level."""
    marks: list[Bookmark] = []
    section = ""
    for page, slide in enumerate(deck.slides, start=1):
        if slide.section and slide.section != section:
            marks.append(Bookmark(1, slide.section, page))
        section = slide.section
        title = plain_text(slide.title).strip() or label(deck.lang, "handout_slide", n=page)
        marks.append(Bookmark(2 if section else 1, title, page))
    return tuple(marks)


def print_decks(decks: Sequence[tuple[Deck, Path, Path]]) -> None:
    """Print each (deck, its HTML, its PDF) with one Chromium: slides at their own size, one per page."""
    jobs = [
        PrintJob(
            html,
            pdf,
            deck.footer or deck.lecture_title,
            deck.lang,
            bookmarks=deck_bookmarks(deck),
            cjk_fonts=tuple(load_theme(deck.theme).fonts.east_asian),
        )
        for deck, html, pdf in decks
    ]
    print_html_to_pdf(jobs)


def write_course_pdf(title: str, lang: str, lectures: Sequence[tuple[str, Path]], target: Path) -> None:
    """One PDF of the (lecture title, lecture PDF) in order, each lecture's bookmarks below one for it."""
    import pymupdf

    course = pymupdf.open()
    try:
        marks: list[Bookmark] = []
        for lecture_title, pdf in lectures:
            with pymupdf.open(pdf) as lecture:
                first = course.page_count + 1
                marks.append(Bookmark(1, lecture_title, first))
                marks += [Bookmark(level + 1, text, page + first - 1) for level, text, page, *_ in lecture.get_toc()]
                course.insert_pdf(lecture)
        describe(course, title, lang, marks)
        save(course, target)
    finally:
        course.close()


def write_pngs(pdf: Path, names: Sequence[str], folder: Path, width: int = PNG_WIDTH) -> None:
    """Each page of `pdf` as a PNG `width` pixels wide, at folder/<name> (names in page order)."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        for page, name in zip(doc, names, strict=True):
            zoom = width / page.rect.width
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).save(target)
