"""A lecture's handout as one HTML page to print: sheets of the deck's own slides (scaled, still text) with
their notes beside or below, or ruled lines for writing; handout.js settles notes too long for their box."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from lecturedeck.convert.handout import geometry
from lecturedeck.convert.handout.notes import handout_notes
from lecturedeck.convert.handout.options import PAPERS, HandoutOptions
from lecturedeck.convert.handout.slides import DeckMarkup
from lecturedeck.errors import DeckError
from lecturedeck.paths import package_folder
from lecturedeck.plan.labels import label
from lecturedeck.plan.model import Deck, Slide
from lecturedeck.themes import load_theme

if TYPE_CHECKING:
    import jinja2


@cache
def _resource(name: str) -> str:
    return files("lecturedeck.convert.handout").joinpath(name).read_text(encoding="utf-8")


@cache
def _template() -> jinja2.Template:
    """handout.html.j2, loaded once for every handout of a build."""
    import jinja2

    from lecturedeck.render.jinja_env import cached_environment

    loader = jinja2.FileSystemLoader(package_folder("lecturedeck.convert.handout"))
    return cached_environment(loader, autoescape=True, keep_trailing_newline=True).get_template("handout.html.j2")


def _cell(lang: str, number: int, slide: Slide, svg: str, answers: bool) -> dict[str, object]:
    """One slide of the handout: its markup, its notes and quiz answer, the heading of its continued notes."""
    notes, answer = handout_notes(slide, lang, answers)
    heading = label(lang, "handout_slide", n=number) + label(lang, "continued")
    return {"svg": svg, "notes": notes, "answer": answer, "heading": heading}


def handout_page(deck: Deck, markup: DeckMarkup, options: HandoutOptions, base: str) -> str:
    """The handout of a deck whose marp-cli HTML gave `markup`; `base`: the URL of the folder the deck's
    pictures are in (file:// of the course's output folder)."""
    if len(markup.slides) != len(deck.slides):
        raise DeckError(f"{deck.stem}: the HTML deck has {len(markup.slides)} slides, the plan {len(deck.slides)}")
    slides = enumerate(zip(deck.slides, markup.slides, strict=True), start=1)
    cells = [_cell(deck.lang, number, slide, svg, options.answers) for number, (slide, svg) in slides]
    per_page = options.per_page
    sheets = [cells[at : at + per_page] for at in range(0, len(cells), per_page)]
    theme = load_theme(deck.theme)
    paper = PAPERS[options.paper_for(deck.lang)]
    layout = geometry.LAYOUTS[per_page]
    return _template().render(
        lang=deck.lang,
        title=deck.lecture_title,
        base=base,
        marp_css=markup.css,
        handout_css=_resource("handout.css"),
        script=_resource("handout.js"),
        paper=paper,
        geometry=geometry,
        layout=layout,
        slide_width=geometry.slide_width(paper, layout, theme.slide.width / theme.slide.height),
        font=theme.css_font_stack(),
        more=label(deck.lang, "handout_more", n="{n}"),  # handout.js fills in {n}
        header=deck.footer,
        sheets=sheets,
    )
