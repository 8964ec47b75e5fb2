"""Bad input: one located line per problem, exit code 2, no traceback, no output written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_deck
from tests.courses import write_course

GOOD_LECTURE = """\
title: 第一讲
sections:
  - title: 开始
    slides:
      - kind: bullets
        title: 要点
        items: [一, 二]
"""


def make_course(root: Path, course: str, lectures: dict[str, str | bytes]) -> Path:
    texts = {name: text if isinstance(text, bytes) else textwrap.dedent(text) for name, text in lectures.items()}
    return write_course(root / "course", texts, course=textwrap.dedent(course))


COURSE = "title: 课程\nlectures: [01.yaml]\n"

CASES = {
    "malformed yaml": (
        COURSE,
        {"01.yaml": "title: x\nsections:\n  - title: [unclosed\n"},
        "01.yaml:4:1",
        "invalid YAML",
    ),
    "wrong type": (
        COURSE,
        {"01.yaml": GOOD_LECTURE.replace("items: [一, 二]", "items: 一")},
        "01.yaml:7:16",
        "'items' must be a list",
    ),
    "unknown key": (
        COURSE,
        {"01.yaml": GOOD_LECTURE.replace("items: [一, 二]", "itmes: [一, 二]")},
        "01.yaml:7:9",
        "unknown key 'itmes': did you mean 'items'?",
    ),
    "unknown slide kind": (
        COURSE,
        {"01.yaml": GOOD_LECTURE.replace("kind: bullets", "kind: bulets")},
        "01.yaml:5:15",
        "unknown slide kind 'bulets': did you mean 'bullets'?",
    ),
    "missing lecture file": (
        "title: 课程\nlectures:\n  - 01.yaml\n  - 02.yaml\n",
        {"01.yaml": GOOD_LECTURE},
        "course.yaml:4:5",
        "lecture file not found: 02.yaml",
    ),
    "missing image": (
        COURSE,
        {
            "01.yaml": GOOD_LECTURE
            + "      - kind: image\n        title: 图\n        src: missing.png\n        alt: 图\n"
        },
        "01.yaml:10:14",
        "image not found: missing.png",
    ),
    "empty course": ("title: 课程\nlectures: []\n", {}, "course.yaml:2:11", "'lectures' must not be empty"),
    "duplicate lecture": (
        "title: 课程\nlectures: [01.yaml, 01.yaml]\n",
        {"01.yaml": GOOD_LECTURE},
        "course.yaml:2:21",
        "listed twice",
    ),
    "bad theme name": (
        "title: 课程\ntheme: lectur\nlectures: [01.yaml]\n",
        {"01.yaml": GOOD_LECTURE},
        "course.yaml:2:8",
        "unknown theme 'lectur': did you mean 'lecture'?",
    ),
    "non-utf8 file": (COURSE, {"01.yaml": "title: 第一讲\n".encode("gbk")}, "01.yaml:1:8", "not valid UTF-8"),
    "missing required key": (
        COURSE,
        {"01.yaml": GOOD_LECTURE.replace("        title: 要点\n", "")},
        "01.yaml:5:9",
        "missing required key 'title'",
    ),
    "duplicate key": (
        COURSE,
        {"01.yaml": "title: a\ntitle: b\nsections: []\n"},
        "01.yaml:2:1",
        "duplicate key 'title'",
    ),
    "bullets nested too deep": (
        COURSE,
        {
            "01.yaml": GOOD_LECTURE.replace(
                "items: [一, 二]", "items: [{text: a, items: [{text: b, items: [{text: c, items: [d]}]}]}]"
            )
        },
        "01.yaml:7:16",
        "at most 3 levels",
    ),
    "bad placement value": (
        COURSE,
        {
            "01.yaml": GOOD_LECTURE
            + "      - kind: image\n        title: 图\n        src: course.yaml\n"
            + "        alt: 图\n        placement: top\n"
        },
        "01.yaml:12:20",
        "'placement' must be one of",
    ),
    "colon read as a key": (
        COURSE,
        {"01.yaml": GOOD_LECTURE.replace("items: [一, 二]", "items:\n          - Risks: bias and privacy")},
        "01.yaml:8:13",
        "YAML read 'Risks: bias and privacy' as a key and a value, because a colon followed by a space (or "
        "ending the line) starts a mapping; put the whole text in quotes: 'Risks: bias and privacy'",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_one_located_line_exit_2_and_writes_nothing(case: str, tmp_path: Path) -> None:
    course, lectures, where, message = CASES[case]
    folder = make_course(tmp_path, course, lectures)
    out = tmp_path / "out"
    result = run_deck("build", folder, "--out", out, "--to", "md")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.strip().splitlines()[0]
    assert where in first, first
    assert message in first, first
    assert first.startswith(str(folder)), first
    assert not out.exists(), "invalid input must not create any output"


def test_debug_flag_shows_the_traceback(tmp_path: Path) -> None:
    folder = make_course(tmp_path, "title: 课程\nlectures: []\n", {})
    result = run_deck("--debug", "check", folder)
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    lecture = (
        GOOD_LECTURE.replace("itmes", "items")
        .replace("kind: bullets", "kind: bulets")
        .replace("title: 开始", "titel: 开始")
    )
    folder = make_course(tmp_path, COURSE, {"01.yaml": lecture})
    result = run_deck("check", folder)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2
    assert len(lines) == 2, lines
    assert "01.yaml:3:5: unknown key 'titel'" in lines[0]
    assert "01.yaml:5:15: unknown slide kind 'bulets'" in lines[1]


EVERY_PHASE = """\
title: Mistakes
sections:
  - title: One of each
    slides:
      - kind: bullets
        title: Risks
        items:
          - Risks: bias and privacy
      - kind: image
        title: Missing picture
        src: images/nowhere.png
        alt: nothing
      - kind: diagram
        title: Flow
        mermaid: |
          flowchart LR
            A -->
      - kind: math
        title: Formula
        formula: '\\frac{a}{b'
      - kind: code
        title: Listing
        code: "print(1)"
        highlight: "2-3"
      - kind: bullets
        title: Fine
        items: [still planned]
      - kind: bullets
        title: "A $3 \\times 3$ kernel"
        items: [x]
"""


def test_every_phase_reports_its_problems_in_one_run(tmp_path: Path) -> None:
    """A schema mistake, a missing image, a mermaid error, a LaTeX error, a bad highlight and LaTeX eaten by double
    quotes, in two lectures and a course file: one run reports all of them, sorted by file and line, each located
    with its fix."""
    course = "title: 课程\ntheme: lectur\nlectures: [01.yaml, 02.yaml]\n"
    second = GOOD_LECTURE.replace("items: [一, 二]", "items: [一, 二]\n        notes: [not, text]")
    folder = make_course(tmp_path, course, {"01.yaml": EVERY_PHASE, "02.yaml": second})
    out = tmp_path / "out"
    for command in (("check",), ("build", "--out", str(out))):
        result = run_deck(*command, folder)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        lines = [  # a LaTeX problem adds the formula and a caret under it, indented
            line.removeprefix(str(folder) + "/") for line in result.stderr.strip().splitlines() if line[:1] != " "
        ]
        found = [(line.split(": ", 1)[0], line.split(": ", 1)[1]) for line in lines]
        where = [w for w, _ in found]
        assert where == sorted(where, key=lambda w: (w.split(":")[0], *map(int, w.split(":")[1:]))), where
        messages = dict(found)
        assert "quotes" in messages["01.yaml:8:13"]  # the colon read as a key
        assert "image" in messages["01.yaml:11:14"] and "nowhere.png" in messages["01.yaml:11:14"]
        assert next(m for w, m in found if w.startswith("01.yaml:17:")).startswith("mermaid:")
        assert "never closed" in next(m for w, m in found if w.startswith("01.yaml:20:"))
        assert "highlight" in messages["01.yaml:24:20"]
        assert "'notes' must be text" in messages["02.yaml:8:16"]
        assert "unknown theme" in next(m for w, m in found if w.startswith("course.yaml:2:"))
        assert "single quotes" in messages["01.yaml:29:16"] and "\\times" in messages["01.yaml:29:16"]
        assert len(found) == 8, lines
    assert not out.exists()


def test_yaml_scalars_stay_text_as_written(tmp_path: Path) -> None:
    """YAML 1.1 would turn `No` into False and `1.10` into 1.1; outline text stays as typed."""
    from lecturedeck.outline.loader import load_course

    lecture = GOOD_LECTURE.replace("items: [一, 二]", "items: [No, 1.10, on, 2024-01-01]")
    folder = make_course(tmp_path, COURSE, {"01.yaml": lecture})
    loaded = load_course(folder)
    items = loaded.lectures[0].lecture.sections[0].slides[0].items  # type: ignore[union-attr]
    assert [i.text for i in items] == ["No", "1.10", "on", "2024-01-01"]


def test_lang_must_be_a_language_tag(tmp_path: Path) -> None:
    """A `lang` carrying new lines could add Marp directives (CSS, slide breaks) to the front matter."""
    course = "title: 课程\nlang: \"en\\nstyle: '@import url(http://x)'\\nheadingDivider: 1\"\nlectures: [01.yaml]\n"
    folder = make_course(tmp_path, course, {"01.yaml": GOOD_LECTURE})
    result = run_deck("build", folder, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "course.yaml:2:7: " in result.stderr and "language tag" in result.stderr
    assert not (tmp_path / "out" / "course").exists()


def test_front_matter_values_are_quoted(tmp_path: Path) -> None:
    """Course values reach the Marp front matter only as quoted YAML strings: never a directive."""
    course = 'title: "课程\\nheadingDivider: 1\\nstyle: x"\nauthor: "a: b"\nlectures: [01.yaml]\n'
    folder = make_course(tmp_path, course, {"01.yaml": GOOD_LECTURE})
    result = run_deck("build", folder, "--out", tmp_path / "out", "--to", "md")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "course" / "01.md").read_text(encoding="utf-8")
    front = yaml.safe_load(markdown.split("---\n")[1])
    assert set(front) == {"marp", "title", "author", "theme", "lang", "footer", "paginate", "math"}
    assert front["author"] == "a: b" and "headingDivider" not in front
