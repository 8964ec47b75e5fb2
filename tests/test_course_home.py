"""The course home (OUT/<course>/index.html): lecture cards and the offline search over every slide."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageStat

from lecturedeck.convert.chromium import CHROMIUM_VARIABLE
from lecturedeck.manifest import MANIFEST, manifest_json, read_manifest
from lecturedeck.render.course_home import script_json
from lecturedeck.render.deck_text import deck_text
from lecturedeck.themes import load_theme
from tests.conftest import deck, require_marp

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
    "02-more.yaml": f"title: Going further\nsubtitle: {json.dumps(HOSTILE)}\nobjectives: [{json.dumps(HOSTILE)}]\n"
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
    assert "搜索全部讲次" in zh and "3 页" in zh  # no agenda in a one-section lecture


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
    assert [(h["href"], h["mark"]) for h in hits] == [("01-intro.html#3", "鸭嘴兽")]
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
    expected = [("Going further", "onerror="), ("Agenda", "onerror="), (HOSTILE, "onerror=")]  # subtitle, too
    assert [(h["title"], h["mark"]) for h in hits] == expected


@pytest.mark.client
@pytest.mark.parametrize(("course", "stem"), [("en", "01-start"), ("en", "02-more"), ("zh", "01-intro")])
def test_each_card_draws_its_title_slide_as_the_deck_shows_it(built: Path, browser, course: str, stem: str) -> None:
    """The card's thumbnail, shown at the slide's own size, is the deck's first slide pixel for pixel (the
    hostile subtitle of 02-more included, as text)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((built / course / "index.html").as_uri())
    card = f'.card[data-stem="{stem}"] .thumb'
    page.add_style_tag(content=f"{card}{{position:fixed;left:0;top:0;width:1280px;border:0;margin:0;z-index:9}}")
    drawn = _picture(page.locator(f"{card} svg").screenshot())
    shown = page.locator(f"{card} p").all_inner_texts()
    page.goto((built / course / f"{stem}.html").as_uri() + "?view=next#1")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function("document.fonts.status === 'loaded'")
    deck_slide = _picture(page.screenshot())
    page.close()
    assert drawn.size == deck_slide.size == (1280, 720)
    difference = ImageStat.Stat(ImageChops.difference(drawn, deck_slide)).mean
    assert max(difference) < 1.0, difference  # 0 on this machine; a little room for anti-aliasing elsewhere
    assert len(drawn.getcolors(maxcolors=1 << 16) or []) > 2  # a drawn slide, not a blank frame
    assert shown[0] == {"01-start": "Getting started", "02-more": "Going further", "01-intro": "概述"}[stem]
    if stem == "02-more":
        assert shown[1] == HOSTILE


def _picture(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as picture:
        return picture.convert("RGB")


def test_thumbnails_are_drawn_without_a_browser_and_kept_for_unchanged_lectures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No Chromium at build time: every card has its drawn title slide; a rebuild of one lecture keeps the
    other's (from the manifest) and redraws the changed one."""
    require_marp()
    monkeypatch.setenv(CHROMIUM_VARIABLE, "")
    _write(tmp_path / "en", EN_COURSE)
    out = tmp_path / "out"
    code, _, err = deck("build", tmp_path / "en", "--to", "html", "--out", out)
    assert code == 0, err
    first = _thumbnails((out / "en" / "index.html").read_text(encoding="utf-8"))
    assert [title for title, _ in first] == ["Getting started", "Going further"]
    lecture = tmp_path / "en" / "01-start.yaml"
    lecture.write_text(lecture.read_text(encoding="utf-8").replace("Getting started", "Starting out"), "utf-8")
    code, out_text, err = deck("build", tmp_path / "en", "--to", "html", "--out", out)
    assert code == 0 and "1 rebuilt" in out_text, err
    again = _thumbnails((out / "en" / "index.html").read_text(encoding="utf-8"))
    assert [title for title, _ in again] == ["Starting out", "Going further"] and again[1] == first[1]


def _thumbnails(home: str) -> list[tuple[str, str]]:
    """Each card's thumbnail: (the text of its first paragraph, the whole markup)."""
    drawn = re.findall(r'<a class="thumb"[^>]*>(<svg .*?</svg>)</a>', home)
    return [(re.search(r"<p [^>]*>(.*?)</p>", svg).group(1), svg) for svg in drawn]  # type: ignore[union-attr]


def _search_index(home: str) -> dict[str, list[list[object]]]:
    """The home page's search index: each lecture's stem → its slides as [number, title, text, notes]."""
    found = re.search(r'<script type="application/json" id="search-index">(.*?)</script>', home, re.S)
    assert found is not None
    return {lecture["stem"]: lecture["slides"] for lecture in json.loads(found.group(1))["lectures"]}


def test_a_carried_lecture_is_searched_from_its_manifest_record_not_its_html(tmp_path: Path) -> None:
    """A lecture's search entries are read from its HTML once, when it is built, and kept in its manifest
    record: a rebuild of another lecture takes them from there (a marker put into the record, not the HTML,
    shows up), and the manifest reads back to the same text."""
    require_marp()
    _write(tmp_path / "en", EN_COURSE)
    out, folder = tmp_path / "out", tmp_path / "out" / "en"
    code, _, err = deck("build", tmp_path / "en", "--to", "html", "--out", out)
    assert code == 0, err
    manifest = read_manifest(folder)
    assert manifest is not None and manifest_json(manifest) == (folder / MANIFEST).read_text(encoding="utf-8")
    record = manifest.record("02-more")
    assert record is not None
    slides = deck_text((folder / "02-more.html").read_text(encoding="utf-8"))
    assert record.search == tuple((s.number, s.title, s.text, s.notes) for s in slides)
    assert _search_index((folder / "index.html").read_text(encoding="utf-8"))["02-more"] == [
        list(e) for e in record.search
    ]
    marked = tuple(
        (n, title, text, notes.replace("QUOKKAPHRASE", "MARKERPHRASE")) for n, title, text, notes in record.search
    )
    records = tuple(replace(r, search=marked) if r.stem == "02-more" else r for r in manifest.lectures)
    (folder / MANIFEST).write_text(manifest_json(replace(manifest, lectures=records)), encoding="utf-8")
    lecture = tmp_path / "en" / "01-start.yaml"
    lecture.write_text(lecture.read_text(encoding="utf-8").replace("Getting started", "Starting out"), "utf-8")
    code, printed, err = deck("build", tmp_path / "en", "--to", "html", "--out", out)
    assert code == 0 and "1 rebuilt" in printed, err
    search = _search_index((folder / "index.html").read_text(encoding="utf-8"))
    assert "MARKERPHRASE" in json.dumps(search["02-more"]) and "QUOKKAPHRASE" not in json.dumps(search["02-more"])
    assert search["01-start"][0][1] == "Starting out", "the rebuilt lecture is read from its new HTML"
    code, _, err = deck("build", tmp_path / "en", "--to", "html", "--out", out, "--force")
    assert code == 0, err
    assert "QUOKKAPHRASE" in json.dumps(_search_index((folder / "index.html").read_text(encoding="utf-8"))["02-more"])


def test_a_lecture_built_without_html_has_no_search_entries(tmp_path: Path) -> None:
    _write(tmp_path / "en", EN_COURSE)
    code, _, err = deck("build", tmp_path / "en", "--to", "md", "--out", tmp_path / "out")
    assert code == 0, err
    manifest = read_manifest(tmp_path / "out" / "en")
    assert manifest is not None and all(record.search == () for record in manifest.lectures)
