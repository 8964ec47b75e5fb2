"""Speaker notes → the slide's notes page, one paragraph per line."""

from __future__ import annotations

from pptx.slide import Slide

from lecturedeck.render.pptx.pages import Pages
from lecturedeck.render.pptx.text import Paragraphs, Typesetter


def write_notes(pages: Pages, slide: Slide, notes: str, ts: Typesetter) -> None:
    if not notes.strip():
        return
    paragraphs = Paragraphs(pages.notes_frame(slide))
    for line in notes.strip().splitlines():
        ts.run(paragraphs.next(), line)
