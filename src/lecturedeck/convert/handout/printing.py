"""Printing handouts: each deck's handout page written beside its work files, all printed by one Chromium."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lecturedeck.convert.chromium_print import PrintJob, print_html_to_pdf
from lecturedeck.convert.handout.options import HandoutOptions
from lecturedeck.convert.handout.page import handout_page
from lecturedeck.convert.handout.slides import deck_markup
from lecturedeck.convert.pdf import cjk_fonts
from lecturedeck.output.course_files import lecture_file
from lecturedeck.plan.model import Deck


def print_handouts(decks: Sequence[tuple[Deck, Path]], work: Path, options: HandoutOptions) -> list[Path]:
    """Print the handout of every deck, given with the HTML file marp-cli made of it (its pictures beside it),
    into `work` with one Chromium; the PDFs, in the same order."""
    jobs = []
    for number, (deck, html) in enumerate(decks, start=1):
        folder = work / f"handout-{number}"
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / f"{deck.stem}-handout.html"
        markup = deck_markup(html.read_text(encoding="utf-8"))
        page.write_text(handout_page(deck, markup, options, html.parent.resolve().as_uri() + "/"), encoding="utf-8")
        pdf = folder / lecture_file(deck.stem, "handout")
        jobs.append(PrintJob(page, pdf, deck.lecture_title, deck.lang, cjk_fonts=cjk_fonts(deck)))
    print_html_to_pdf(jobs)
    return [job.pdf for job in jobs]
