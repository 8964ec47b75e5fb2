"""The printed outputs of built decks: each lecture's PDF (one slide per page, printed from its HTML), the
course PDF (every lecture in one file) and slide PNGs (pictures of the HTML's slides as printed: every step).

A lecture PDF's bookmarks list its sections, each with its slides below it, and the slides outside any
section (title, agenda, summary) at the top level: sections + slides in all. The course PDF puts each
lecture's bookmarks below one bookmark for the lecture.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from lecturedeck.convert.chromium_print import (
    Bookmark,
    PrintJob,
    ShotJob,
    describe,
    print_html_to_pdf,
    save,
    screenshot_elements,
)
from lecturedeck.inline import plain_text
from lecturedeck.output.course_files import PNG_WIDTH, lecture_file
from lecturedeck.plan.labels import label
from lecturedeck.plan.model import Deck
from lecturedeck.themes import load_theme

if TYPE_CHECKING:
    import pikepdf

SLIDES = "div[id=':$p'] > svg[data-marpit-svg]"  # a marp-cli deck's slides (bespoke template), in order


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


def cjk_fonts(deck: Deck) -> tuple[str, ...]:
    """The CJK font families the deck's HTML draws with (its theme's east_asian stack), for PrintJob."""
    return tuple(load_theme(deck.theme).fonts.east_asian)


def print_decks(decks: Sequence[tuple[Deck, Path, Path]]) -> None:
    """Print each (deck, its HTML, its PDF) with one Chromium: slides at their own size, one per page."""
    jobs = [
        PrintJob(
            html,
            pdf,
            deck.footer or deck.lecture_title,
            deck.lang,
            bookmarks=deck_bookmarks(deck),
            cjk_fonts=cjk_fonts(deck),
        )
        for deck, html, pdf in decks
    ]
    print_html_to_pdf(jobs)


def write_course_pdf(title: str, lang: str, lectures: Sequence[tuple[str, Path]], target: Path) -> None:
    """One PDF of the (lecture title, lecture PDF) in order, each lecture's bookmarks below one for it."""
    import pikepdf

    with pikepdf.new() as course, ExitStack() as sources:
        marks: list[Bookmark] = []
        for lecture_title, pdf in lectures:
            lecture = sources.enter_context(pikepdf.open(pdf))
            first = len(course.pages) + 1
            marks += [Bookmark(1, lecture_title, first), *_shifted(lecture, first)]
            course.pages.extend(lecture.pages)
        describe(course, title, lang, marks)
        save(course, target)


def _shifted(lecture: pikepdf.Pdf, first: int) -> list[Bookmark]:
    """A lecture PDF's bookmarks one level down, at their pages in a file where the lecture starts on `first`."""
    import pikepdf

    pages = {page.obj.objgen: number for number, page in enumerate(lecture.pages)}
    marks: list[Bookmark] = []

    def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
        for item in items:
            at = item.destination  # [page, /XYZ …] as describe() writes it
            if isinstance(at, pikepdf.Array) and len(at) and at[0].objgen in pages:
                marks.append(Bookmark(level, str(item.title), pages[at[0].objgen] + first))
            walk(item.children, level + 1)

    with lecture.open_outline() as outline:
        walk(outline.root, 2)
    return marks


def picture_decks(decks: Sequence[tuple[Deck, Path, Path]], width: int = PNG_WIDTH) -> None:
    """Each slide of every (deck, its HTML, the course's output folder) as a PNG `width` pixels wide, named by
    png_names, with one Chromium."""
    by_width: dict[int, list[ShotJob]] = {}  # one theme, one slide size: one run in practice
    for deck, html, folder in decks:
        job = ShotJob(html, SLIDES, tuple(folder / name for name in png_names(deck)))
        by_width.setdefault(load_theme(deck.theme).slide.width, []).append(job)
    for slide_width, jobs in sorted(by_width.items()):
        screenshot_elements(jobs, width / slide_width)
