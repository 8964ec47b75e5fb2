"""The live classroom's pages on a real `deck present` subprocess, in the system Chromium: a presenter page and
three students (separate browser contexts, so separate device cookies). The students answer, the bars on the
presenter's slide count each device once (a changed answer moves, it does not add), closing and revealing reach
the phones (right/wrong and the explanation), the audience page follows the slides, polls take several choices,
outline text stays text on the phones, and the join slide and overlay show the QR code, link and room code."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image

from tests.conftest import require, require_marp
from tests.present_course import printed_until_join

HOSTILE = "<img src=x onerror=window.pwned=1>"
COURSE = "title: Live pages\nlang: en\nlectures: [01-live.yaml]\n"
LECTURE = f"""title: Checking understanding
sections:
  - title: Questions
    slides:
      - kind: join
        title: Join in
        text: Answer from your phone.
      - kind: quiz
        title: Check yourself
        question: "Which of these is a **loss** function?"
        choices:
          - Adam
          - {{text: Cross-entropy, correct: true}}
          - ReLU
        explanation: Cross-entropy compares predicted probabilities with the labels.
      - kind: poll
        title: Editors
        question: '{HOSTILE} Which editors do you use?'
        multiple: true
        choices: [VS Code, Vim, '{HOSTILE}']
      - kind: bullets
        title: After the questions
        items: [Next topic]
"""
JOIN, QUIZ, POLL = 3, 4, 5  # slide numbers: title and section divider first (one section: no agenda)
WAIT = 10_000  # ms: the longest any page may take to show what the server says (it takes far less)


@dataclass
class Room:
    presenter: str
    join: str


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    """`deck present` on a free port, as a lecturer starts it."""
    require_marp()
    tmp = tmp_path_factory.mktemp("pages")
    (tmp / "c").mkdir()
    (tmp / "c" / "course.yaml").write_text(COURSE, encoding="utf-8")
    (tmp / "c" / "01-live.yaml").write_text(LECTURE, encoding="utf-8")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "lecturedeck", "present", tmp / "c", "01", "--port", "0", "--out", tmp / "out"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    try:
        printed = printed_until_join(server)
        links = {found[1]: found[2] for line in printed if (found := re.match(r"(Presenter|Join): (\S+)", line))}
        assert len(links) == 2, f"deck present printed no links: {printed}"
        yield Room(links["Presenter"], links["Join"])
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def pages(room: Room, browser: object) -> Iterator[tuple[object, list[object]]]:
    """The presenter's page on the join slide (1280 × 720) and three phones (390 × 844) on the join link."""
    presenter_context = browser.new_context(viewport={"width": 1280, "height": 720})
    presenter = presenter_context.new_page()
    presenter.goto(f"{room.presenter}#{JOIN}")
    presenter.wait_for_selector(f"section[id='{QUIZ}'] .ld-live", state="attached", timeout=WAIT)
    contexts = [
        browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) for _ in range(3)
    ]
    phones = [context.new_page() for context in contexts]
    for phone in phones:
        phone.goto(room.join)
    yield presenter, phones
    for context in (presenter_context, *contexts):
        context.close()


def count(slide: int, letter: str) -> str:
    """The count drawn into a choice's box (the only piece of the choice with an .ld-count)."""
    return f"section[id='{slide}'] [class*='choice-{letter}-'] > .ld-count"


def decoded(png: bytes) -> str:
    """The text of the one QR code in a screenshot, read by a real decoder (zxing-cpp)."""
    require(importlib.util.find_spec("zxingcpp") is not None, "zxing-cpp (pip install -e '.[dev]')")
    import zxingcpp

    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return str(code.text)


def wait_text(page: object, selector: str, text: str) -> None:
    page.wait_for_function(
        "([s, t]) => { const e = document.querySelector(s); return e && e.textContent.includes(t); }",
        arg=[selector, text],
        timeout=WAIT,
    )


def test_the_phones_show_the_question_when_the_lecturer_reaches_it(pages: tuple[object, list[object]]) -> None:
    presenter, phones = pages
    for phone in phones:
        phone.wait_for_selector("#link[data-state=live]", timeout=WAIT)  # following the lecture's events
        assert phone.locator("#waiting").is_visible() and phone.locator("#question").is_hidden()
    presenter.keyboard.press("ArrowRight")
    presenter.wait_for_function(f"location.hash === '#{QUIZ}'", timeout=WAIT)
    for phone in phones:  # coming up: read-only until the lecturer opens it
        wait_text(phone, "#question-text", "Which of these is a loss function?")
        assert phone.locator("#status").inner_text() == "Coming up"
        assert "when your lecturer opens the question" in phone.locator("#hint").inner_text()
        assert phone.locator("button.choice").count() == 3
        assert phone.locator("button.choice:disabled").count() == 3
    presenter.keyboard.press("o")
    for phone in phones:
        wait_text(phone, "#status", "Open")
        assert phone.locator("button.choice:enabled").count() == 3


def test_students_answer_and_the_chart_counts_each_device_once(pages: tuple[object, list[object]]) -> None:
    presenter, phones = pages
    for phone, letter in zip(phones, "ABB", strict=True):
        phone.click(f"button.choice[data-id={letter}]")
        wait_text(phone, "#note", "Answer saved")
    phones[0].click("button.choice[data-id=B]")  # a changed answer
    assert phones[0].locator("button.choice[data-id=B]").get_attribute("aria-pressed") == "true"
    wait_text(presenter, count(QUIZ, "b"), "3 · 100%")
    assert presenter.locator(count(QUIZ, "a")).inner_text() == "0"
    assert presenter.locator(f"section[id='{QUIZ}'] .ld-figures").inner_text() == "3 answers"
    width = presenter.locator(f"section[id='{QUIZ}'] .choice-b-right .ld-bar").evaluate("e => e.style.width")
    assert width == "100%"


def test_closing_and_revealing_reach_the_phones(pages: tuple[object, list[object]]) -> None:
    presenter, phones = pages
    presenter.keyboard.press("c")
    for phone in phones:
        wait_text(phone, "#status", "Closed")
        assert phone.locator("button.choice[data-id=A]").is_disabled()
    presenter.click(f"section[id='{QUIZ}'] .ld-reveal")  # the button on the slide
    for phone in phones:
        wait_text(phone, "#explanation", "Cross-entropy compares predicted probabilities with the labels.")
        assert phone.locator("#verdict").inner_text() == "Right!"
        assert "right" in phone.locator("button.choice[data-id=B]").get_attribute("class")
    wait_text(presenter, f"section[id='{QUIZ}'] .ld-figures", "3 answers · 100% correct")
    explanation = presenter.locator(f"section[id='{QUIZ}'] .explanation")
    assert explanation.evaluate("e => getComputedStyle(e).visibility") == "visible"


def test_polls_take_several_choices_and_keep_outline_text_as_text(pages: tuple[object, list[object]]) -> None:
    presenter, phones = pages
    presenter.keyboard.press("ArrowRight")
    presenter.wait_for_function(f"location.hash === '#{POLL}'", timeout=WAIT)
    presenter.keyboard.press("o")
    phone = phones[0]
    wait_text(phone, "#kind", "Poll")
    assert phone.locator("#question-text").inner_text() == f"{HOSTILE} Which editors do you use?"
    assert phone.locator("button.choice[data-id=C] .text").inner_text() == HOSTILE
    assert phone.locator("#question img, #choices img").count() == 0
    for letter in "AC":
        phone.click(f"button.choice[data-id={letter}]")
    phone.click("#send")
    wait_text(phone, "#note", "Answer saved")
    wait_text(presenter, count(POLL, "c"), "1 · 100%")
    assert presenter.locator(count(POLL, "a")).inner_text() == "1 · 100%"
    assert presenter.locator(count(POLL, "b")).inner_text() == "0"
    presenter.keyboard.press("h")  # the counts hidden, e.g. until everyone has answered
    assert presenter.locator(count(POLL, "a")).is_hidden()
    presenter.keyboard.press("h")
    assert presenter.locator(count(POLL, "a")).is_visible()
    assert phone.evaluate("window.pwned") is None


def test_the_phones_follow_the_slides(pages: tuple[object, list[object]]) -> None:
    presenter, phones = pages
    presenter.keyboard.press("c")
    wait_text(phones[1], "#status", "Closed")  # still on the poll's slide: the closed poll stays
    presenter.keyboard.press("ArrowRight")
    phones[1].wait_for_selector("#question", state="hidden", timeout=WAIT)
    assert phones[1].locator("#waiting").inner_text().startswith("Waiting for the next question")


def test_the_join_overlay_shows_the_qr_code_link_and_room(room: Room, pages: tuple[object, list[object]]) -> None:
    presenter, _ = pages
    presenter.keyboard.press("j")
    overlay = presenter.locator(".ld-overlay")
    assert overlay.is_visible()
    code = room.join.rsplit("/", 1)[1]
    assert overlay.locator(".ld-room b").inner_text() == code
    assert overlay.locator(".ld-url").inner_text() == room.join.removeprefix("http://")
    assert decoded(overlay.locator("img.ld-qr").screenshot()) == room.join
    presenter.keyboard.press("Escape")
    assert overlay.is_hidden()


def test_the_join_slide_shows_the_qr_code_link_and_room(room: Room, pages: tuple[object, list[object]]) -> None:
    presenter, _ = pages
    join = f"section[id='{JOIN}']"
    presenter.goto(f"{presenter.url.split('#')[0]}#{JOIN}")
    presenter.wait_for_selector(f"{join} .join-code img", timeout=WAIT)
    assert decoded(presenter.screenshot()) == room.join  # the whole slide, as a phone camera sees it
    assert presenter.locator(f"{join} .join-room").text_content().strip() == room.join.rsplit("/", 1)[1]
    assert presenter.locator(f"{join} .join-link").text_content().strip() == room.join.removeprefix("http://")
    assert presenter.locator(f"{join} .join-code-hint").evaluate("e => getComputedStyle(e).visibility") == "hidden"
