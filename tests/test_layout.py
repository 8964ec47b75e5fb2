"""The layout stage: every slide of every course laid out inside its slide, nothing overlapping, graphic text
at readable sizes with no word broken, background pictures with enough contrast, renderers that only draw."""

from __future__ import annotations

import ast
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from PIL import Image

from lecturedeck.build import load_and_plan
from lecturedeck.errors import DeckError
from lecturedeck.inline import parse_inline as md
from lecturedeck.inline import text_span
from lecturedeck.layout.deck import layout_deck
from lecturedeck.layout.model import Graphic, LaidOutDeck, LaidOutSlide, TextBox
from lecturedeck.layout.text import ELLIPSIS
from lecturedeck.plan.geometry import Box, body_box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import (
    BulletsBlock,
    Deck,
    ImageBlock,
    ListItem,
    Slide,
    SlideRole,
    TimelineBlock,
    TimelineEvent,
    TimelinePeriod,
)
from lecturedeck.themes import Theme, load_theme
from lecturedeck.themes.colors import contrast_ratio, mix
from tests.conftest import ROOT

COURSES = [
    ROOT / "slides" / "llm-course",
    ROOT / "slides" / "starter",
    *(ROOT / "tests" / "fixtures" / name for name in ("overflow", "stress", "readability")),
    ROOT / "tests" / "fixtures" / "rich" / "attention",
    ROOT / "tests" / "fixtures" / "rich" / "diagrams",
]
EPS = 0.5  # px


@cache
def laid_course(course: Path) -> tuple[LaidOutDeck, ...]:
    (planned,) = load_and_plan([course])
    return planned.laid


def inside(inner: Box, outer: Box) -> bool:
    return (
        inner.x >= outer.x - EPS
        and inner.y >= outer.y - EPS
        and inner.x + inner.w <= outer.x + outer.w + EPS
        and inner.bottom <= outer.bottom + EPS
    )


def overlap(a: Box, b: Box) -> bool:
    return min(a.x + a.w, b.x + b.w) - max(a.x, b.x) > EPS and min(a.bottom, b.bottom) - max(a.y, b.y) > EPS


def slides_of(course: Path) -> list[tuple[LaidOutDeck, LaidOutSlide]]:
    return [(deck, slide) for deck in laid_course(course) for slide in deck.slides]


@pytest.fixture(params=COURSES, ids=lambda p: p.name)
def course(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_everything_sits_inside_its_slide_and_nothing_overlaps(course: Path) -> None:
    for deck, slide in slides_of(course):
        theme = load_theme(deck.deck.theme)
        page = Box(0, 0, theme.slide.width, theme.slide.height)
        where = f"{deck.deck.stem} slide {slide.number}"
        assert inside(slide.title.box, page), where
        boxes = [f.box for f in slide.frames]
        if slide.lines is not None:
            boxes.append(slide.lines.box)
        for box in boxes:
            assert inside(box, page), where
            assert not overlap(box, slide.title.box), f"{where}: a frame overlaps the title"
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not overlap(a, b), f"{where}: frames overlap"
        if slide.footer is not None:
            assert inside(slide.footer.box, page)
            assert not any(overlap(slide.footer.box, b) for b in boxes), f"{where}: the footer overlaps content"


def test_content_frames_stay_in_the_body_box(course: Path) -> None:
    for deck, slide in slides_of(course):
        if slide.slide.role in (SlideRole.TITLE, SlideRole.SECTION):
            continue
        body = body_box(load_theme(deck.deck.theme), slide.slide.title_lines)
        for frame in slide.frames:
            assert inside(frame.box, body), f"{deck.deck.stem} slide {slide.number}: {type(frame.block).__name__}"


def _text_boxes(slide: LaidOutSlide) -> list[tuple[TextBox, Box]]:
    out = []
    for frame in slide.frames:
        if isinstance(frame.detail, Graphic):
            out += [(item, frame.box) for item in frame.detail.items if isinstance(item, TextBox)]
    return out


def test_graphic_text_is_readable_and_no_word_is_broken(course: Path) -> None:
    """Timelines and model cards: every text at least sizes.min, every word as narrow as its box, every box
    inside its frame."""
    for deck, slide in slides_of(course):
        theme = load_theme(deck.deck.theme)
        ms = measurer(theme)
        for text, frame in _text_boxes(slide):
            assert inside(text.box, frame), f"{deck.deck.stem} slide {slide.number}: {text.name} leaves its frame"
            for spans, style in text.paragraphs:
                assert style.size >= theme.sizes.min, f"{text.name}: {style.size} px"
                width = text.box.w - (theme.spacing.indent if style.bullet else 0)
                assert ms.longest_word(spans, style.size, style.bold) <= width + EPS, f"{text.name}: {spans}"


def test_footer_is_shortened_with_an_ellipsis_not_wrapped() -> None:
    theme = load_theme("lecture")
    slide = Slide(SlideRole.CONTENT, "bullets", md("T"), blocks=(BulletsBlock((ListItem(md("x")),)),))
    long_course = "Foundations of Internationalization and Representation Learning " * 3
    deck = Deck(long_course, "A lecture with a long title as well", "x", "en", "lecture", (slide,))
    laid = layout_deck(deck, theme)
    footer = laid.slides[0].footer
    assert footer is not None and footer.text.endswith(ELLIPSIS)
    assert measurer(theme).text_width(text_span(footer.text), footer.size) < footer.box.w


def _timeline(events: int) -> TimelineBlock:
    periods = tuple(
        TimelinePeriod(
            md(f"Period {p}"),
            "1950–2020",
            md("A summary of the period"),
            tuple(TimelineEvent(str(1950 + p * 20 + e), md("Representation learning")) for e in range(events // 3)),
        )
        for p in range(3)
    )
    return TimelineBlock(periods)


@pytest.mark.parametrize("events", [3, 9, 15, 18])
def test_timelines_rearrange_rather_than_break_words_or_shrink(events: int) -> None:
    theme = load_theme("lecture")
    slide = Slide(SlideRole.CONTENT, "timeline", md("Timeline"), blocks=(_timeline(events),))
    laid = layout_deck(Deck("C", "L", "x", "en", "lecture", (slide,)), theme)
    (frame,) = laid.slides[0].frames
    assert isinstance(frame.detail, Graphic)
    ms = measurer(theme)
    labels = [item for item in frame.detail.items if isinstance(item, TextBox)]
    assert sum(1 for t in labels if t.name == "Event") == 3 * (events // 3)
    for text in labels:
        for spans, style in text.paragraphs:
            assert style.size >= theme.sizes.min
            assert ms.longest_word(spans, style.size, style.bold) <= text.box.w + EPS


def test_a_timeline_too_long_for_one_slide_is_a_located_error_when_not_split_first() -> None:
    theme = load_theme("lecture")  # the fit step splits it (tests/test_hostile_limits.py); the layout refuses
    slide = Slide(SlideRole.CONTENT, "timeline", md("Timeline"), blocks=(_timeline(120),))
    with pytest.raises(DeckError, match="cannot show its 120 events on a slide"):
        layout_deck(Deck("C", "L", "x", "en", "lecture", (slide,)), theme)


def _photo(path: Path, colour: tuple[int, int, int]) -> Path:
    return _save(Image.new("RGB", (320, 180), colour), path)


def _save(picture: Image.Image, path: Path) -> Path:
    picture.save(path)
    return path


@pytest.mark.parametrize(("colour", "inverted"), [((20, 24, 40), True), ((240, 235, 220), False)])
def test_text_over_a_photo_keeps_wcag_contrast(tmp_path: Path, colour, inverted: bool) -> None:
    theme = load_theme("lecture")
    photo = ImageBlock(_photo(tmp_path / "p.png", colour), "photo", placement="background")
    slide = Slide(SlideRole.CONTENT, "image", md("Title"), blocks=(photo, BulletsBlock((ListItem(md("x")),))))
    laid = layout_deck(Deck("C", "L", "x", "en", "lecture", (slide,)), theme).slides[0]
    assert laid.backdrop is not None
    behind = "#{:02X}{:02X}{:02X}".format(*colour)
    if laid.backdrop.scrim:
        behind = mix(laid.backdrop.scrim, behind, laid.backdrop.scrim_alpha)
    text = laid.palette.text if laid.palette else theme.colors.text
    heading = laid.palette.heading if laid.palette else theme.colors.heading
    assert (laid.palette is not None and laid.palette.inverted) is inverted
    assert contrast_ratio(text, behind) >= 4.5
    assert contrast_ratio(heading, behind) >= 4.5


def test_the_footer_over_a_bright_corner_keeps_its_contrast(tmp_path: Path) -> None:
    """A dark photo with a bright strip along the bottom: the light footer text gets a scrim strong enough
    for the strip, although the title and body (most of what is sampled) sit on dark."""
    theme = load_theme("lecture")
    picture = Image.new("RGB", (320, 180), (20, 24, 40))
    picture.paste((250, 250, 245), (0, 162, 320, 180))
    photo = ImageBlock(_save(picture, tmp_path / "p.png"), "photo", placement="background")
    slide = Slide(SlideRole.CONTENT, "image", md("Title"), blocks=(photo, BulletsBlock((ListItem(md("x")),))))
    laid = layout_deck(Deck("C", "L", "x", "en", "lecture", (slide,)), theme).slides[0]
    assert laid.backdrop is not None and laid.backdrop.scrim and laid.footer is not None
    behind = mix(laid.backdrop.scrim, "#FAFAF5", laid.backdrop.scrim_alpha)
    assert contrast_ratio(laid.footer.color, behind) >= 4.5


def test_overlay_none_leaves_the_picture_alone(tmp_path: Path) -> None:
    theme: Theme = load_theme("lecture")
    photo = ImageBlock(_photo(tmp_path / "p.png", (20, 20, 20)), "photo", placement="background", overlay="none")
    slide = Slide(SlideRole.CONTENT, "image", md("Title"), blocks=(photo,))
    laid = layout_deck(Deck("C", "L", "x", "en", "lecture", (slide,)), theme).slides[0]
    assert laid.backdrop is not None and laid.backdrop.scrim is None and laid.palette is None
    forced = replace(photo, overlay="dark")
    slide = replace(slide, blocks=(forced,))
    laid = layout_deck(Deck("C", "L", "x", "en", "lecture", (slide,)), theme).slides[0]
    assert laid.palette is not None and laid.palette.inverted


RENDER = ROOT / "src" / "lecturedeck" / "render"
FORBIDDEN = ("lecturedeck.plan.measure", "lecturedeck.plan.fit", "lecturedeck.plan.paginate")


def test_renderers_never_measure_fit_or_paginate() -> None:
    """Everything a renderer needs is in the laid-out deck: no module under render/ imports the planner's
    measuring, fitting or paginating code."""
    offenders = []
    for path in RENDER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []
