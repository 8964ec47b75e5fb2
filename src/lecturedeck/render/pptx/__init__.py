"""Deck → native, editable PPTX: master and layouts from the theme, real text, tables and pictures.

Modules: `master` (presentation, theme fonts/colours, slide master, Pandoc-named layouts), `text`
(spans → runs with Latin + East Asian fonts and `lang`), `slides` (layout per slide, stacking,
footer; every box from the laid-out deck, nothing measured here), `graphic` (laid-out shapes and
text boxes: timelines, model cards), `pages` (new slides, notes pages and footers copied
from prototypes, for speed), one module per block kind (`bullets`, `callouts`, `table`, `code`, `image`,
`math`, `diagram`, `mindmap`), `notes`, `shapes` and `units` (small helpers).

`render_pptx` imports the renderer when called: `render.markdown` imports `render.pptx.code`, which
runs this file, and a build without PPTX output should not load the slide modules and what they
import (cairosvg, the diagram layout, ≈ 0.15 s of start-up).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lecturedeck.layout.model import LaidOutDeck
    from lecturedeck.themes import Theme

__all__ = ["render_pptx"]


def render_pptx(laid: LaidOutDeck, theme: Theme) -> bytes:
    """The .pptx file of a laid-out deck."""
    from lecturedeck.render.pptx.master import new_presentation
    from lecturedeck.render.pptx.pages import Pages
    from lecturedeck.render.pptx.slides import add_slide
    from lecturedeck.render.pptx.text import Typesetter

    deck = laid.deck
    prs = new_presentation(theme, deck.lang)
    pages, ts = Pages(prs), Typesetter(theme, deck.lang)
    for slide in laid.slides:
        add_slide(pages, laid, slide, ts)
    props = prs.core_properties
    props.title = deck.lecture_title
    props.subject = deck.course_title
    props.author = deck.author
    props.language = deck.lang
    props.last_modified_by = "lecturedeck"
    props.revision = 1
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
