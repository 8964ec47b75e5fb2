"""A lecture in another language than its course (`lang:` in the lecture file): its generated slides, continuation
marks, Marp markdown and PPTX runs are in the lecture's language; the other lectures keep the course's."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

from tests.conftest import deck
from tests.courses import write_course

LONG = "\n".join(f"          - Point number {n}, long enough to take most of one line on the slide" for n in range(14))
ENGLISH = f"""title: Sorting in English
lang: en
sections:
  - title: Basics
    slides:
      - kind: bullets
        title: Many points
        items:
{LONG}
  - title: More
    slides:
      - kind: bullets
        title: Few points
        items: [one, two]
summary: [Sorting is everywhere]
"""
CHINESE = """title: 排序
sections:
  - title: 基础
    slides:
      - kind: bullets
        title: 要点
        items: [一, 二]
  - title: 进阶
    slides:
      - kind: bullets
        title: 更多
        items: [三, 四]
"""


def _course(tmp_path: Path, english: str = ENGLISH) -> Path:
    return write_course(tmp_path / "c", {"01-zh.yaml": CHINESE, "02-en.yaml": english}, title="课程", lang="zh-CN")


def test_a_lecture_in_english_in_a_chinese_course(tmp_path: Path) -> None:
    code, _, err = deck("build", _course(tmp_path), "--out", tmp_path / "out", "--to", "md,pptx")
    assert code == 0, err
    out = tmp_path / "out" / "c"
    english = (out / "02-en.md").read_text(encoding="utf-8")
    assert 'lang: "en"' in english
    for words in ("## Agenda", "Part 1", r"## Many points \(cont\.\)", "## Summary"):  # markdown escapes
        assert words in english, words
    assert "本讲内容" not in english and "（续）" not in english
    chinese = (out / "01-zh.md").read_text(encoding="utf-8")
    assert 'lang: "zh-CN"' in chinese and "本讲内容" in chinese
    runs = [r for s in Presentation(str(out / "02-en.pptx")).slides for r in s._element.iter(qn("a:rPr"))]
    assert runs and {r.get("lang") for r in runs} == {"en"}
    runs = [r for s in Presentation(str(out / "01-zh.pptx")).slides for r in s._element.iter(qn("a:rPr"))]
    assert {r.get("lang") for r in runs} == {"zh-CN"}


def test_a_lecture_language_that_is_no_language_tag_is_a_located_error(tmp_path: Path) -> None:
    course = _course(tmp_path, ENGLISH.replace("lang: en", "lang: english please"))
    code, out, err = deck("check", course)
    assert code == 2
    message = out + err
    assert "02-en.yaml:2:" in message and "language tag" in message
    assert "Traceback" not in message
