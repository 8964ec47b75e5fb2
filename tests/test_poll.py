"""`kind: poll`: schema errors at their file:line:col, the quiz's lettered layout without a right answer (no
marks, no explanation, no animation in the PPTX, no script in the HTML), and hostile text staying text."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from lecturedeck.build import load_and_plan
from lecturedeck.plan.model import PollBlock
from tests.conftest import deck, require_marp
from tests.courses import write_course

HOSTILE = "<img src=x onerror=window.pwned=1> --> {{ x }}"


def poll(choices: str, extra: str = "") -> str:
    return f"""title: L
sections:
  - title: S
    slides:
      - kind: poll
        title: Your view
        question: Which do you use?
        choices: {choices}
{extra}"""


def course(tmp: Path, lecture: str, lang: str = "en") -> Path:
    return write_course(tmp / "c", {"01-p.yaml": lecture}, title="Poll course", lang=lang)


@pytest.mark.parametrize(
    ("choices", "extra", "line", "col", "message"),
    [
        ("[a]", "", 8, 18, "a poll has 2 to 8 choices (lettered A to H), this one has 1: add another choice"),
        ("[a, b, c, d, e, f, g, h, i]", "", 8, 18, "this one has 9: keep the best ones, or split it into two polls"),
        ("[a, {text: b, correct: true}]", "", 8, 18, "a poll has no right answer: write its choices as plain text"),
        ("[a, b]", "        multiple: sometimes\n", 9, 19, "multiple"),
        ("[a, b]", "        explanation: why\n", 9, 9, "unknown key 'explanation'"),
    ],
)
def test_schema_errors_are_located(tmp_path: Path, choices: str, extra: str, line: int, col: int, message: str) -> None:
    code, _, err = deck("check", course(tmp_path, poll(choices, extra)))
    assert code == 2
    assert f"01-p.yaml:{line}:{col}:" in err and message in err, err


def test_a_poll_too_long_for_one_slide_is_an_error_saying_what_to_shorten(tmp_path: Path) -> None:
    long = " ".join(["a long option that keeps going"] * 8)
    code, _, err = deck("check", course(tmp_path, poll("[" + ", ".join([f"'{long}'"] * 8) + "]")))
    assert code == 2
    assert "01-p.yaml:5:9: the poll (question, 8 choices) does not fit one slide" in err, err
    assert "shorten the question or the choices" in err


def test_a_poll_plans_into_its_block_with_the_notes_as_written(tmp_path: Path) -> None:
    lecture = poll("['**Vim**', Emacs]", "        multiple: true\n        notes: Count hands first.\n")
    (planned,) = load_and_plan([course(tmp_path, lecture)])
    (slide,) = [s for s in planned.decks[0].slides if s.kind == "poll"]
    (block,) = slide.blocks
    assert isinstance(block, PollBlock) and block.multiple and len(block.choices) == 2
    assert slide.notes == "Count hands first."


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_marp()
    tmp = tmp_path_factory.mktemp("poll")
    lecture = poll(f"[Python, '{HOSTILE}', Rust]").replace("Which do you use?", f"'{HOSTILE}'")
    code, _, err = deck("build", course(tmp, lecture), "--out", tmp / "out")
    assert code == 0, err
    return tmp / "out" / "c"


POLL = 3  # title, section divider, the poll (a one-section lecture has no agenda)


def test_pptx_has_the_lettered_boxes_and_nothing_revealed_on_click(built: Path) -> None:
    slide = Presentation(str(built / "01-p.pptx")).slides[POLL - 1]
    texts = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
    assert texts["Question"] == HOSTILE and texts["Choice B text"] == HOSTILE
    assert [texts[f"Choice {x} letter"] for x in "ABC"] == ["A", "B", "C"]
    names = {s.name for s in slide.shapes}
    assert {"Choice A box", "Choice B box", "Choice C box"} <= names
    assert not any(n.endswith((" mark", " right", " wrong")) or n.startswith("Explanation") for n in names)
    assert slide._element.find(qn("p:timing")) is None


def test_html_shows_the_choices_as_text_without_a_script(built: Path) -> None:
    html = (built / "01-p.html").read_text(encoding="utf-8")
    assert 'class="g' in html and "choice-b-box" in html and "choice-c-text" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=window.pwned=1&gt;" in html
    assert 'data-lecturedeck="quiz"' not in html


@pytest.mark.parametrize(("lang", "hint"), [("en", "use? (choose all that apply)"), ("zh-CN", "use?（可多选）")])
def test_a_poll_with_several_answers_says_so_after_its_question(tmp_path: Path, lang: str, hint: str) -> None:
    folder = course(tmp_path, poll("[Vim, Emacs]", "        multiple: true\n"), lang)
    code, _, err = deck("build", folder, "--to", "pptx", "--out", tmp_path / "out")
    assert code == 0, err
    slide = Presentation(str(tmp_path / "out" / "c" / "01-p.pptx")).slides[POLL - 1]
    question = next(s.text_frame.text for s in slide.shapes if s.name == "Question")
    assert question.endswith(hint) and question.count(hint) == 1
