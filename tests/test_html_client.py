"""Real client: the starter course built by the real marp-cli, opened in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lecturedeck.build import load_and_plan
from lecturedeck.inline import plain_text
from tests.conftest import ROOT
from tests.marp_html import SLIDES, SPILL_JS, external_resources, normalise, read_deck

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def planned_decks() -> dict[str, object]:
    [course] = load_and_plan([ROOT / "slides" / "starter"])
    return {deck.stem: deck for deck in course.decks}


def test_every_lecture_has_md_html_and_index(starter_build: Path, planned_decks: dict[str, object]) -> None:
    for stem in planned_decks:
        assert (starter_build / f"{stem}.md").is_file()
        assert (starter_build / f"{stem}.html").is_file()
    index = (starter_build / "index.html").read_text(encoding="utf-8")
    for stem in planned_decks:
        assert f'href="{stem}.html"' in index
    assert not list(starter_build.parent.glob(".lecturedeck-staging-*")), "staging folder left behind"


def test_chromium_shows_planned_slides_and_titles(
    starter_build: Path, planned_decks: dict[str, object], browser
) -> None:
    for stem, deck in planned_decks.items():
        html_file = starter_build / f"{stem}.html"
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        requests: list[str] = []
        page.on(
            "request", lambda r, seen=requests: seen.append(r.url) if r.url.startswith(("http:", "https:")) else None
        )
        page.goto(html_file.as_uri())
        page.wait_for_timeout(300)
        sections = page.locator(SLIDES)
        assert sections.count() == len(deck.slides), stem
        texts = [normalise(t) for t in sections.evaluate_all("els => els.map(e => e.textContent)")]
        for slide, text in zip(deck.slides, texts, strict=True):
            assert normalise(plain_text(slide.title)) in text, (stem, slide.title)
        spills = page.evaluate(SPILL_JS, SLIDES)
        page.close()
        assert requests == [], f"{stem} loaded network resources: {requests}"
        assert max(spills) <= 2, (
            f"{stem}: content spills out of slides {[(i + 1, s) for i, s in enumerate(spills) if s > 2]}"
        )


def test_html_and_css_reference_no_internet_resources(starter_build: Path) -> None:
    for html_file in starter_build.glob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert external_resources(html) == [], html_file.name
        for css in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), html_file.name


def test_speaker_notes_reach_the_presenter_view(starter_build: Path, planned_decks: dict[str, object]) -> None:
    for stem, deck in planned_decks.items():
        _, notes = read_deck((starter_build / f"{stem}.html").read_text(encoding="utf-8"))
        for index, slide in enumerate(deck.slides):
            if slide.notes:
                assert normalise(slide.notes) == notes.get(index), (stem, index)


def test_markdown_is_readable_marp(starter_build: Path) -> None:
    text = (starter_build / "01-basics.md").read_text(encoding="utf-8")
    assert text.startswith("---\nmarp: true\n")
    assert 'theme: "lecture"' in text and "paginate: true" in text
    assert "## 大模型的特点" in text
    assert "  - 模型大小可达数百 GB" in text, "nested bullets are indented markdown lists"
