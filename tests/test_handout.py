"""Printable handouts (`--to handout`): pages of the deck's slides with their notes, printed by the real
Chromium, read back with poppler (pdftotext, pdfinfo) and pymupdf. One small en-US course
(tests/fixtures/handout): lecture 01 has notes short and absent, Chinese text, a quiz and a reveal slide;
lecture 02 has notes far too long for their box."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from lecturedeck.build import load_and_plan
from lecturedeck.convert.handout.options import HandoutOptions, Paper
from lecturedeck.convert.handout.page import handout_page
from lecturedeck.convert.handout.printing import print_handouts
from lecturedeck.convert.handout.slides import deck_markup
from lecturedeck.inline import plain_text
from lecturedeck.manifest import options_key
from lecturedeck.output.course_files import kept, lecture_file
from lecturedeck.plan.model import Deck
from tests.conftest import CHROMIUM, ROOT, deck, require, require_marp, require_tool, run_deck

COURSE = ROOT / "tests" / "fixtures" / "handout"
CHINESE = "讲义保留中文：一二三四五六七八九十，人工智能大模型的发展历史。"
ANSWER = "Answer: B. Its speaker notes"
LONG_CHINESE = "查询、键和值分别来自同一个输入的三次线性变换。大模型的训练分为预训练和微调两个阶段，"
EXPLANATION = "Notes go beside the slide; ruled lines take their place when there are none."
LETTER, A4 = (612, 792), (595, 842)  # points, rounded

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    (course,) = load_and_plan([COURSE])
    return {d.stem: d for d in course.decks}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The course's handouts as `deck build` makes them: the defaults (3 a page, Letter for en-US, no answers)
    beside the HTML, and one a page on A4 with the answers."""
    require_marp()
    require(Path(CHROMIUM).exists(), "chromium")
    folders = {}
    for name, options in {"default": ["--to", "html,handout"], "one": ["--to", "handout", *ONE]}.items():
        out = tmp_path_factory.mktemp(name)
        result = run_deck("build", COURSE, "--out", out, *options)
        assert result.returncode == 0, result.stderr
        folders[name] = out / "handout"
    return folders


ONE = ["--per-page", "1", "--answers", "--paper", "a4"]


@pytest.fixture(scope="module")
def six(built: dict[str, Path], decks: dict[str, Deck], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Six a page, printed from the default build's HTML decks."""
    html = built["default"]
    work = tmp_path_factory.mktemp("six")
    pdfs = print_handouts([(d, html / f"{d.stem}.html") for d in decks.values()], work, HandoutOptions(per_page=6))
    return {d.stem: pdf for d, pdf in zip(decks.values(), pdfs, strict=True)}


def handout(built: dict[str, Path], name: str, stem: str) -> Path:
    return built[name] / f"{stem}-handout.pdf"


def pdftotext(pdf: Path) -> str:
    """The text in the order the page draws it (a slide, then its notes), not in columns."""
    return subprocess.run(
        [require_tool("pdftotext"), "-raw", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout


def words(text: str) -> str:
    """The text without white space (pdftotext breaks lines where the page does)."""
    return re.sub(r"\s+", "", text)


def pdfinfo(pdf: Path) -> dict[str, str]:
    lines = subprocess.run([require_tool("pdfinfo"), pdf], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines.splitlines())}


def page_size(pdf: Path) -> tuple[int, int]:
    width, _, height = pdfinfo(pdf)["Page size"].split()[:3]
    return round(float(width)), round(float(height))


def test_pages_are_slides_per_page(built: dict[str, Path], six: dict[str, Path], decks: dict[str, Deck]) -> None:
    slides = len(decks["01-handout"].slides)
    for pdf, per_page in ((handout(built, "default", "01-handout"), 3), (handout(built, "one", "01-handout"), 1)):
        assert int(pdfinfo(pdf)["Pages"]) == math.ceil(slides / per_page), pdf
    assert int(pdfinfo(six["01-handout"])["Pages"]) == math.ceil(slides / 6)


def test_every_title_and_note_is_text(built: dict[str, Path], six: dict[str, Path], decks: dict[str, Deck]) -> None:
    lecture = decks["01-handout"]
    for pdf in (handout(built, "default", "01-handout"), handout(built, "one", "01-handout"), six["01-handout"]):
        text = words(pdftotext(pdf))
        for slide in lecture.slides:
            assert words(plain_text(slide.title)) in text, (pdf, slide.title)
            notes = slide.notes.removesuffix(f"\n{ANSWER}\n{EXPLANATION}")
            assert words(notes) in text, (pdf, notes)
        assert "Nothing at all" in pdftotext(pdf)  # a quiz prints with its choices
        assert words(lecture.footer) in text  # the header


def test_chinese_is_nfc(built: dict[str, Path]) -> None:
    text = pdftotext(handout(built, "default", "01-handout"))
    assert words(CHINESE) in words(text)
    assert not [c for c in text if 0x2F00 <= ord(c) <= 0x2FDF], "Kangxi radicals instead of ideographs"


def test_answers_only_when_asked(built: dict[str, Path], six: dict[str, Path]) -> None:
    for pdf in (handout(built, "default", "01-handout"), six["01-handout"]):
        text = words(pdftotext(pdf))
        assert words(ANSWER) not in text and words(EXPLANATION) not in text
    text = words(pdftotext(handout(built, "one", "01-handout")))
    assert words(ANSWER) in text and words(EXPLANATION) in text


def test_paper(built: dict[str, Path]) -> None:
    assert page_size(handout(built, "default", "01-handout")) == LETTER  # the course's lang is en-US
    assert page_size(handout(built, "one", "01-handout")) == A4


def test_page_numbers(built: dict[str, Path]) -> None:
    pages = pdftotext(handout(built, "default", "01-handout")).split("\f")
    for number, page in enumerate(pages[:3], start=1):
        assert re.search(rf"\b{number}\s*/\s*3\b", page), page[:200]


def test_nothing_outside_the_page(built: dict[str, Path], six: dict[str, Path]) -> None:
    import pymupdf

    for pdf in (*built["default"].glob("*-handout.pdf"), *built["one"].glob("*-handout.pdf"), *six.values()):
        with pymupdf.open(pdf) as document:
            for page in document:
                width, height = page.rect.width + 0.5, page.rect.height + 0.5
                for x0, y0, x1, y1, word, *_ in page.get_text("words"):
                    assert min(x0, y0) >= -0.5 and x1 <= width and y1 <= height, (pdf, page.number, word)


def test_long_notes_continue_and_say_where(built: dict[str, Path], six: dict[str, Path]) -> None:
    """Notes too long for their box are never cut: set smaller (one a page: they fit), else continued on an
    inserted page that the box names, Latin text at a space, Chinese never before a closing mark."""
    one = handout(built, "one", "02-long-notes")
    assert int(pdfinfo(one)["Pages"]) == 6
    assert "continued on page" not in pdftotext(one)
    for pdf, pages in ((handout(built, "default", "02-long-notes"), 2), (six["02-long-notes"], 1)):
        text = pdftotext(pdf)
        assert int(pdfinfo(pdf)["Pages"]) == pages + 1, pdf
        assert f"(continued on page {pages + 1})" in text
        for end in ("Long notes begin here.", "Neque porro quisquam", "The long notes end here."):
            assert words(end) in words(text), (pdf, end)
        continued = text.split("\f")[pages]
        assert "Slide 5 (cont.)" in continued and "Slide 6 (cont.)" in continued
        for line in continued.splitlines():
            assert line[:1] not in "，。、；：！？）」』》", line
        assert words(LONG_CHINESE) in words(text)


def test_options_are_checked() -> None:
    code, _, err = deck("build", COURSE, "--to", "handout", "--per-page", "5")
    assert code == 2 and "per-page" in err
    code, _, err = deck("build", COURSE, "--to", "handout", "--paper", "a5")
    assert code == 2 and "paper" in err


def test_course_home_links_the_handouts(built: dict[str, Path]) -> None:
    home = (built["default"] / "index.html").read_text(encoding="utf-8")
    assert 'href="01-handout-handout.pdf">HANDOUT</a>' in home


def test_handouts_in_incremental_builds() -> None:
    """Other handout options rebuild the handouts; a build of other formats keeps the previous ones."""
    key = options_key(["handout"], None, None, HandoutOptions())
    assert key != options_key(["handout"], None, None, HandoutOptions(per_page=6))
    assert key != options_key(["handout"], None, None, HandoutOptions(paper=Paper.A4))
    assert key != options_key(["handout"], None, None, HandoutOptions(answers=True))
    assert options_key(["html"], None, None, HandoutOptions()) == options_key(["html"], None)
    handout_file = lecture_file("01-intro", "handout")
    assert handout_file == "01-intro-handout.pdf"
    assert kept(handout_file, {"01-intro"}, {"html", "pdf"})
    assert not kept(handout_file, {"01-intro"}, {"handout"})
    assert not kept(handout_file, {"02-other"}, {"html"})  # the lecture left the course
    assert not kept("01-intro.pdf", {"01-intro"}, {"pdf", "handout"})


@pytest.mark.parametrize("per_page", [3, 6])
def test_no_notes_box_overflows(
    built: dict[str, Path], decks: dict[str, Deck], browser: Browser, tmp_path: Path, per_page: int
) -> None:
    """In the page Chromium prints, every notes box holds its text (none is cut by the box), and the page
    asks for nothing but its own files."""
    folder = built["default"]
    markup = deck_markup((folder / "02-long-notes.html").read_text(encoding="utf-8"))
    options = HandoutOptions(per_page=per_page)
    page_file = tmp_path / "handout.html"
    page_file.write_text(handout_page(decks["02-long-notes"], markup, options, folder.as_uri() + "/"), encoding="utf-8")
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(page_file.as_uri(), wait_until="load")
        boxes = page.evaluate(
            "[...document.querySelectorAll('.notes')].map(b => [b.scrollHeight - b.clientHeight, b.textContent])"
        )
    finally:
        page.close()
    assert boxes and all(over <= 1 for over, _ in boxes), [text[:60] for over, text in boxes if over > 1]
    assert all(url.startswith(("file:", "data:")) for url in asked), asked


def test_missing_chromium_is_said_before_any_work(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    require_marp()
    monkeypatch.setenv("LECTUREDECK_CHROMIUM", "")  # as if no Chromium were installed
    code, _, err = deck("build", COURSE, "--to", "handout", "--out", tmp_path / "out")
    assert code == 2 and "apt install chromium" in err
    assert not (tmp_path / "out").exists()
