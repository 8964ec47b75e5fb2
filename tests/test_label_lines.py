"""Short labels (timeline events, mind-map and diagram nodes) in balanced lines: no lone CJK character on the
last line, breaks at spaces and punctuation rather than inside a run of CJK characters; the timeline's text as
large as fits; and Chromium showing exactly the layout's lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.build import load_and_plan
from lecturedeck.diagrams.base import measure_label
from lecturedeck.inline import is_wide, parse_inline, plain_text
from lecturedeck.layout.model import Graphic, LaidOutSlide, TextBox
from lecturedeck.plan.linebreak import break_lines, label_breaks
from lecturedeck.plan.measure import measurer
from lecturedeck.themes import load_theme
from tests.conftest import require_marp, run_deck
from tests.courses import write_course

# The timeline of an unseen course whose event labels ended in "最短路/径", "最小生成/树", "强连通分/量".
LECTURE = """\
title: 图
sections:
  - title: 图论
    slides:
      - kind: timeline
        title: 图论发展简史
        periods:
          - name: 起源
            span: 1736–1900
            summary: 从游戏到数学
            events:
              - {year: 1736, text: 欧拉解决柯尼斯堡七桥问题}
              - {year: 1852, text: 四色猜想提出}
          - name: 算法时代
            span: 1950–1980
            summary: 计算机推动图算法
            events:
              - {year: 1956, text: Dijkstra 最短路径}
              - {year: 1957, text: Prim 最小生成树}
              - {year: 1972, text: Tarjan 强连通分量}
          - name: 网络时代
            span: 1998–今
            summary: 大规模图计算
            events:
              - {year: 1998, text: PageRank}
              - {year: 2010, text: Pregel 图计算框架}
"""
# Each event's label, line by line, as laid out (year, then its text).
EXPECTED = {
    "1956": ["1956", "Dijkstra", "最短路径"],
    "1957": ["1957", "Prim", "最小生成树"],
    "1972": ["1972", "Tarjan", "强连通分量"],
}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_course(tmp_path_factory.mktemp("labels") / "graphs", {"01-graphs.yaml": LECTURE}, lang="zh-CN")


def _timeline_slide(course: Path) -> LaidOutSlide:
    [planned] = load_and_plan([course])
    return next(s for s in planned.laid[0].slides if any(isinstance(f.detail, Graphic) for f in s.frames))


def _events(slide: LaidOutSlide) -> list[TextBox]:
    [frame] = [f for f in slide.frames if isinstance(f.detail, Graphic)]
    assert isinstance(frame.detail, Graphic)
    return [item for item in frame.detail.items if isinstance(item, TextBox) and item.name == "Event"]


def _lines(box: TextBox) -> list[str]:
    return [plain_text(spans) for spans, _ in box.paragraphs]


def _widow(line: str) -> bool:
    return len(line) == 1 and is_wide(line)


def test_label_breaks_balance_the_lines_and_leave_no_lone_cjk_character() -> None:
    text = "最小生成树"
    widths = [10.0] * len(text)
    assert break_lines(text, widths, 40.0) == [0, 4]  # greedy: 最小生成 / 树
    assert label_breaks(text, widths, 40.0) == [0, 3]  # 最小生 / 成树: as many lines, the widest narrowest
    assert label_breaks(text, widths, 50.0) == [0]


def test_a_label_breaks_before_opening_punctuation_rather_than_inside_a_word() -> None:
    ms = measurer(load_theme("lecture"))
    size = 20.0
    label = measure_label(ms, parse_inline("B+ 树（数据库索引）"), size, 7.7 * size)
    assert label.lines == ("B+ 树", "（数据库索引）"), label.lines  # was B+ 树（数 / 据库索引）
    assert measure_label(ms, parse_inline("Tarjan 强连通分量"), size, 6 * size).lines == ("Tarjan", "强连通分量")


def test_timeline_event_labels_break_where_they_read_well_at_the_largest_size(course: Path) -> None:
    theme = load_theme("lecture")
    events = _events(_timeline_slide(course))
    lines = {_lines(box)[0]: _lines(box) for box in events}
    for year, expected in EXPECTED.items():
        assert lines[year] == expected, lines[year]
    assert not [label for label in lines.values() if _widow(label[-1])]
    sizes = {style.size for box in events for _, style in box.paragraphs}
    assert sizes == {theme.sizes.base}, sizes  # was sizes.small with half the body empty


@pytest.mark.client
def test_chromium_shows_the_layouts_label_lines(course: Path, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Each line of a label is one paragraph of its text box, and Chromium draws each on one line."""
    require_marp()
    result = run_deck("build", course, "--out", tmp_path, "--to", "html")
    assert result.returncode == 0, result.stderr
    expected = [_lines(box) for box in _events(_timeline_slide(course))]
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((tmp_path / "graphs" / "01-graphs.html").as_uri())
    page.wait_for_load_state("load")
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('section .g.event')).map(box =>
             Array.from(box.children).map(p =>
               [p.textContent.trim(), Math.round(p.offsetHeight / parseFloat(getComputedStyle(p).lineHeight))]))"""
    )
    page.close()
    assert [[text for text, _ in label] for label in shown] == expected
    assert all(count == 1 for label in shown for _, count in label), shown
