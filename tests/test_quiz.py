"""`kind: quiz`: schema errors at their file:line:col, the answer in the notes, native PPTX shapes with one
on-click animation (LibreOffice still prints every piece), and the HTML choices as buttons driven by our own
script (Chromium: hidden explanation until the right choice, wrong choices marked, keyboard, presenter
view, hostile text stays text)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.oxml.ns import qn

from lecturedeck.build import load_and_plan
from lecturedeck.convert.quiz_script import with_quiz_script
from tests.conftest import deck, require_marp, require_tool
from tests.courses import write_course

HOSTILE = "<script>window.pwned=1</script> <img src=x onerror=window.pwned=2> --> {{ x }} **bold** `c` &amp;"
LECTURE = f"""title: Checking understanding
sections:
  - title: Quiz
    slides:
      - kind: quiz
        title: Check yourself
        question: "Which of these is a **loss** function?"
        choices:
          - Adam
          - {{text: Cross-entropy, correct: true}}
          - ReLU
          - Dropout
        explanation: Cross-entropy compares predicted probabilities with the labels.
        notes: Give them a minute.
      - kind: quiz
        title: Hostile
        question: '{HOSTILE}'
        choices:
          - '{HOSTILE}'
          - {{text: '<b>right</b> -->', correct: true}}
        explanation: '{HOSTILE}'
      - kind: quiz
        title: Two right
        question: Which are optimisers?
        choices: [{{text: Adam, correct: true}}, ReLU, {{text: SGD, correct: true}}]
        explanation: Adam and SGD both update the weights.
      - kind: bullets
        title: After the quiz
        items: [Next topic]
"""
QUIZ, HOSTILE_QUIZ, TWO_RIGHT, AFTER = 3, 4, 5, 6  # slide numbers (title, section divider first: no agenda)


def course(tmp: Path, lecture: str = LECTURE, lang: str = "en") -> Path:
    return write_course(tmp / "c", {"01-q.yaml": lecture}, title="Quiz course", lang=lang)


def one_quiz(choices: str, extra: str = "") -> str:
    return f"""title: L
sections:
  - title: S
    slides:
      - kind: quiz
        title: Q
        question: Which?
        choices: {choices}
{extra}"""


@pytest.mark.parametrize(
    ("choices", "line", "col", "message"),
    [
        ("[a, b, c]", 8, 18, "no choice is correct: mark the right one(s) with `correct: true`"),
        (
            "[{text: a, correct: true}]",
            8,
            18,
            "a quiz has 2 to 8 choices (lettered A to H), this one has 1: add another choice",
        ),
        (
            "[{text: a, correct: true}, b, c, d, e, f, g, h, i]",
            8,
            18,
            "this one has 9: keep the best ones, or split it into two quizzes",
        ),
        ("[{text: a, correct: yes please}, b]", 8, 38, "correct"),
        ("[{txt: a, correct: true}, b]", 8, 20, "unknown key 'txt'"),
    ],
)
def test_schema_errors_are_located(tmp_path: Path, choices: str, line: int, col: int, message: str) -> None:
    folder = course(tmp_path, one_quiz(choices))
    code, _, err = deck("check", folder)
    assert code == 2
    assert f"01-q.yaml:{line}:{col}:" in err and message in err, err


def test_a_quiz_too_long_for_one_slide_is_an_error_saying_what_to_shorten(tmp_path: Path) -> None:
    long = " ".join(["a long choice that keeps going"] * 8)
    choices = "[" + ", ".join([f"{{text: '{long}', correct: true}}"] + [f"'{long}'"] * 7) + "]"
    folder = course(tmp_path, one_quiz(choices))
    code, _, err = deck("check", folder)
    assert code == 2
    assert "01-q.yaml:5:9: the quiz (question, 8 choices) does not fit one slide" in err, err
    assert "shorten the question, the choices or the explanation" in err


def test_eight_short_choices_fit_and_the_answer_goes_into_the_notes(tmp_path: Path) -> None:
    choices = "[one, {text: two, correct: true}, three, four, five, six, seven, {text: eight, correct: true}]"
    (planned,) = load_and_plan([course(tmp_path, one_quiz(choices, "        explanation: Even ones.\n"))])
    (quiz,) = [s for s in planned.decks[0].slides if s.kind == "quiz"]
    assert quiz.notes == "Answer: B. two; H. eight\nEven ones."


def test_chinese_course_notes_say_the_answer_in_chinese(tmp_path: Path) -> None:
    folder = course(tmp_path, one_quiz("[甲, {text: 乙, correct: true}]", "        explanation: 因为乙。\n"), "zh-CN")
    (planned,) = load_and_plan([folder])
    (quiz,) = [s for s in planned.decks[0].slides if s.kind == "quiz"]
    assert quiz.notes == "答案：B. 乙\n因为乙。"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quiz course built with every format, once."""
    require_marp()
    tmp = tmp_path_factory.mktemp("quiz")
    code, _, err = deck("build", course(tmp), "--out", tmp / "out")
    assert code == 0, err
    return tmp / "out" / "c"


def test_pptx_has_native_shapes_one_click_and_the_answer_in_the_notes(built: Path) -> None:
    slide = Presentation(str(built / "01-q.pptx")).slides[QUIZ - 1]
    names = [shape.name for shape in slide.shapes]
    for letter in "ABCD":
        assert f"Choice {letter} letter" in names and f"Choice {letter} text" in names
    assert "Choice B right" in names and "Choice A wrong" in names and "Question" in names
    texts = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
    assert texts["Choice B text"] == "Cross-entropy" and texts["Choice B letter"] == "B"
    revealed = {s.shape_id for s in slide.shapes if s.name in ("Choice B mark", "Explanation panel", "Explanation")}
    timing = slide._element.find(qn("p:timing"))
    assert timing is not None
    clicks = [c for c in timing.iter(qn("p:cTn")) if c.get("nodeType") == "clickEffect"]
    assert len(clicks) == 1 and all(c.get("presetClass") == "entr" for c in clicks)
    targets = {int(t.get("spid")) for t in timing.iter(qn("p:spTgt"))}
    assert targets == revealed and len(revealed) == 3
    assert {int(b.get("spid")) for b in timing.iter(qn("p:bldP"))} == revealed
    notes = slide.notes_slide.notes_text_frame.text
    assert "Give them a minute." in notes and "Answer: B. Cross-entropy" in notes
    assert "Cross-entropy compares predicted probabilities with the labels." in notes
    plain = Presentation(str(built / "01-q.pptx")).slides[AFTER - 1]
    assert plain._element.find(qn("p:timing")) is None


def asked(pptx: Path) -> dict[str, str]:
    """Each quiz slide's title → the text of its question, as the PPTX shows it."""
    shapes = [
        {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame} for slide in Presentation(pptx).slides
    ]
    return {texts["Title 1"]: texts["Question"] for texts in shapes if "Question" in texts}


def test_a_quiz_with_several_right_choices_says_to_choose_all_that_apply(built: Path) -> None:
    questions = asked(built / "01-q.pptx")
    assert questions["Check yourself"] == "Which of these is a loss function?"
    assert questions["Two right"] == "Which are optimisers? (choose all that apply)"
    pages = (built / "01-q.html").read_text(encoding="utf-8").split("<section ")
    assert [p for p in pages if "(choose all that apply)" in p] == [p for p in pages if 'id="two-right"' in p]
    assert (built / "01-q.md").read_text(encoding="utf-8").count("(choose all that apply") == 1


@pytest.mark.parametrize(("lang", "hint"), [("en", "Which? (choose all that apply)"), ("zh-CN", "Which?（可多选）")])
def test_the_hint_is_in_the_course_language_and_comes_off_on_import(tmp_path: Path, lang: str, hint: str) -> None:
    folder = course(tmp_path, one_quiz("[{text: a, correct: true}, b, {text: c, correct: true}]"), lang)
    code, _, err = deck("build", folder, "--to", "md,pptx", "--out", tmp_path / "out")
    assert code == 0, err
    assert asked(tmp_path / "out" / "c" / "01-q.pptx") == {"Q": hint}
    code, _, err = deck("import", tmp_path / "out" / "c" / "01-q.md", "--course", tmp_path / "back")
    assert code == 0, err
    outline = yaml.safe_load((tmp_path / "back" / "01-q.yaml").read_text(encoding="utf-8"))
    (quiz,) = [s for section in outline["sections"] for s in section["slides"] if s["kind"] == "quiz"]
    assert quiz["question"] == "Which?", "the words the layout adds are no part of the outline"


@pytest.mark.client
def test_libreoffice_prints_every_piece_of_the_quiz(built: Path, tmp_path: Path) -> None:
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(built / "01-q.pptx")],
        env={**os.environ, "HOME": str(tmp_path)}, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = subprocess.run(
        [pdftotext, "-f", str(QUIZ), "-l", str(QUIZ), str(tmp_path / "01-q.pdf"), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    text = " ".join(pages.split())
    for piece in ("Which of these is a loss function?", "Adam", "Cross-entropy", "Dropout", "with the labels."):
        assert piece in text, text


def test_the_script_is_added_only_to_pages_with_a_quiz(built: Path) -> None:
    assert with_quiz_script("<html><body><p>kind-quiz</p></body></html>").count("<script") == 0
    html = (built / "01-q.html").read_text(encoding="utf-8")
    assert html.count('<script data-lecturedeck="quiz">') == 1
    assert with_quiz_script(html).count('<script data-lecturedeck="quiz">') == 2  # the page check, not idempotence


VISIBLE = "e => getComputedStyle(e).visibility"


def _open(browser: object, page_url: str) -> object:
    page = browser.new_page(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
    page.goto(page_url)
    page.wait_for_timeout(300)
    return page


@pytest.mark.client
def test_explanation_hidden_until_the_right_choice_and_wrong_choices_marked(built: Path, browser: object) -> None:
    page = _open(browser, f"{(built / '01-q.html').as_uri()}#{QUIZ}")
    q = f"section[id='{QUIZ}']"
    explanation, mark = page.locator(f"{q} .explanation"), page.locator(f"{q} .choice-b-mark")
    assert explanation.evaluate(VISIBLE) == "hidden" and mark.evaluate(VISIBLE) == "hidden"
    page.click(f"{q} .choice-a-wrong")
    wrong = page.locator(f"{q} .choice-a-wrong")
    assert "quiz-wrong" in wrong.get_attribute("class") and wrong.get_attribute("aria-pressed") == "true"
    assert float(wrong.evaluate("e => getComputedStyle(e).opacity")) < 1
    assert explanation.evaluate(VISIBLE) == "hidden"
    page.click(f"{q} .choice-b-right")
    assert explanation.evaluate(VISIBLE) == "visible" and mark.evaluate(VISIBLE) == "visible"
    assert page.evaluate("location.hash") == f"#{QUIZ}"  # a click answers, it does not turn the page
    page.close()


@pytest.mark.client
def test_with_several_right_choices_the_explanation_waits_for_all_of_them(built: Path, browser: object) -> None:
    page = _open(browser, f"{(built / '01-q.html').as_uri()}#{TWO_RIGHT}")
    q = f"section[id='{TWO_RIGHT}']"
    explanation = page.locator(f"{q} .explanation")
    page.click(f"{q} .choice-a-right")
    assert page.locator(f"{q} .choice-a-mark").evaluate(VISIBLE) == "visible"
    assert page.locator(f"{q} .choice-c-mark").evaluate(VISIBLE) == "hidden"
    assert explanation.evaluate(VISIBLE) == "hidden"
    page.click(f"{q} .choice-c-right")
    assert explanation.evaluate(VISIBLE) == "visible"
    page.close()


@pytest.mark.client
def test_choices_work_from_the_keyboard_without_taking_the_decks_keys(built: Path, browser: object) -> None:
    page = _open(browser, f"{(built / '01-q.html').as_uri()}#{QUIZ}")
    q = f"section[id='{QUIZ}']"
    choice = page.locator(f"{q} .choice-c-wrong")
    assert choice.get_attribute("role") == "button" and choice.get_attribute("tabindex") == "0"
    assert choice.get_attribute("aria-label") == "C. ReLU"
    page.keyboard.press("Tab")  # Tab reaches the choices of the slide on screen only
    assert page.evaluate("[document.activeElement.closest('section').id, document.activeElement.dataset.quiz]") == [
        str(QUIZ),
        "wrong",
    ]
    choice.focus()
    page.keyboard.press("Enter")
    page.keyboard.press(" ")
    assert "quiz-wrong" in choice.get_attribute("class")
    assert page.evaluate("location.hash") == f"#{QUIZ}"  # Space on a focused choice did not turn the page
    page.keyboard.press("e")
    assert page.locator(f"{q} .explanation").evaluate(VISIBLE) == "visible"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert page.evaluate("location.hash") == f"#{HOSTILE_QUIZ}"  # nothing focused: the deck's keys as always
    assert page.locator(f"section[id='{HOSTILE_QUIZ}'] .explanation").evaluate(VISIBLE) == "hidden"
    page.close()


@pytest.mark.client
def test_choices_work_in_the_presenter_view(built: Path, browser: object) -> None:
    page = _open(browser, f"{(built / '01-q.html').as_uri()}?view=presenter#{QUIZ}")
    q = f"section[id='{QUIZ}']"
    assert page.locator(f"{q} .explanation").evaluate(VISIBLE) == "hidden"
    page.click(f"{q} .choice-b-right")
    assert page.locator(f"{q} .explanation").evaluate(VISIBLE) == "visible"
    page.close()


@pytest.mark.client
def test_an_answer_in_the_presenter_view_shows_in_the_audience_window(built: Path, browser: object) -> None:
    """The presenter view is a second window of the deck: what is answered there shows on the projector too."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
    url = (built / "01-q.html").as_uri()
    audience, presenter = context.new_page(), context.new_page()
    audience.goto(f"{url}#{QUIZ}")
    presenter.goto(f"{url}?view=presenter#{QUIZ}")
    presenter.wait_for_timeout(300)
    q = f"section[id='{QUIZ}']"
    presenter.click(f"{q} .choice-a-wrong")
    presenter.click(f"{q} .choice-b-right")
    audience.wait_for_function(f"document.querySelector(\"{q} .choice-a-wrong\").classList.contains('quiz-wrong')")
    assert audience.locator(f"{q} .explanation").evaluate(VISIBLE) == "visible"
    assert "quiz-right" not in (audience.locator(f"{q} .choice-c-wrong").get_attribute("class") or "")
    context.close()


@pytest.mark.client
def test_hostile_text_in_a_quiz_stays_text(built: Path, browser: object) -> None:
    page = _open(browser, f"{(built / '01-q.html').as_uri()}#{HOSTILE_QUIZ}")
    q = f"section[id='{HOSTILE_QUIZ}']"
    shown = HOSTILE.replace("**bold**", "bold").replace("`c`", "c")
    page.click(f"{q} .choice-a-wrong")
    page.click(f"{q} .choice-b-right")  # the explanation shows
    for piece in (".question", ".choice-a-text", ".explanation"):
        assert " ".join(page.locator(f"{q} {piece}").inner_text().split()) == shown
    assert page.locator(f"{q} .choice-b-text").inner_text().strip() == "<b>right</b> -->"
    assert page.locator(f"{q} img, {q} script, {q} b").count() == 0
    assert page.locator("script").count() == page.locator("script:not([src])").count()
    assert page.evaluate("window.pwned") is None
    assert page.locator(f"{q} .choice-a-wrong").get_attribute("aria-label") == "A. " + shown
    page.close()
