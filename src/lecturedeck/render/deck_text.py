"""The words of a built HTML deck, slide by slide: what the course home's search looks through.

Read from the deck marp-cli wrote, so a lecture carried over from an earlier build is searched the same
way as one built now, and slide numbers are the ones the deck's `#N` links open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED = {"footer", "header", "style", "script", "svg", "template"}  # page furniture and drawings
TITLES = {"h1", "h2"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "li", "div", "tr", "td", "th", "pre", "br", "h1", "h2", "h3", "blockquote", "figcaption"}


@dataclass
class SlideText:
    """One slide: its number in the deck (1-based, as in `deck.html#N`), title, body text and notes."""

    number: int
    title: str = ""
    text: str = ""
    notes: str = ""


@dataclass
class _Parts:
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _DeckReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: dict[int, _Parts] = {}
        self.where: tuple[str, int] | None = None  # ("slide" | "notes", slide number)
        self.depth = 0  # open elements inside the current slide or note
        self.skip = 0  # depth at which a skipped element opened (0: none)
        self.title = 0  # depth at which the title opened (0: none, or already read)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self._block(tag)
            return
        values = dict(attrs)
        if self.where is None:
            if tag == "section" and (values.get("id") or "").isdigit():
                self._enter("slide", int(values["id"] or 0))
            elif tag == "div" and "bespoke-marp-note" in (values.get("class") or "").split():
                self._enter("notes", int(values.get("data-index") or 0) + 1)
            return
        self.depth += 1
        self._block(tag)
        if not self.skip and tag in SKIPPED:
            self.skip = self.depth
        elif self.where[0] == "slide" and tag in TITLES and not self.slides[self.where[1]].title:
            self.title = self.depth

    def handle_endtag(self, tag: str) -> None:
        if self.where is None or tag in VOID:
            return
        if self.depth == 0:
            self.where = None
            return
        self._block(tag)
        if self.skip == self.depth:
            self.skip = 0
        if self.title == self.depth:
            self.title = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.where is None or self.skip:
            return
        kind, number = self.where
        parts = self.slides[number]
        target = parts.notes if kind == "notes" else parts.title if self.title else parts.text
        target.append(data)

    def _enter(self, kind: str, number: int) -> None:
        self.where, self.depth, self.skip, self.title = (kind, number), 0, 0, 0
        self.slides.setdefault(number, _Parts())

    def _block(self, tag: str) -> None:
        if self.where is not None and tag in BLOCKS:
            self.handle_data(" ")


def _clean(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def deck_text(html: str) -> list[SlideText]:
    """Every slide of a marp-cli HTML deck with its title, visible text and speaker notes, in order."""
    reader = _DeckReader()
    reader.feed(html)
    reader.close()
    return [
        SlideText(number, _clean(parts.title), _clean(parts.text), _clean(parts.notes))
        for number, parts in sorted(reader.slides.items())
    ]
