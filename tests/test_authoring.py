"""Authoring that teaches: highlight ranges in code, notes on every generated slide, `deck new --lang/--title`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from typer.testing import CliRunner

from lecturedeck.build import PlannedCourse, load_and_plan
from lecturedeck.cli import app
from lecturedeck.errors import DeckError
from lecturedeck.kinds.code.lines import selected_lines
from lecturedeck.kinds.code.tokens import code_lines
from lecturedeck.plan import model as m
from lecturedeck.scaffold import SCAFFOLD_DIR, scaffold_course, scaffold_languages
from tests.conftest import require_marp, run_deck
from tests.courses import write_course
from tests.marp_html import normalise, read_deck


def plan(root: Path, lecture: str) -> PlannedCourse:
    (planned,) = load_and_plan([write_course(root / "course", {"01.yaml": lecture})])
    return planned


def code_lecture(highlight: str, lines: int = 8) -> str:
    listing = "".join(f"          x{i} = {i}\n" for i in range(1, lines + 1))
    return (
        "title: L\nsections:\n  - title: S\n    slides:\n      - kind: code\n        title: C\n"
        f"        language: python\n        highlight: {highlight}\n        code: |\n{listing}"
    )


def code_blocks(planned: PlannedCourse) -> list[m.CodeBlock]:
    return [b for s in planned.decks[0].slides for b in s.blocks if isinstance(b, m.CodeBlock)]


# --- highlight ranges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "lines"),
    [
        ("3", (3,)),
        ('"2-4"', (2, 3, 4)),
        ("2-4", (2, 3, 4)),
        ('"1,3-4"', (1, 3, 4)),
        ('[1, "6-8"]', (1, 6, 7, 8)),
        ("[5, 2-3, 3]", (2, 3, 5)),
        ("[7]", (7,)),
        ('"2 – 3"', (2, 3)),
        ("[]", ()),
    ],
)
def test_highlight_accepts_numbers_ranges_and_lists(tmp_path: Path, written: str, lines: tuple[int, ...]) -> None:
    (block,) = code_blocks(plan(tmp_path, code_lecture(written)))
    assert block.highlight == lines


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2-30", "'highlight': lines 2-30 go past the end of the listing, which has 8 lines: highlight lines 1 to 8"),
        ("[1, 9]", "'highlight': line 9 is past the end of the listing, which has 8 lines"),
        ("6-4", "'highlight': the range 6-4 runs backwards: write 4-6"),
        ("0", "'highlight': lines are numbered from 1"),
        ("[1, two]", "'highlight': 'two' is not a line number or a range"),
        ("{a: 1}", "'highlight': write a line number, a range or a list of both"),
        ("1-999999999999", "'highlight': lines 1-999999999999 go past the end of the listing"),
    ],
)
def test_bad_highlight_is_a_located_error(tmp_path: Path, written: str, message: str) -> None:
    with pytest.raises(DeckError) as caught:
        plan(tmp_path, code_lecture(written))
    assert str(caught.value).startswith(f"{tmp_path / 'course' / '01.yaml'}:8:20: {message}")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 5)), max_size=8), st.booleans(), st.booleans())
def test_highlight_names_exactly_the_lines_written(spans: list[tuple[int, int]], joined: bool, ints: bool) -> None:
    """Any mix of numbers and ranges, as list items or joined by commas → the sorted set of those lines."""
    pieces = [a if n == 0 and ints else f"{a}-{a + n}" if n else str(a) for a, n in spans]
    value = ",".join(map(str, pieces)) if joined and pieces else pieces
    expected = {line for a, n in spans for line in range(a, a + n + 1)}
    assert selected_lines(value, 45) == tuple(sorted(expected))


def test_highlighted_lines_stay_highlighted_on_the_continuation_they_land_on(tmp_path: Path) -> None:
    planned = plan(tmp_path, code_lecture('[2, "40-44", 59]', lines=60))
    parts = code_blocks(planned)
    assert len(parts) > 1, "the listing is long enough to be split"
    shown = [(line.number, line.highlighted) for part in parts for line in code_lines(part)]
    assert [n for n, _ in shown] == list(range(1, 61)), "every line once, numbered in the whole listing"
    assert [n for n, lit in shown if lit] == [2, 40, 41, 42, 43, 44, 59]


# --- notes on every generated slide -----------------------------------------------------------------------

NOTES_LECTURE = """\
title: Lecture
notes: Title notes.
objectives: [One]
agenda_notes: Agenda notes.
sections:
  - title: First
    notes: Divider notes --> with an arrow.
    slides:
      - {kind: bullets, title: B, items: [a], notes: Content notes.}
  - title: Second
    slides:
      - {kind: text, title: T, paragraphs: [p]}
summary: [Done]
summary_notes: Summary notes.
"""
EXPECTED_NOTES = [
    (m.SlideRole.TITLE, "Title notes."),
    (m.SlideRole.AGENDA, "Agenda notes."),
    (m.SlideRole.SECTION, "Divider notes --> with an arrow."),
    (m.SlideRole.CONTENT, "Content notes."),
    (m.SlideRole.SECTION, ""),
    (m.SlideRole.CONTENT, ""),
    (m.SlideRole.SUMMARY, "Summary notes."),
]


def test_every_generated_slide_can_carry_notes(tmp_path: Path) -> None:
    deck = plan(tmp_path, NOTES_LECTURE).decks[0]
    assert [(s.role, s.notes.strip()) for s in deck.slides] == EXPECTED_NOTES


def test_notes_of_generated_slides_reach_the_presenter_view_and_the_pptx(tmp_path: Path) -> None:
    require_marp()
    folder = write_course(tmp_path / "course", {"01.yaml": NOTES_LECTURE})
    result = run_deck("build", folder, "--out", tmp_path / "out", "--to", "html,pptx")
    assert result.returncode == 0, result.stderr
    slides, html_notes = read_deck((tmp_path / "out" / "course" / "01.html").read_text(encoding="utf-8"))
    assert len(slides) == len(EXPECTED_NOTES), "the arrow in the notes ends no comment and adds no slide"
    assert {i: normalise(n) for i, (_, n) in enumerate(EXPECTED_NOTES) if n} == {
        i: n.replace("\u200b", "")
        for i, n in html_notes.items()
        if n  # `-->` is kept apart by a zero-width space
    }
    prs = Presentation(io.BytesIO((tmp_path / "out" / "course" / "01.pptx").read_bytes()))
    pptx_notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in prs.slides]
    assert pptx_notes == [n for _, n in EXPECTED_NOTES]


def test_summary_notes_need_a_summary(tmp_path: Path) -> None:
    lecture = NOTES_LECTURE.replace("summary: [Done]\n", "")
    with pytest.raises(DeckError) as caught:
        plan(tmp_path, lecture)
    assert str(caught.value).startswith(
        f"{tmp_path / 'course' / '01.yaml'}:13:16: 'summary_notes': there is no summary slide to carry these notes"
    )


# --- deck new --lang / --title -----------------------------------------------------------------------------

COMMON_KINDS = {"bullets", "definition", "text", "quote", "columns", "table", "timeline", "image", "diagram", "code"}


def kinds_in(lecture: Path) -> list[str]:
    data = yaml.safe_load(lecture.read_text(encoding="utf-8"))
    return [slide["kind"] for section in data["sections"] for slide in section["slides"]]


def test_each_language_has_a_full_example_course() -> None:
    assert scaffold_languages() == ["en", "zh-CN"]
    lectures = {lang: SCAFFOLD_DIR / lang / "01-introduction.yaml" for lang in scaffold_languages()}
    assert COMMON_KINDS | {"math"} <= set(kinds_in(lectures["en"]))
    assert kinds_in(lectures["en"]) == kinds_in(lectures["zh-CN"]), "the two languages show the same slides"


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-cn"])
def test_scaffolded_course_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.chdir(tmp_path)
    title = 'C:\\path: "quoted" # not a comment'
    runner = CliRunner()
    created = runner.invoke(app, ["new", "intro", "--lang", lang, "--title", title])
    assert created.exit_code == 0, created.output
    checked = runner.invoke(app, ["check", "slides/intro"])
    assert checked.exit_code == 0, checked.output
    (planned,) = load_and_plan([tmp_path / "slides" / "intro"])
    assert planned.loaded.course.title == title
    assert planned.loaded.course.lang == lang.replace("cn", "CN")
    roles = {s.role for s in planned.decks[0].slides if s.notes.strip()}
    assert roles == set(m.SlideRole), "the example puts notes on every kind of slide"


def test_english_is_the_default_and_unknown_languages_write_nothing(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["new", str(tmp_path / "a")]).exit_code == 0
    assert yaml.safe_load((tmp_path / "a" / "course.yaml").read_text(encoding="utf-8"))["lang"] == "en"
    result = run_deck("new", tmp_path / "b", "--lang", "fr")
    assert result.returncode == 2
    assert result.stderr.strip() == "no example course in language 'fr': choose --lang en or zh-CN"
    assert not (tmp_path / "b").exists()


TRICKY = st.sampled_from(["C:\\path", '"', "'", ": ", " #", "\n", "\r\n", "-", "*", "&", "!", "%", "@", "`", "|", ">"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(TRICKY, st.text(min_size=1, max_size=6)), min_size=1, max_size=6).map("".join))
def test_any_title_loads_back_exactly(tmp_path_factory: pytest.TempPathFactory, title: str) -> None:
    target = tmp_path_factory.mktemp("new") / "course"
    scaffold_course(target, title, "en")
    assert yaml.safe_load((target / "course.yaml").read_text(encoding="utf-8"))["title"] == title


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [("line_numbers", "maybe", "'line_numbers' must be true or false"), ("code", "[a, b]", "'code' must be text")],
)
def test_errors_in_a_code_slide_point_at_their_own_key(tmp_path: Path, key: str, value: str, message: str) -> None:
    """The slide's `kind: code` tag is not mistaken for its `code:` key when locating an error."""
    lecture = code_lecture("1").replace("        language: python\n", f"        {key}: {value}\n")
    if key == "code":
        lecture = lecture[: lecture.index("        code: |")]
    with pytest.raises(DeckError) as caught:
        plan(tmp_path, lecture)
    assert str(caught.value) == f"{tmp_path / 'course' / '01.yaml'}:7:{11 + len(key)}: {message}"


def test_highlight_ranges_reach_both_outputs(tmp_path: Path) -> None:
    """`highlight: [1, "3-4"]`: those lines carry the highlight class in the markdown (and so the HTML) and a band
    in the PPTX, and no other line does."""
    folder = write_course(tmp_path / "course", {"01.yaml": code_lecture('[1, "3-4"]', lines=6)})
    out = tmp_path / "out"
    result = run_deck("build", folder, "--to", "md,pptx", "--out", out)
    assert result.returncode == 0, result.stderr
    markdown = (out / "course" / "01.md").read_text(encoding="utf-8")
    lines = markdown.split('<span class="line')[1:]
    assert [n + 1 for n, line in enumerate(lines) if line.startswith(" hl")] == [1, 3, 4]
    deck = Presentation(str(out / "course" / "01.pptx"))
    bands = [s.name for slide in deck.slides for s in slide.shapes if s.name.startswith("Highlight line")]
    assert bands == ["Highlight line 1", "Highlight line 3", "Highlight line 4"]


def has_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def test_english_scaffold_builds_with_english_labels_and_no_chinese(tmp_path: Path) -> None:
    assert run_deck("new", tmp_path / "intro", "--lang", "en").returncode == 0
    out = tmp_path / "out"
    result = run_deck("build", tmp_path / "intro", "--to", "md,pptx", "--out", out)
    assert result.returncode == 0, result.stderr
    (markdown,) = (out / "intro").glob("*.md")
    (pptx,) = (out / "intro").glob("*.pptx")
    text = markdown.read_text(encoding="utf-8")
    deck = Presentation(str(pptx))
    shown = [
        *(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame),
        *(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide),
    ]
    assert not has_cjk(text), [line for line in text.splitlines() if has_cjk(line)][:3]
    assert not any(has_cjk(t) for t in shown), [t for t in shown if has_cjk(t)][:3]
    assert "Agenda" in shown and "Summary" in shown
    assert 'lang: "en"' in text
