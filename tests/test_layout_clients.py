"""One layout, two outputs, checked in real clients: Chromium puts every title, frame and graphic piece of
the HTML at the box the layout stage computed, and the PPTX has its title placeholder, tables, pictures
and graphic shapes at the same boxes (the readability stress course and the flagship's history lecture)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from lecturedeck.build import load_and_plan
from lecturedeck.layout.model import ColumnsGeometry, Graphic, ImageGeometry, LaidOutDeck, ShapeBox, TextBox
from lecturedeck.plan.geometry import EMU_PER_PX, Box
from lecturedeck.render.pptx.master import BULLETS
from tests import test_parity
from tests.conftest import ROOT
from tests.marp_html import SLIDES

pytestmark = pytest.mark.client

READABILITY = ROOT / "tests" / "fixtures" / "readability"
TOLERANCE = 1.5  # px: sub-pixel rounding

# Per slide: [{cls, x, y, w, h}] in slide px for the title, every frame and every graphic piece.
RECTS_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const r = s.getBoundingClientRect(); const k = r.height / s.offsetHeight;
  return Array.from(s.querySelectorAll(':scope > h1, :scope > h2, :scope > .frame, :scope > .g')).map(e => {
    const q = e.getBoundingClientRect();
    const cls = e.tagName.match(/^H[12]$/) ? 'title' : Array.from(e.classList).find(c => /^[fg][0-9]+$/.test(c));
    return {cls, x: (q.left - r.left) / k, y: (q.top - r.top) / k, w: q.width / k, h: q.height / k};
  });
})
"""


@pytest.fixture(scope="module")
def readability_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return test_parity.build_once(READABILITY, tmp_path_factory)


def laid_decks(course: Path) -> dict[str, LaidOutDeck]:
    (planned,) = load_and_plan([course])
    return {laid.deck.stem: laid for laid in planned.laid}


def expected_boxes(slide) -> dict[str, Box]:
    """Class → box, as the Marp renderer names them: the title, fN per frame, gN per graphic piece."""
    boxes = {"title": slide.title.box}
    piece = 1
    for n, frame in enumerate(slide.frames, start=1):
        if isinstance(frame.detail, Graphic):
            for item in frame.detail.items:
                boxes[f"g{piece}"] = item.box
                piece += 1
        elif isinstance(frame.detail, ImageGeometry):
            boxes[f"f{n}"] = Box(frame.detail.picture.x, frame.detail.picture.y, frame.detail.picture.w, 0)
        else:
            boxes[f"f{n}"] = frame.box
    return boxes


def close(box: Box, rect: dict, check_height: bool) -> bool:
    dims = [(box.x, rect["x"]), (box.y, rect["y"]), (box.w, rect["w"])]
    if check_height:
        dims.append((box.h, rect["h"]))
    return all(abs(a - b) <= TOLERANCE for a, b in dims)


def test_html_puts_everything_where_the_layout_says(readability_build: Path, browser) -> None:
    decks = laid_decks(READABILITY)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    misplaced, checked = [], 0
    for stem, laid in decks.items():
        page.goto((readability_build / f"{stem}.html").as_uri())
        page.wait_for_timeout(300)
        rects = page.evaluate(RECTS_JS, SLIDES)
        assert len(rects) == len(laid.slides)
        for slide, found in zip(laid.slides, rects, strict=True):
            expected = expected_boxes(slide)
            shown = {r["cls"]: r for r in found}
            assert set(expected) == set(shown), f"{stem} slide {slide.number}"
            for cls, box in expected.items():
                checked += 1
                if not close(box, shown[cls], check_height=box.h > 0 and cls != "title"):
                    misplaced.append((stem, slide.number, cls, box, shown[cls]))
    page.close()
    assert checked > 60
    assert misplaced == []


def emu_box(shape) -> Box:
    return Box(shape.left / EMU_PER_PX, shape.top / EMU_PER_PX, shape.width / EMU_PER_PX, shape.height / EMU_PER_PX)


def same(a: Box, b: Box) -> bool:
    return all(abs(p - q) <= 0.01 for p, q in ((a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)))


def test_pptx_puts_everything_where_the_layout_says(readability_build: Path) -> None:
    decks = laid_decks(READABILITY)
    checked = 0
    for stem, laid in decks.items():
        prs = Presentation(str(readability_build / f"{stem}.pptx"))
        for slide, pptx_slide in zip(laid.slides, prs.slides, strict=True):
            title = pptx_slide.shapes.title
            assert same(emu_box(title), slide.title.box), f"{stem} slide {slide.number}: title"
            shapes = [emu_box(s) for s in pptx_slide.shapes]
            for frame in slide.frames:
                boxes: list[Box] = []
                if isinstance(frame.detail, Graphic):
                    boxes = [i.box for i in frame.detail.items if isinstance(i, ShapeBox | TextBox)]
                elif isinstance(frame.detail, ImageGeometry):
                    boxes = [frame.detail.picture]
                for box in boxes:
                    checked += 1
                    assert any(same(box, s) for s in shapes), f"{stem} slide {slide.number}: {box}"
    assert checked > 30


def test_pptx_footers_and_bullets_take_the_colours_the_layout_gave_them(readability_build: Path) -> None:
    """Over a darkened photograph the layout makes the footer and the bullets light (as the HTML draws them);
    the PPTX once stamped every footer from the first one it drew, in the muted grey, and kept accent bullets."""
    from pptx.oxml.ns import qn

    from lecturedeck.render.pptx.units import hex_colour

    palettes = footers = 0
    for stem, laid in laid_decks(READABILITY).items():
        prs = Presentation(str(readability_build / f"{stem}.pptx"))
        for slide, pptx_slide in zip(laid.slides, prs.slides, strict=True):
            if slide.footer is not None:
                (footer,) = [shape for shape in pptx_slide.shapes if shape.name == "Footer"]
                colours = {c.get("val") for c in footer._element.iter(qn("a:srgbClr"))}
                assert colours == {hex_colour(slide.footer.color)}, (stem, slide.number)
                footers += 1
            if slide.palette is not None:
                bullets = [p for p in pptx_slide._element.iter(qn("a:pPr")) if p.find(qn("a:buNone")) is None]
                marked = {c.get("val") for p in bullets for c in p.iterfind(f"{qn('a:buClr')}/{qn('a:srgbClr')}")}
                assert marked == {hex_colour(slide.palette.heading)}, (stem, slide.number)
                palettes += 1
    assert footers > 10 and palettes >= 1


# Per panel (a quote or a definition inside its frame): where Chromium draws it relative to its frame, in px.
PANELS_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).flatMap(s => {
  const k = s.getBoundingClientRect().height / s.offsetHeight;
  return Array.from(s.querySelectorAll('.frame > .quote, .frame > .definition')).map(p => {
    const f = p.parentElement.getBoundingClientRect(), q = p.getBoundingClientRect();
    const src = p.querySelector(':scope > .source'), r = src ? src.getBoundingClientRect() : null;
    return {
      cls: p.className, dx: (q.left - f.left) / k, dy: (q.top - f.top) / k, dw: (q.width - f.width) / k,
      overhang: (q.bottom - f.bottom) / k,
      source: r && {inside: r.top >= q.top && r.bottom <= q.bottom + 0.5, right: (q.right - r.right) / k},
    };
  });
})
"""


def test_quote_and_definition_panels_fill_their_frame_as_in_the_pptx(
    browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The PPTX draws a quote or a definition as one panel filling its frame, a quote's source right-aligned
    inside it; the HTML must draw the same panel (no browser margins, the source inside, not under it)."""
    built = test_parity.build_once(ROOT / "slides" / "starter", tmp_path_factory)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    panels = []
    for html in sorted(built.glob("*.html")):
        if html.name != "index.html":
            page.goto(html.as_uri())
            page.wait_for_timeout(200)
            panels += page.evaluate(PANELS_JS, SLIDES)
    page.close()
    assert {p["cls"] for p in panels} == {"quote", "definition"}
    for panel in panels:
        assert abs(panel["dx"]) <= TOLERANCE and abs(panel["dy"]) <= TOLERANCE and abs(panel["dw"]) <= TOLERANCE, panel
        assert panel["overhang"] <= TOLERANCE, panel
    sources = [p["source"] for p in panels if p["source"]]
    assert sources and all(s["inside"] and s["right"] < 40 for s in sources), sources


MARKERS_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES + ' ul')).map(ul => {
  let depth = 0; for (let e = ul; e; e = e.parentElement.closest('ul')) depth++;
  return [depth, getComputedStyle(ul).listStyleType];
})
"""


def test_bullet_characters_per_level_match_the_pptx(browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Chromium shows each list level with the character the PPTX master gives that level (•, –, •)."""
    built = test_parity.build_once(ROOT / "slides" / "starter", tmp_path_factory)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    seen: set[tuple[int, str]] = set()
    for html in sorted(built.glob("*.html")):
        if html.name != "index.html":
            page.goto(html.as_uri())
            seen |= {(depth, style) for depth, style in page.evaluate(MARKERS_JS, SLIDES)}
    page.close()
    shown = {(depth, "•" if style == "disc" else style.strip('"').strip()) for depth, style in seen}
    assert {depth for depth, _ in shown} >= {1, 2}, "the starter course nests bullets"
    assert all(char == BULLETS[min(depth, len(BULLETS)) - 1] for depth, char in shown), shown


# Per slide: [[class fN, height of its content in slide px]] for every frame.
CONTENT_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const k = s.getBoundingClientRect().height / s.offsetHeight;
  return Array.from(s.querySelectorAll(':scope > .frame')).map(f => {
    const top = f.getBoundingClientRect().top;
    const bottom = Math.max(...Array.from(f.children).map(c => c.getBoundingClientRect().bottom));
    return [Array.from(f.classList).find(c => /^f[0-9]+$/.test(c)), (bottom - top) / k];
  });
})
"""
SHORT_PARAGRAPHS = "\n".join(f"          - '**{n}.1 小标题**'\n          - 第 {n} 段只有一行。" for n in range(1, 6))
TEXT_LECTURE = f"""\
title: Spacing
sections:
  - title: One
    slides:
      - kind: text
        title: Ten short paragraphs
        paragraphs:
{SHORT_PARAGRAPHS}
      - kind: text
        title: The same, step by step
        reveal: true
        paragraphs:
{SHORT_PARAGRAPHS}
      - kind: bullets
        title: Eight bullets
        items: [{", ".join(f"要点 {n}" for n in range(8))}]
"""


def test_text_and_bullets_are_as_tall_in_the_html_as_the_layout_measured(
    browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The fit step measured these blocks to fit their box; the HTML must space them the same (a text
    block's paragraphs once stood 24 px apart instead of 12, and ten short paragraphs ran off the slide)."""
    from lecturedeck.kinds import kind_of
    from lecturedeck.plan.measure import measurer
    from lecturedeck.themes import load_theme
    from tests.conftest import deck
    from tests.courses import write_course

    root = tmp_path_factory.mktemp("spacing")
    course = write_course(root / "spacing", {"01-spacing.yaml": TEXT_LECTURE}, lang="zh-CN")
    code, _, err = deck("build", course, "--to", "html", "--out", root / "out")
    assert code == 0, err
    (laid,) = laid_decks(course).values()
    ms = measurer(load_theme(laid.deck.theme))
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((root / "out" / "spacing" / "01-spacing.html").as_uri())
    page.wait_for_timeout(300)
    shown = page.evaluate(CONTENT_JS, SLIDES)
    page.close()
    checked = 0
    for slide, frames in zip(laid.slides, shown, strict=True):
        heights = dict(frames)
        for n, frame in enumerate(slide.frames, start=1):
            measured = kind_of(frame.block).height(ms, frame.block, frame.box.w, frame.box.h)
            assert abs(heights[f"f{n}"] - measured) <= 2 * TOLERANCE, (slide.number, heights[f"f{n}"], measured)
            checked += 1
    assert checked >= 3


# Per slide: per column (in order), [heading top, heading height, top of the first body element] in slide px.
COLUMNS_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const r = s.getBoundingClientRect(); const k = r.height / s.offsetHeight;
  return Array.from(s.querySelectorAll('.column')).map(c => {
    const h = c.querySelector(':scope > h3'); const body = c.querySelector(':scope > :not(h3)');
    const y = e => e ? (e.getBoundingClientRect().top - r.top) / k : null;
    return [y(h), h ? h.getBoundingClientRect().height / k : null, y(body)];
  });
})
"""


def test_html_columns_put_their_bodies_where_the_layout_says(readability_build: Path, browser) -> None:
    """A column's body starts at the layout's body box, under a heading as tall as measured, as in the PPTX
    (it once followed the heading's rendered lines, 62 px higher than the PPTX's)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    checked = 0
    for stem, laid in laid_decks(READABILITY).items():
        page.goto((readability_build / f"{stem}.html").as_uri())
        page.wait_for_timeout(300)
        shown = page.evaluate(COLUMNS_JS, SLIDES)
        for slide, columns in zip(laid.slides, shown, strict=True):
            for frame in slide.frames:
                if isinstance(frame.detail, ColumnsGeometry):
                    for geometry, (top, height, body) in zip(
                        (frame.detail.left, frame.detail.right), columns, strict=True
                    ):
                        assert geometry.heading is not None
                        assert (
                            abs(top - geometry.heading.y) <= TOLERANCE and abs(height - geometry.heading.h) <= TOLERANCE
                        )
                        assert abs(body - geometry.body.y) <= TOLERANCE, (stem, slide.number, body, geometry.body.y)
                        checked += 1
    page.close()
    assert checked >= 2


# Per slide: per frame, [its class fN, how far its first element starts below the frame's top] in slide px.
FIRST_CHILD_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const k = s.getBoundingClientRect().height / s.offsetHeight;
  return Array.from(s.querySelectorAll(':scope > .frame')).filter(f => f.firstElementChild).map(f => [
    Array.from(f.classList).find(c => /^f[0-9]+$/.test(c)),
    (f.firstElementChild.getBoundingClientRect().top - f.getBoundingClientRect().top) / k,
  ]);
})
"""


def test_every_frame_starts_its_content_at_its_top(readability_build: Path, browser) -> None:
    """No browser default margin moves a block inside its frame (a code listing once sat 1 em, 20 px, below
    where the layout and the PPTX put it)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    offsets = []
    for stem in laid_decks(READABILITY):
        page.goto((readability_build / f"{stem}.html").as_uri())
        page.wait_for_timeout(300)
        for number, frames in enumerate(page.evaluate(FIRST_CHILD_JS, SLIDES), start=1):
            offsets += [(stem, number, cls, round(dy, 1)) for cls, dy in frames]
    page.close()
    assert len(offsets) > 12
    assert [o for o in offsets if abs(o[3]) > TOLERANCE] == []


def test_captions_are_italic_in_both_outputs(readability_build: Path, browser) -> None:
    """Picture and diagram captions look alike in the HTML and the PPTX (a diagram's was upright in the PPTX)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    html_styles, pptx_italic = set(), set()
    for stem in laid_decks(READABILITY):
        page.goto((readability_build / f"{stem}.html").as_uri())
        page.wait_for_timeout(300)
        html_styles |= set(
            page.evaluate("[...document.querySelectorAll('.frame > .caption')].map(c => getComputedStyle(c).fontStyle)")
        )
        prs = Presentation(str(readability_build / f"{stem}.pptx"))
        captions = [shape for slide in prs.slides for shape in slide.shapes if shape.name == "Caption"]
        pptx_italic |= {run.font.italic for c in captions for p in c.text_frame.paragraphs for run in p.runs}
    page.close()
    assert html_styles == {"italic"} and pptx_italic == {True}


def test_compared_columns_have_their_accent_rules_in_the_pptx(readability_build: Path) -> None:
    """The rule the HTML draws over each compared column (border-top) is in the PPTX too, at the same place."""
    from lecturedeck.plan.metrics import BOX_BORDER

    rules = 0
    for stem, laid in laid_decks(READABILITY).items():
        prs = Presentation(str(readability_build / f"{stem}.pptx"))
        for slide, pptx_slide in zip(laid.slides, prs.slides, strict=True):
            for frame in slide.frames:
                if isinstance(frame.detail, ColumnsGeometry) and frame.block.comparison:
                    drawn = [emu_box(s) for s in pptx_slide.shapes if s.name.startswith("Rule ")]
                    for column in (frame.detail.left, frame.detail.right):
                        assert any(same(Box(column.body.x, frame.box.y, column.body.w, BOX_BORDER), d) for d in drawn)
                        rules += 1
    assert rules >= 2
