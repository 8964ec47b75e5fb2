"""The course home (OUT/<course>/index.html): lecture cards and the offline search over every slide."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from lecturedeck.convert.thumbnails import CHROMIUM_VARIABLE, find_chromium, thumbnails
from lecturedeck.render.course_home import script_json
from lecturedeck.render.deck_text import deck_text
from lecturedeck.themes import load_theme
from tests.conftest import deck, require, require_marp

HOSTILE = "</script><script>window.pwned = 1</script><!-- <img src=x onerror='window.pwned = 2'>"
NOTE_TERM = "Quokkaphrase"  # only in the notes of lecture 02's second content slide
ZH_TERM = "鸭嘴兽密码"  # only in the notes of the Chinese course


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


EN_COURSE = {
    "course.yaml": "title: Learning machines\nauthor: Ada Byron\ndate: Autumn 2026\nlang: en\n"
    "lectures: [01-start.yaml, 02-more.yaml]\n",
    "01-start.yaml": "title: Getting started\nobjectives: ['Explain **loss**', Read a plot]\nsections:\n"
    "  - title: Basics\n    slides:\n      - kind: bullets\n        title: What a model learns\n"
    "        items: [Parameters]\n        notes: Plain notes.\n",
    "02-more.yaml": f"title: Going further\nobjectives: [{json.dumps(HOSTILE)}]\n"
    "sections:\n  - title: Deeper\n    slides:\n"
    "      - kind: bullets\n        title: First idea\n        items: [One]\n"
    "      - kind: bullets\n        title: Where the phrase hides\n        items: [Two]\n"
    f"        notes: Say the QUOKKAPHRASE here.\n"
    f"      - kind: bullets\n        title: {json.dumps(HOSTILE)}\n        items: [{json.dumps(HOSTILE)}]\n"
    f"        notes: {json.dumps(HOSTILE)}\n",
}
ZH_COURSE = {
    "course.yaml": "title: 人工智能导论\nauthor: 课程组\nlang: zh-CN\nlectures: [01-intro.yaml]\n",
    "01-intro.yaml": "title: 概述\nsections:\n  - title: 定义\n    slides:\n"
    "      - kind: bullets\n        title: 什么是智能\n        items: [感知与推理]\n"
    f"        notes: 这里提到{ZH_TERM}一次。\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An English course (a term only in notes, hostile text) and a Chinese one, built in one run."""
    require_marp()
    root = tmp_path_factory.mktemp("home")
    _write(root / "slides" / "en", EN_COURSE)
    _write(root / "slides" / "zh", ZH_COURSE)
    code, _, err = deck("build", root / "slides" / "en", root / "slides" / "zh", "--out", root / "out")
    assert code == 0, err
    return root / "out"


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=4), max_leaves=8))
def test_script_json_reads_back_and_never_holds_markup_characters(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & set("<>&")


def test_deck_text_reads_titles_text_and_notes_by_slide_number(built: Path) -> None:
    slides = deck_text((built / "en" / "02-more.html").read_text(encoding="utf-8"))
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    hiding = next(s for s in slides if s.title == "Where the phrase hides")
    assert hiding.text == "Two" and hiding.notes == "Say the QUOKKAPHRASE here."
    assert slides[0].title == "Going further" and "Learning machines" in slides[0].text  # the footer is not text
    hostile = next(s for s in slides if s.title == HOSTILE)
    assert hostile.text == HOSTILE and hostile.notes == HOSTILE


def test_the_home_page_has_a_card_per_lecture_with_its_links(built: Path) -> None:
    html = (built / "en" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="card"') == 2
    assert "Ada Byron · Autumn 2026" in html
    assert "<li>Explain loss</li>" in html  # objectives as plain text
    for link in ('href="01-start.html"', 'href="01-start.pptx"', 'href="01-start.md"', 'href="02-more.html"'):
        assert link in html
    assert '.pdf"' not in html  # no PDF was built: none linked
    assert "4 slides" in html and "Search titles, text and notes" in html
    assert "<script>window" not in html and "<img src=x" not in html and HOSTILE not in html
    zh = (built / "zh" / "index.html").read_text(encoding="utf-8")
    assert "搜索全部讲次" in zh and "4 页" in zh


def _search(page, term: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Press / anywhere on the page, type `term` into the search box: the results listed."""
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type(term)
    return page.locator("#search-results li").evaluate_all(
        "els => els.map(li => ({href: li.querySelector('a').getAttribute('href'), title: li.querySelector('a')"
        ".textContent, mark: li.querySelector('mark').textContent, where: li.querySelector('.where').textContent}))"
    )


@pytest.mark.client
def test_a_term_only_in_notes_finds_its_lecture_and_opens_the_deck_on_that_slide(built: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((built / "en" / "index.html").as_uri())
    hits = _search(page, NOTE_TERM.lower())
    assert len(hits) == 1, hits
    hit = hits[0]
    assert hit["href"].startswith("02-more.html#") and hit["title"] == "Where the phrase hides"
    assert hit["mark"] == "QUOKKAPHRASE" and "Going further" in hit["where"] and "Notes" in hit["where"]
    page.locator("#search-results a").click()
    page.wait_for_load_state()
    number = int(page.url.rsplit("#", 1)[1])
    shown = page.locator("svg.bespoke-marp-active section h2").inner_text()
    page.close()
    assert shown == "Where the phrase hides" and number == 5  # title, agenda, divider, first idea, this


@pytest.mark.client
def test_chinese_search_and_the_theme_font(built: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((built / "zh" / "index.html").as_uri())
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    hits = _search(page, "鸭嘴兽")
    nothing = page.locator("#search-status").inner_text() if not _search(page, "不存在的词") else "?"
    page.close()
    assert font.replace('"', "") == load_theme("lecture").css_font_stack().replace('"', "")
    assert [(h["href"], h["mark"]) for h in hits] == [("01-intro.html#4", "鸭嘴兽")]
    assert nothing == "没有找到"


@pytest.mark.client
def test_hostile_text_is_found_as_text_and_runs_nothing(built: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built / "en" / "index.html").as_uri())
    hits = _search(page, "onerror=")
    state = page.evaluate(
        "({pwned: window.pwned, scripts: document.scripts.length, images: [...document.images].filter("
        "i => !(i.closest('.card') && i.src.startsWith('data:image/png;'))).length})"
    )
    objective = page.locator(".card").nth(1).locator("ul li").inner_text()
    page.close()
    assert state == {"pwned": None, "images": 0, "scripts": 2} and not errors
    assert objective == HOSTILE  # a lecture's objective on its card, as typed
    assert [(h["title"], h["mark"]) for h in hits] == [("Agenda", "onerror="), (HOSTILE, "onerror=")]


@pytest.mark.client
def test_each_card_shows_a_thumbnail_of_its_title_slide(built: Path) -> None:
    require(find_chromium() is not None, "chromium")
    html = (built / "en" / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="">', html)
    assert len(pictures) == 2
    for data in pictures:
        with Image.open(io.BytesIO(base64.b64decode(data))) as picture:
            colours = picture.convert("RGB").getcolors(maxcolors=1 << 16) or []
        assert picture.size == (640, 360)
        assert len(colours) > 2 and max(colours)[1] != (255, 255, 255)  # a drawn slide, not a blank frame


@pytest.mark.parametrize("chosen", ["", "/nowhere/chromium"])
def test_no_thumbnails_without_chromium(chosen: str, built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHROMIUM_VARIABLE, chosen)
    assert find_chromium() is None
    assert thumbnails({"02-more": built / "en" / "02-more.html"}) == {}


@pytest.mark.client
def test_thumbnails_come_from_the_cache_while_the_deck_is_unchanged(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(find_chromium() is not None, "chromium")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    deck_html = tmp_path / "deck.html"
    deck_html.write_bytes((built / "en" / "01-start.html").read_bytes())
    made = thumbnails({"a": deck_html})
    assert list(made) == ["a"] and len(list((tmp_path / "cache" / "lecturedeck" / "thumbnails").glob("*.png"))) == 1
    monkeypatch.setenv(CHROMIUM_VARIABLE, "/bin/false")  # a browser that fails: only the cache can answer
    assert thumbnails({"b": deck_html}) == {"b": made["a"]}
    deck_html.write_bytes(deck_html.read_bytes() + b"\n")
    assert thumbnails({"b": deck_html}) == {}
