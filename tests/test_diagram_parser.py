"""Mermaid flowchart parser, flowchart and mind-map layouts, SVG drawings, plan-time errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.build import load_and_plan
from lecturedeck.convert.markmap import markmap_markdown
from lecturedeck.diagrams.flowchart import layout_mermaid
from lecturedeck.diagrams.mermaid import MermaidError, parse_flowchart
from lecturedeck.diagrams.tree import layout_mindmap
from lecturedeck.errors import DeckError
from lecturedeck.inline import parse_inline
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import DiagramBlock, ListItem, MindmapBlock
from lecturedeck.render.drawings import alt_text
from lecturedeck.render.svg import flowchart_svg, mindmap_svg
from lecturedeck.themes import load_theme
from tests.conftest import ROOT, run_deck
from tests.courses import write_course

SEED_002 = """graph LR
    A[大型语言模型] --> B{生成式AI}
    B --> C{多模态学习}
    C --> D{强化学习}
    D --> E{应用场景}"""
RICH = """flowchart TD
  %% a comment
  start([开始]) --> a[读入 "数据"] & b(清洗)
  a -- 是 --> c{判断?} -->|否| d((结束))
  b -.-> c; c ==> e["引号里的 [括号] 和 (圆括号)"]
  c --- f
  subgraph g1 [第一组]
    a
    subgraph inner ["内层"]
      f
    end
  end
"""


def test_shapes_labels_and_direction() -> None:
    graph = parse_flowchart(SEED_002)
    assert graph.direction == "LR"
    assert [(n.id, n.label, n.shape) for n in graph.nodes.values()] == [
        ("A", "大型语言模型", "rect"),
        ("B", "生成式AI", "diamond"),
        ("C", "多模态学习", "diamond"),
        ("D", "强化学习", "diamond"),
        ("E", "应用场景", "diamond"),
    ]
    assert [(e.source, e.target) for e in graph.edges] == [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")]


def test_chains_ampersands_link_styles_and_labels() -> None:
    graph = parse_flowchart(RICH)
    assert graph.direction == "TB"
    shapes = {n.id: n.shape for n in graph.nodes.values()}
    assert shapes == {
        "start": "stadium",
        "a": "rect",
        "b": "round",
        "c": "diamond",
        "d": "circle",
        "e": "rect",
        "f": "rect",
    }
    assert graph.nodes["a"].label == '读入 "数据"'
    assert graph.nodes["e"].label == "引号里的 [括号] 和 (圆括号)"
    edges = {(e.source, e.target): e for e in graph.edges}
    assert ("start", "a") in edges and ("start", "b") in edges  # `&`
    assert edges["a", "c"].label == "是" and edges["c", "d"].label == "否"  # `-- text -->`, `-->|text|`
    assert edges["b", "c"].style == "dotted" and edges["c", "e"].style == "thick"
    assert edges["c", "f"].arrow is False and edges["a", "c"].arrow is True
    groups = {g.id: g for g in graph.subgraphs}
    assert groups["g1"].title == "第一组" and groups["g1"].nodes == ["a"]
    assert groups["inner"].title == "内层" and groups["inner"].parent == "g1" and groups["inner"].nodes == ["f"]


@pytest.mark.parametrize("header", ["graph TD", "graph TB", "flowchart BT", "graph RL", "graph"])
def test_directions(header: str) -> None:
    graph = parse_flowchart(f"{header}\n  x --> y")
    assert graph.direction == {"graph": "TB", "graph TD": "TB"}.get(header, header.split()[-1])


@pytest.mark.parametrize(
    ("source", "line", "col", "words"),
    [
        ("sequenceDiagram\n  A->>B: hi", 1, 1, "'sequenceDiagram' diagrams are not supported"),
        ("graph XY\n  a --> b", 1, 7, "unknown direction 'XY'"),
        ("graph LR\n  a --> b\n  a --o c", 3, 5, "unsupported link '--o'"),
        ("graph LR\n  a[unclosed --> b", 2, 4, "missing ']'"),
        ("graph LR\n  a{{hex}} --> b", 2, 4, "unsupported node shape '{{"),
        ("graph LR\n  a --> ", 2, 8, "a link needs a node after it"),
        ("graph LR\n  a --> a", 2, 5, "links to itself"),
        ("graph LR\n  a ~> b", 2, 5, "expected a link"),
        ("graph LR\n  subgraph s\n  a", 3, 1, "never closed"),
        ("graph LR\n  end", 2, 3, "'end' without a matching 'subgraph'"),
        ("%% only a comment", 1, 1, "empty diagram"),
    ],
)
def test_errors_are_located(source: str, line: int, col: int, words: str) -> None:
    with pytest.raises(MermaidError) as caught:
        parse_flowchart(source)
    assert (caught.value.line, caught.value.col) == (line, col)
    assert words in caught.value.message


def test_styling_statements_are_ignored() -> None:
    graph = parse_flowchart("graph LR\n  classDef big font-size:20px\n  a:::big --> b\n  style a fill:#f00\n")
    assert list(graph.nodes) == ["a", "b"]


def _no_overlaps(rects: list[Box]) -> None:
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.overlaps(b), (a, b)


@pytest.mark.parametrize("source", [SEED_002, RICH, "graph TD\n  a --> b --> c --> a\n  x"])
@pytest.mark.parametrize("theme_name", ["lecture", "contrast"])
def test_flowchart_layout_fits_the_box_without_overlaps(source: str, theme_name: str) -> None:
    theme = load_theme(theme_name)
    for w, h in ((1152, 480), (500, 300)):
        layout = layout_mermaid(source, theme, w, h)
        assert (layout.width, layout.height) == pytest.approx((w, h))
        _no_overlaps([n.rect for n in layout.nodes])
        for rect in [n.rect for n in layout.nodes] + [g.rect for g in layout.groups]:
            assert rect.inside(w, h), rect
        for edge in layout.edges:
            assert all(-0.01 <= x <= w + 0.01 and -0.01 <= y <= h + 0.01 for x, y in edge.points)
        assert layout.size <= theme.sizes.base


@pytest.mark.parametrize("direction", ["LR", "TD"])
def test_labels_of_opposite_edges_do_not_overlap(direction: str) -> None:
    """A → B and B → A share a midpoint; their labels must still be readable (seed 001's GAN loop)."""
    source = f"graph {direction}\n  A[分类模型] -- 输出改进对方 --> B[生成模型]\n  B -- 输出改进对方 --> A\n"
    layout = layout_mermaid(source, load_theme("lecture"), 1152, 480)
    labels = [e.label_rect for e in layout.edges]
    assert all(labels) and not labels[0].overlaps(labels[1])
    for rect in labels:
        assert rect.inside(1152, 480), rect


def test_flowchart_text_shrinks_to_min_before_scaling() -> None:
    theme = load_theme("lecture")
    roomy = layout_mermaid(SEED_002, theme, 1152, 480)
    assert theme.sizes.min <= roomy.size <= theme.sizes.base
    tight = layout_mermaid(SEED_002, theme, 400, 200)
    assert tight.size < theme.sizes.min  # scaled below min only when min does not fit


def _mindmap() -> MindmapBlock:
    def item(text: str, *children: ListItem) -> ListItem:
        return ListItem(parse_inline(text), children)

    return MindmapBlock(
        parse_inline("大模型"),
        (
            item("大语言模型 LLM", item("QA", item("Chat"), item("RAG")), item("翻译")),
            item("VLM", item("图片/视频生成"), item("图片/视频理解")),
            item("Science", *(item(x) for x in ("物理学", "化学", "生物学", "天文学"))),
            item("RL", item("作为决策者")),
            item("**Speech**", item("语音识别", item("提高准确率", item("多语言识别")))),
        ),
    )


@pytest.mark.parametrize("theme_name", ["lecture", "contrast"])
def test_mindmap_layout_fits_without_overlaps(theme_name: str) -> None:
    theme = load_theme(theme_name)
    layout = layout_mindmap(_mindmap(), theme, 1152, 480)
    assert (layout.width, layout.height) == pytest.approx((1152, 480))
    _no_overlaps([n.rect for n in layout.nodes])
    assert all(n.rect.inside(1152, 480) for n in layout.nodes)
    assert [n.label.text for n in layout.nodes if n.depth == 1] == ["大语言模型 LLM", "VLM", "Science", "RL", "Speech"]
    assert max(n.depth for n in layout.nodes) == 4
    assert len(layout.links()) == len(layout.nodes) - 1


def test_svg_uses_theme_colours_and_fonts() -> None:
    svgs = {}
    for name in ("lecture", "contrast"):
        theme = load_theme(name)
        flow = flowchart_svg(layout_mermaid(SEED_002, theme, 1000, 400), theme, "zh-CN", "t")
        tree = mindmap_svg(layout_mindmap(_mindmap(), theme, 1000, 400), theme, "zh-CN", "t")
        for svg in (flow, tree):
            assert svg.startswith("<svg xmlns=") and 'xml:lang="zh-CN"' in svg
            assert theme.fonts.east_asian[0] in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
        assert theme.colors.heading in flow and theme.colors.accent in flow
        assert theme.colors.heading in tree
        assert "大型语言模型" in flow and "语音识别" in tree
        svgs[name] = (flow, tree)
    assert svgs["lecture"] != svgs["contrast"]


def test_alt_text_and_markmap_markdown() -> None:
    assert alt_text(DiagramBlock(SEED_002)).startswith("大型语言模型 → 生成式AI; 生成式AI → 多模态学习")
    md = markmap_markdown(_mindmap(), load_theme("lecture"))
    assert "# 大模型" in md and "- 大语言模型 LLM\n  - QA\n    - Chat" in md and "- **Speech**" in md
    assert "colorFreezeLevel" in md


BAD = """title: 坏图
sections:
  - title: 一
    slides:
      - kind: diagram
        title: 流程
        mermaid: |
          graph LR
            a[开始] --> b
            b --o c
      - kind: diagram
        title: 单行
        mermaid: "sequenceDiagram"
"""


def test_plan_time_error_points_into_the_yaml(tmp_path: Path) -> None:
    course = write_course(tmp_path / "bad", {"01.yaml": BAD}, title="课", lang=None)
    with pytest.raises(DeckError) as caught:
        load_and_plan([course / "course.yaml"])
    assert str(caught.value).startswith(f"{course / '01.yaml'}:10:15: mermaid: unsupported link '--o'")
    (course / "01.yaml").write_text(BAD.replace("b --o c", "b --> c"), encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_and_plan([course / "course.yaml"])
    assert str(caught.value).startswith(f"{course / '01.yaml'}:13:19: mermaid: 'sequenceDiagram' diagrams")


def test_deck_check_reports_bad_mermaid(tmp_path: Path) -> None:
    course = write_course(tmp_path / "bad", {"01.yaml": BAD}, title="课", lang=None)
    result = run_deck("check", course)
    assert result.returncode == 2
    assert "01.yaml:10:15: mermaid: unsupported link '--o'" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_fixture_course_checks_clean() -> None:
    result = run_deck("check", ROOT / "tests" / "fixtures" / "rich" / "diagrams")
    assert result.returncode == 0, result.stderr
