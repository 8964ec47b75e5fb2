"""The slides of a deck marp-cli built, as markup a handout page can place: Marp's stylesheet (the theme and
every slide's scoped style) and each slide's `<svg data-marpit-svg>`, so handouts print the real slides as
text, scaled by CSS, never pictures of them.

Outline text reaches marp-cli's HTML escaped, so the tags looked for here can only be Marp's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lecturedeck.errors import DeckError

CONTAINER = '<div id=":$p">'  # bespoke's slide container; its stylesheet selects slides below `div#\:\$p`
CONTAINER_SELECTOR = "div#\\:\\$p"
SLIDE_CLASS = "marp-slide"  # what a handout wraps each slide in instead (ids must be unique in a page)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)  # Marp's element helpers: nothing a slide needs
SVG_TAG = re.compile(r"<svg\b|</svg>")
STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@dataclass(frozen=True)
class DeckMarkup:
    css: str  # Marp's stylesheet, selecting slides inside `div.marp-slide`
    slides: tuple[str, ...]  # each slide's <svg data-marpit-svg> element, in deck order


def deck_markup(html: str) -> DeckMarkup:
    """The stylesheet and slides of a marp-cli (bespoke template) HTML deck."""
    css = next((m[1] for m in STYLE.finditer(html) if CONTAINER_SELECTOR in m[1]), None)
    start = html.find(CONTAINER)
    if css is None or start < 0:
        raise DeckError("cannot make a handout of this HTML deck: marp-cli's slide container or stylesheet is missing")
    body = SCRIPT.sub("", html[start + len(CONTAINER) :])
    slides: list[str] = []
    depth, opened = 0, 0
    for tag in SVG_TAG.finditer(body):
        if tag[0] == "</svg>":
            depth -= 1
            if depth == 0:
                slides.append(body[opened : tag.end()])
        else:
            if depth == 0:
                if not body.startswith("<svg data-marpit-svg", tag.start()):
                    break  # past the slides
                opened = tag.start()
            depth += 1
    return DeckMarkup(css.replace(CONTAINER_SELECTOR, f"div.{SLIDE_CLASS}"), tuple(slides))
