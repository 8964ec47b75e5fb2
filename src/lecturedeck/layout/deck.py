"""Lay out every slide of a fitted deck: titles, lead slides, body frames, backdrops and footers."""

from __future__ import annotations

from lecturedeck.errors import DeckError, each
from lecturedeck.inline import Inline, text_span
from lecturedeck.layout.backdrop import backdrop_of
from lecturedeck.layout.frames import layout_frames
from lecturedeck.layout.model import DoesNotFit, Footer, LaidOutDeck, LaidOutSlide, Paragraph, TextBox, TextStyle
from lecturedeck.layout.text import ellipsize, height
from lecturedeck.layout.verify import slide_problems
from lecturedeck.plan.geometry import TITLE_LINE_HEIGHT, Box, body_box, footer_box, title_box
from lecturedeck.plan.measure import Measurer, measurer
from lecturedeck.plan.model import Deck, Slide, SlideRole
from lecturedeck.themes import Theme

BYLINE_GAP = 24  # px between a title slide's subtitle and its byline
MAX_LEAD_TITLE_LINES = 3  # a longer title slide title steps its size down (to sizes.title at most)
PAGE_NUMBER_ROOM = 64  # px kept free at the right of the footer for the slide number
LEAD_ROLES = (SlideRole.TITLE, SlideRole.SECTION)
EPSILON_PX = 0.01


def layout_deck(deck: Deck, theme: Theme) -> LaidOutDeck:
    """The fitted deck with every slide laid out on the theme's slide.

    Raises DeckError (DeckErrors for several) at the outline slide for content no arrangement can show."""
    ms = measurer(theme)
    box = footer_box(theme)
    footer_text = ellipsize(ms, deck.footer, theme.sizes.footer, box.w - PAGE_NUMBER_ROOM)

    def lay_out(numbered: tuple[int, Slide]) -> LaidOutSlide:
        number, slide = numbered
        try:
            laid = _layout_slide(deck, slide, number, ms, footer_text)
        except DoesNotFit as exc:
            raise DeckError(str(exc), slide.source) from None
        problems = slide_problems(laid, ms)
        if problems:
            raise DeckError(
                f"this slide cannot be drawn readably: {problems[0]}; shorten its content or split it over several "
                "slides",
                slide.source,
            )
        return laid

    return LaidOutDeck(deck, tuple(each(enumerate(deck.slides, start=1), lay_out)), footer_text)


def title_of(deck: Deck, slide: Slide) -> Inline:
    """A slide's title; never empty (falls back to its section, then to the lecture and course)."""
    return slide.title or text_span(slide.section or deck.lecture_title or deck.course_title)


def _layout_slide(deck: Deck, slide: Slide, number: int, ms: Measurer, footer_text: str) -> LaidOutSlide:
    theme = ms.theme
    c = theme.colors
    lead = slide.role in LEAD_ROLES
    footer = None
    if slide.role is not SlideRole.TITLE:
        colour = c.lead_text if lead else c.muted
        footer = Footer(footer_text, footer_box(theme), theme.sizes.footer, colour)
    if lead:
        title, lines = _lead(deck, slide, ms)
        return LaidOutSlide(slide, number, title, lines, footer=footer)
    style = TextStyle(theme.sizes.title, c.heading, bold=True, line_height=TITLE_LINE_HEIGHT)
    spans = title_of(deck, slide)
    title_lines = ms.slide_title_lines(slide, spans)
    title = TextBox(title_box(theme, title_lines), ((spans, style),), "Title")
    frames = layout_frames(slide, body_box(theme, title_lines), ms, deck.lang)
    footer_boxes = () if footer is None else (footer.box,)
    backdrop, palette = backdrop_of(slide, (title.box, *(f.box for f in frames), *footer_boxes), theme)
    if palette is not None and footer is not None:
        footer = Footer(footer.text, footer.box, footer.size, palette.muted)
    return LaidOutSlide(slide, number, title, None, frames, backdrop, footer, palette)


def _lead(deck: Deck, slide: Slide, ms: Measurer) -> tuple[TextBox, TextBox | None]:
    """Title and section slides: the title, then subtitle (and byline), as one block centred vertically."""
    theme = ms.theme
    c, z, s = theme.colors, theme.sizes, theme.spacing
    width = theme.slide.width - 2 * s.padding_x
    spans = title_of(deck, slide)
    size = z.lead_title
    while size > z.title and ms.lines(spans, size, width, bold=True).count > MAX_LEAD_TITLE_LINES:
        size -= 2
    title_h = height(ms, spans, size, width, TITLE_LINE_HEIGHT, bold=True)
    paragraphs: list[Paragraph] = []
    if slide.subtitle:
        paragraphs.append((slide.subtitle, TextStyle(z.subtitle, c.lead_text, line_height=s.line_height)))
    if slide.role is SlideRole.TITLE and deck.byline:
        paragraphs.append((text_span(deck.byline), TextStyle(z.small, c.lead_text, line_height=s.line_height)))
    gaps = BYLINE_GAP * max(0, len(paragraphs) - 1)
    lines_h = sum(height(ms, spans_, st.size, width, st.line_height) for spans_, st in paragraphs) + gaps
    total = title_h + (s.title_gap + lines_h if paragraphs else 0.0)
    top_room, bottom = s.padding_top, theme.slide.height - s.padding_bottom
    if total > bottom - top_room + EPSILON_PX:
        what = "the lecture title and subtitle are" if slide.role is SlideRole.TITLE else "the section title is"
        raise DoesNotFit(
            f"{what} too long for the slide: {total:.0f} px of text where {bottom - top_room:.0f} px fit; shorten"
            " the title (the rest can go into the slide's notes)"
        )
    top = max(top_room, top_room + (bottom - top_room - total) / 2)
    title_style = TextStyle(size, c.lead_text, bold=True, line_height=TITLE_LINE_HEIGHT)
    title = TextBox(Box(s.padding_x, top, width, title_h), ((spans, title_style),), "Title")
    if not paragraphs:
        return title, None
    lines = TextBox(Box(s.padding_x, top + title_h + s.title_gap, width, lines_h), tuple(paragraphs), "Subtitle")
    return title, TextBox(lines.box, lines.paragraphs, lines.name, gap=BYLINE_GAP)
