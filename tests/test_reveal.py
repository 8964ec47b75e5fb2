"""Step-by-step reveal (`reveal: true`): items appear one at a time, as Marp fragments in the HTML (list items,
and paragraphs through convert.fragments) and as one on-click entrance per paragraph in the PPTX."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from lecturedeck.build import load_and_plan
from lecturedeck.convert.fragments import mark_steps
from lecturedeck.plan.model import BulletsBlock, Deck, ListItem
from tests.conftest import built_course, deck, require_marp, require_tool

LONG = "a point long enough to take a whole line of the slide, so that twenty of them cannot share one slide"
COURSE = """title: Reveal
lang: en
reveal: true
lectures: [01-steps.yaml, 02-plain.yaml]
"""
STEPS = f"""title: Steps
objectives: [See items one at a time]
sections:
  - title: One
    slides:
      - kind: bullets
        title: Bullets
        items:
          - First point
          - text: Second point
            items: [Nested point]
          - Last point
      - kind: text
        title: Paragraphs
        paragraphs: [First paragraph., Last paragraph.]
      - kind: columns
        title: Sides
        left: {{heading: Left, items: [left one, left two]}}
        right: {{heading: Right, text: Right text.}}
      - kind: definition
        title: A definition
        term: Term
        definition: What it means.
        items: [first use, second use]
      - kind: model
        name: GPT-2
        params: 1.5B
        highlights: [First highlight, Last highlight]
      - kind: timeline
        title: Eras
        periods:
          - {{name: Early, events: [{{year: 1950, text: Turing test}}]}}
          - {{name: Middle, summary: Expert systems, events: [{{year: 1986, text: Backprop}}]}}
          - {{name: Late, span: 2017-, events: [{{year: 2017, text: Transformer}}, {{year: 2020, text: GPT-3}}]}}
      - kind: bullets
        title: Not revealed
        reveal: false
        items: [x, '<div class="step">typed</div>']
      - kind: quote
        title: A quote
        quote: Quotes are not stepped.
      - kind: bullets
        title: Many
        items: {[f"{n} {LONG}" for n in range(20)]}
      - kind: bullets
        title: Group
        items:
          - text: Parent
            items: {[f"{n} {LONG}" for n in range(16)]}
"""
PLAIN = """title: Plain
reveal: false
sections:
  - title: One
    slides:
      - kind: bullets
        title: Lecture says no
        items: [x, y]
      - kind: bullets
        title: Slide says yes
        reveal: true
        items: [x, y]
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reveal") / "reveal"
    folder.mkdir()
    for name, text in (("course.yaml", COURSE), ("01-steps.yaml", STEPS), ("02-plain.yaml", PLAIN)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def decks(course: Path) -> dict[str, Deck]:
    [planned] = load_and_plan([course])
    return {d.stem: d for d in planned.decks}


def _revealed(deck_: Deck) -> dict[str, bool]:
    return {"".join(s.text for s in slide.title): slide.reveal for slide in deck_.slides if slide.part == 1}


def _count(items: tuple[ListItem, ...]) -> int:
    return sum(1 + _count(i.children) for i in items)


def test_slide_value_wins_over_lecture_over_course(decks: dict[str, Deck]) -> None:
    steps, plain = _revealed(decks["01-steps"]), _revealed(decks["02-plain"])
    assert all(steps[t] for t in ("Bullets", "Paragraphs", "Sides", "A definition", "GPT-2", "Eras"))
    assert not steps["Not revealed"]  # the slide's own false beats the course's true
    assert not steps["A quote"]  # a kind that cannot reveal ignores the default
    assert not steps["Agenda"] and not steps["Steps"]  # generated slides never step (the agenda's columns neither)
    assert plain == {**plain, "Lecture says no": False, "Slide says yes": True}


def test_continuation_slides_keep_their_own_steps(decks: dict[str, Deck]) -> None:
    parts = [s for s in decks["01-steps"].slides if "".join(t.text for t in s.title).startswith("Many")]
    assert len(parts) >= 2 and all(p.reveal for p in parts)
    counts = [_count(b.items) for p in parts for b in p.blocks if isinstance(b, BulletsBlock)]
    assert sum(counts) == 20


def test_reveal_on_a_kind_without_items_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text(COURSE.replace(", 02-plain.yaml", ""), encoding="utf-8")
    (tmp_path / "01-steps.yaml").write_text(
        "title: T\nsections:\n  - title: S\n    slides:\n      - kind: quote\n        title: Q\n"
        "        quote: Said.\n        reveal: true\n",
        encoding="utf-8",
    )
    code, _, err = deck("check", tmp_path)
    assert code == 2
    assert "01-steps.yaml:8:9:" in err and "reveal" in err


def test_only_our_step_divs_become_fragments() -> None:
    page = '<div class="step"><p>&lt;div class="step"&gt;</p></div><div class="steps">'
    assert mark_steps(page) == (
        '<div class="step" data-marpit-fragment=""><p>&lt;div class="step"&gt;</p></div><div class="steps">'
    )


def test_an_item_holding_only_continued_items_is_no_step() -> None:
    page = '<li data-marpit-fragment="1">\n<ul>\n<li data-marpit-fragment="2">5 …</li>'
    assert mark_steps(page) == '<li>\n<ul>\n<li data-marpit-fragment="2">5 …</li>'
    own = '<li data-marpit-fragment="1">Parent\n<ul>'
    assert mark_steps(own) == own


@pytest.fixture(scope="module")
def pptx_slides(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_course(course, "pptx", tmp_path_factory)


def _targets(slide: object) -> list[list[tuple[int, int | None]]]:
    """Per click of a PPTX slide, in order, the (shape id, paragraph or None: whole shape) it shows."""
    timing = slide._element.find(qn("p:timing"))  # type: ignore[attr-defined]
    if timing is None:
        return []
    clicks = timing.findall(f".//{qn('p:cTn')}[@nodeType='mainSeq']/{qn('p:childTnLst')}/{qn('p:par')}")
    result = []
    for click in clicks:
        effects = click.findall(f".//{qn('p:cTn')}[@presetClass='entr']")
        assert [e.get("nodeType") for e in effects] == ["clickEffect"] + ["withEffect"] * (len(effects) - 1)
        spans = [(e.find(f".//{qn('p:spTgt')}"), e.find(f".//{qn('p:pRg')}")) for e in effects]
        result.append([(int(t.get("spid")), None if r is None else int(r.get("st"))) for t, r in spans])
    return result


def _clicks(slide: object) -> list[tuple[int, int | None]]:
    """(shape id, paragraph) of each on-click entrance of a PPTX slide that shows one paragraph per click."""
    clicks = _targets(slide)
    assert all(len(click) == 1 for click in clicks)
    return [click[0] for click in clicks]


def _paragraphs(slide: object, shape_id: int) -> list[str]:
    [shape] = [s for s in slide.shapes if s.shape_id == shape_id]  # type: ignore[attr-defined]
    return [p.text for p in shape.text_frame.paragraphs]


def test_pptx_has_one_on_click_entrance_per_item(pptx_slides: Path) -> None:
    every = list(Presentation(str(pptx_slides / "01-steps.pptx")).slides)
    slides = {s.shapes.title.text: s for s in every}
    expected = {
        "Bullets": ["First point", "Second point", "Nested point", "Last point"],
        "Paragraphs": ["First paragraph.", "Last paragraph."],
        "Sides": ["left one", "left two", "Right text."],  # the column headings stay
        "A definition": ["first use", "second use"],  # the term and definition stay
        "GPT-2": ["First highlight", "Last highlight"],  # the card's facts stay
    }
    for title, items in expected.items():
        clicks = _clicks(slides[title])
        assert [_paragraphs(slides[title], shape)[n] for shape, n in clicks] == items, title
    assert _clicks(slides["Not revealed"]) == [] and _clicks(slides["A quote"]) == []
    many = [s for s in every if s.shapes.title.text.startswith("Many")]
    assert len(many) >= 2
    for slide in many:  # each continuation slide steps through its own items, every one of them
        clicks = _clicks(slide)
        [shape] = {shape for shape, _ in clicks}
        assert [n for _, n in clicks] == list(range(len(_paragraphs(slide, shape))))
    assert sum(len(_clicks(s)) for s in many) == 20


@pytest.mark.client
def test_libreoffice_pdf_still_shows_every_item(pptx_slides: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    pptx = pptx_slides / "01-steps.pptx"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [require_tool("pdftotext"), str(tmp_path / "01-steps.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for item in (
        "Last point",
        "Nested point",
        "Last paragraph.",
        "Right text.",
        "second use",
        "Last highlight",
        "GPT-3",
        "19 a point",
    ):
        assert item in text


@pytest.fixture(scope="module")
def html_deck(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_marp()
    return built_course(course, "html", tmp_path_factory) / "01-steps.html"


VISIBLE = "e => getComputedStyle(e).visibility"


def _stepped_into_view(page: object, items: str, steps: int) -> None:
    """The last of `items` is hidden until the presenter has stepped `steps` times (the slide stays)."""
    last = page.locator(items).last  # type: ignore[attr-defined]
    hash_ = page.evaluate("location.hash")  # type: ignore[attr-defined]
    assert page.locator(items).count() == steps  # type: ignore[attr-defined]
    for _ in range(steps - 1):
        page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    page.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert last.evaluate(VISIBLE) == "hidden"
    assert page.locator(items).first.evaluate(VISIBLE) == "visible"  # type: ignore[attr-defined]
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    page.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert last.evaluate(VISIBLE) == "visible"
    assert page.evaluate("location.hash") == hash_  # type: ignore[attr-defined]


@pytest.mark.client
@pytest.mark.parametrize(("slide", "steps"), [(4, 4), (5, 2), (6, 3), (7, 2), (8, 2), (9, 3)])
def test_html_items_appear_as_the_presenter_steps(html_deck: Path, browser, slide: int, steps: int) -> None:
    """Bullets (nested too), paragraphs, columns with both, a definition's items, a model card's highlights, a
    timeline's periods (band, labels and markers together): one step each."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{html_deck.as_uri()}#{slide}")
    page.wait_for_timeout(300)
    _stepped_into_view(page, f"section[id='{slide}'] :is(li, .step)", steps)
    page.close()


@pytest.mark.client
def test_presenter_view_steps_and_previews_the_next_step(html_deck: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{html_deck.as_uri()}?view=presenter#4")
    page.wait_for_timeout(500)
    nxt = page.frame_locator("iframe").locator("section[id='4'] li").last
    assert nxt.evaluate(VISIBLE) == "hidden"  # the preview shows the first step, not the last
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.locator("section[id='4'] li").last.evaluate(VISIBLE) == "hidden"
    assert nxt.evaluate(VISIBLE) == "visible"  # the next step, previewed
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(100)
    assert page.locator("section[id='4'] li").last.evaluate(VISIBLE) == "visible"
    page.close()


def test_pptx_timeline_period_appears_whole_on_its_click(pptx_slides: Path) -> None:
    [slide] = [s for s in Presentation(str(pptx_slides / "01-steps.pptx")).slides if s.shapes.title.text == "Eras"]
    texts = {s.shape_id: s.text_frame.text if s.has_text_frame else "" for s in slide.shapes}
    names = {s.shape_id: s.name for s in slide.shapes}
    clicks = _targets(slide)
    assert len(clicks) == 3 and all(p is None for click in clicks for _, p in click)
    shown = [" ".join(texts[shape] for shape, _ in click) for click in clicks]
    assert "Early" in shown[0] and "Turing test" in shown[0] and "Backprop" not in shown[0]
    assert "Expert systems" in shown[1] and "Backprop" in shown[1]
    assert "Late" in shown[2] and "Transformer" in shown[2] and "GPT-3" in shown[2]
    for click in clicks:  # each period's band and event markers come with it; the axis is always there
        kinds = [names[shape] for shape, _ in click]
        assert any(k.startswith("Period") for k in kinds) and "Event marker" in kinds
        assert "Timeline axis" not in kinds


@pytest.mark.client
def test_html_timeline_periods_keep_their_places(html_deck: Path, browser) -> None:
    """The step wrappers leave each piece placed where the layout put it (absolute, inside the slide)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{html_deck.as_uri()}#9")
    page.wait_for_timeout(300)
    pieces = page.locator("section[id='9'] .g")
    assert set(pieces.evaluate_all("els => els.map(e => getComputedStyle(e).position)")) == {"absolute"}
    slide = page.locator("section[id='9']").bounding_box()
    band = page.locator("section[id='9'] .step > .g.period")
    assert band.count() == 3  # one band per period, each in its step
    bands = [band.nth(n).bounding_box() for n in range(3)]
    assert all(
        b["width"] > 20 and slide["x"] <= b["x"] and b["x"] + b["width"] <= slide["x"] + slide["width"] for b in bands
    )
    assert bands[0]["x"] < bands[1]["x"] < bands[2]["x"]  # side by side, as laid out
    page.close()


def test_continued_groups_step_through_their_items_only(pptx_slides: Path, html_deck: Path) -> None:
    """A group of nested items split over slides: no click for the empty item that holds the continued part."""
    group = [
        s for s in Presentation(str(pptx_slides / "01-steps.pptx")).slides if s.shapes.title.text.startswith("Group")
    ]
    assert len(group) >= 2
    clicks = [(slide, _clicks(slide)) for slide in group]
    assert all(_paragraphs(slide, shape)[n] for slide, cs in clicks for shape, n in cs)
    assert sum(len(cs) for _, cs in clicks) == 17  # the parent and its 16 items
    html = html_deck.read_text(encoding="utf-8")
    assert "<li>\n<ul>" in html and not re.search(r'<li data-marpit-fragment="\d+">\n<ul>', html)


def test_step_markup_typed_in_the_outline_stays_text(html_deck: Path) -> None:
    html = html_deck.read_text(encoding="utf-8")
    section = html[html.index('<section id="10"') : html.index('<section id="11"')]
    assert "Not revealed" in section and "data-marpit-fragment" not in section
    assert "&lt;div class=&quot;step&quot;&gt;typed" in section or '&lt;div class="step"&gt;typed' in section
