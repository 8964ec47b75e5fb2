"""Printable handouts (`deck build --to handout`): `<lecture>-handout.pdf`, the deck's slides a few to a page
with their speaker notes beside or below them, or ruled lines for writing.

The flow: the HTML deck marp-cli built → its slides and stylesheet (`slides.py`) → one HTML page of sheets
with the notes (`notes.py`, `page.py`, `handout.html.j2`, `handout.css`; `handout.js` settles notes too long
for their box) → the PDF, printed by the system Chromium (lecturedeck.convert.chromium_print).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lecturedeck.convert.chromium_print import PrintJob, print_html_to_pdf
from lecturedeck.convert.handout.page import HandoutOptions, handout_page
from lecturedeck.convert.handout.slides import deck_markup
from lecturedeck.plan.model import Deck
from lecturedeck.themes import load_theme

__all__ = ["HandoutOptions", "handout_file", "print_handouts"]


def handout_file(stem: str) -> str:
    """The handout's name in the course's output folder."""
    return f"{stem}-handout.pdf"


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
        fonts = tuple(load_theme(deck.theme).fonts.east_asian)
        jobs.append(PrintJob(page, folder / handout_file(deck.stem), deck.lecture_title, deck.lang, cjk_fonts=fonts))
    print_html_to_pdf(jobs)
    return [job.pdf for job in jobs]
