"""Read a Marp HTML deck the way a browser would: text per slide, speaker notes, resources."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Slides of a Marp HTML deck (advanced backgrounds add helper sections that are not slides).
SLIDES = (
    "svg[data-marpit-svg] > foreignObject > section"
    ':not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])'
)
# Per slide, the largest distance (px at slide scale) by which any element sticks out of its slide,
# in all four directions (Marp themes may centre content vertically).
SPILL_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const r = s.getBoundingClientRect(); const k = r.height / s.offsetHeight; let worst = 0;
  s.querySelectorAll('*').forEach(e => {
    const q = e.getBoundingClientRect(); if (q.width === 0 && q.height === 0) return;
    worst = Math.max(worst, (r.top - q.top) / k, (q.bottom - r.bottom) / k,
                     (q.right - r.right) / k, (r.left - q.left) / k);
  });
  return Math.round(worst);
})
"""


SKIP_TAGS = {"style", "script", "header", "footer", "mjx-container"}  # formulas: drawn, not text
BLOCK_TAGS = {
    "p",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "div",
    "br",
    "section",
    "pre",
    "blockquote",
}
EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.I,
)


class _Slides(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: dict[str, list[str]] = {}
        self.notes: dict[int, list[str]] = {}
        self._stack: list[tuple[str, str | None, int | None]] = []  # (tag, slide id, note index)

    def _boundary(self, tag: str) -> None:
        """Block elements separate words; inline ones (em, strong, a, code) do not."""
        if tag in BLOCK_TAGS and self._stack:
            self.handle_data(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._boundary(tag)
        a = dict(attrs)
        slide, note = (self._stack[-1][1], self._stack[-1][2]) if self._stack else (None, None)
        helper = a.get("data-marpit-advanced-background") in ("background", "pseudo")
        if tag == "section" and a.get("id") and not helper:
            slide = str(a["id"])
            self.slides.setdefault(slide, [])
        elif tag == "section" and helper:
            slide = None
        if tag == "div" and "bespoke-marp-note" in (a.get("class") or "").split():
            note = int(a.get("data-index") or 0)
            self.notes.setdefault(note, [])
        if tag in SKIP_TAGS:
            slide = note = None
        if tag not in ("br", "img", "hr", "meta", "link", "input", "path", "use"):
            self._stack.append((tag, slide, note))

    def handle_endtag(self, tag: str) -> None:
        self._boundary(tag)
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._stack:
            return
        _, slide, note = self._stack[-1]
        if slide is not None:
            self.slides[slide].append(data)
        if note is not None:
            self.notes[note].append(data)


def normalise(text: str) -> str:
    return " ".join(text.split())


def read_deck(html: str) -> tuple[list[str], dict[int, str]]:
    """(text of each slide in order, notes by 0-based slide index) of a Marp bespoke HTML file."""
    parser = _Slides()
    parser.feed(html)
    slides = [normalise("".join(parser.slides[k])) for k in parser.slides]
    notes = {k: normalise("".join(v)) for k, v in parser.notes.items()}
    return slides, notes


def external_resources(html: str) -> list[str]:
    """Resources the page would load from the network (scripts, styles, fonts, images).

    Plain `<a href>` links a lecturer wrote are not resources and are allowed.
    """
    found = []
    for match in EXTERNAL.finditer(html):
        before = html[max(0, match.start() - 300) : match.start()]
        if re.search(r"<a\s[^>]*$", before):
            continue
        found.append(html[match.start() : match.start() + 80])
    return found
