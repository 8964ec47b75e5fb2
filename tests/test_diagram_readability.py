"""Readable diagrams and mind maps (issue 9): every label is drawn at least at the theme's sizes.min as
finally displayed (after the drawing is fitted to the slide's body box), no Latin word is broken inside a
node, link or mind-map box, a drawing too big for one slide is a located error, and the SVG of the HTML
shows the text at that size in a real browser."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

import pytest

from lecturedeck.diagrams.area import drawing_box
from lecturedeck.diagrams.base import Label, measure_label
from lecturedeck.diagrams.flowchart import FlowchartLayout, fit_mermaid
from lecturedeck.diagrams.tree import TreeLayout, fit_mindmap
from lecturedeck.inline import parse_inline, text_span
from lecturedeck.plan import model as m
from lecturedeck.plan.geometry import Box, body_box
from lecturedeck.plan.measure import measurer
from lecturedeck.render.svg import flowchart_svg, mindmap_svg
from lecturedeck.themes import Theme, load_theme
from tests.conftest import require_marp, run_deck
from tests.courses import write_course

THEMES = ("lecture", "contrast")
EPS = 0.05

CHAIN_12 = """graph LR
    A[Collect raw text] --> B[Deduplicate documents] --> C[Filter low quality] --> D[Remove personal data]
    D --> E[Train tokenizer] --> F[Tokenize corpus] --> G[Pre-train model] --> H[Supervised fine-tuning]
    H --> I[Reward modelling] --> J[Reinforcement learning] --> K[Evaluate benchmarks] --> L[Deploy with monitoring]
"""
FAN_OUT = "graph LR\n    R[Foundation model] -->|fine-tune| T1[Downstream task 1]\n" + "\n".join(
    f"    R --> T{i}[Downstream task {i}]" for i in range(2, 11)
)
LONG_WORDS = """graph TD
    A[Internationalization of Applications] --> B{Transformer Representations?}
    B -- Characterization --> C[Responsibilities and Accountabilities]
    B -->|Counterproductive| D([Incomprehensibilities])
    C --> E([Decentralization])
    subgraph g [Institutionalization Considerations]
      C
      D
    end
"""
CJK = """flowchart LR
    A[大规模无监督预训练语料的采集与清洗] --> B{质量是否达标}
    B -->|达标| C[指令微调与人类反馈强化学习]
    B -->|不达标| A
    C --> D[部署上线并持续监控模型的输出]
    D --> E[收集用户反馈用于下一轮迭代]
"""
DIAGRAMS = {"chain-12": CHAIN_12, "fan-out": FAN_OUT, "long-words": LONG_WORDS, "cjk": CJK}


def _items(*texts: str | tuple[str, tuple]) -> tuple[m.ListItem, ...]:
    out = []
    for t in texts:
        text, kids = (t, ()) if isinstance(t, str) else t
        out.append(m.ListItem(parse_inline(text), _items(*kids)))
    return tuple(out)


BIG_MINDMAP = m.MindmapBlock(
    parse_inline("Large Language Model Applications"),
    _items(
        ("Conversational Assistants", ("Question Answering", "Summarization", "Translation", "Tutoring")),
        ("Vision-Language Models", ("Image Captioning", "Visual Question Answering", "Document Understanding")),
        ("Scientific Discovery", ("Physics", "Chemistry", "Biology", "Astronomy", "Mathematics")),
        ("Reinforcement Learning", ("Information Processor", "Reward Designer", "Decision Maker", "Generator")),
        ("Speech Technologies", ("Recognition", "Synthesis", "Emotion Recognition", "Enhancement")),
    ),
)
CJK_MINDMAP = m.MindmapBlock(
    parse_inline("大模型"),
    _items(
        ("大语言模型 LLM", (("QA", ("Chat", "RAG")), "翻译", ("内容生成", ("文案创作", "代码生成", "数据分析")))),
        ("语言视觉大模型 VLM", ("图片/视频生成", "图片/视频理解")),
        ("Science", ("物理学", "化学", "生物学", "天文学", "地球科学", "数学")),
        ("RL", ("作为信息处理者", "作为奖励设计者", "作为决策者", "作为生成者")),
        ("Speech", ("语音识别", "语音合成", "语音翻译", "语音情感识别", "语音增强")),
    ),
)
MINDMAPS = {"big-english": BIG_MINDMAP, "cjk": CJK_MINDMAP}


def _box(theme: Theme, block: m.DiagramBlock | m.MindmapBlock) -> Box:
    return drawing_box(measurer(theme), block, body_box(theme, 1), "en")


def _svg_scale(svg: str, box: Box) -> float:
    """How much the HTML scales the SVG: it is shown at the drawing box's size."""
    root = ElementTree.fromstring(svg)
    w, h = float(root.get("width")), float(root.get("height"))
    return min(box.w / w, box.h / h)


def _svg_font_sizes(svg: str) -> list[float]:
    return [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]


def _assert_words_whole(theme: Theme, label: Label, source: str, rect: Box | None, what: str) -> None:
    """No Latin word split over two lines, and the box at least as wide as the label's longest word."""
    words = set(re.findall(r"[A-Za-z0-9']+", source))  # a line may end after a word's hyphen
    for line in label.lines:
        for word in re.findall(r"[A-Za-z0-9']+", line):
            assert word in words, f"{what}: {word!r} is a piece of a word of {source!r} ({label.lines})"
    widest = measurer(theme).longest_word(text_span(source), label.size, label.bold)
    assert label.w >= widest - EPS, f"{what}: label narrower than its longest word"
    if rect is not None:
        assert rect.w >= widest - EPS, f"{what}: box {rect.w:.1f} px narrower than its longest word {widest:.1f}"


def _flowchart_labels(layout: FlowchartLayout) -> list[tuple[str, Label, Box | None]]:
    out: list[tuple[str, Label, Box | None]] = [(f"node {n.id}", n.label, n.rect) for n in layout.nodes]
    out += [(f"link {e.source}→{e.target}", e.label, e.label_rect) for e in layout.edges if e.label]
    out += [(f"subgraph {g.id}", g.label, g.rect) for g in layout.groups]
    return out


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_flowchart_text_is_never_below_the_minimum_and_never_breaks_a_word(name: str, theme_name: str) -> None:
    from lecturedeck.diagrams.mermaid import parse_flowchart

    theme = load_theme(theme_name)
    block = m.DiagramBlock(DIAGRAMS[name], text_span("A caption under the drawing"))
    box = _box(theme, block)
    fitted = fit_mermaid(block.mermaid, theme, box.w, box.h)
    assert fitted.readable, name
    layout = fitted.layout
    svg = flowchart_svg(layout, theme, "en", "t")
    scale = _svg_scale(svg, box)
    low = theme.sizes.min
    for size in _svg_font_sizes(svg):  # every text as the HTML displays it
        assert size * scale >= low - EPS, f"{name}: {size * scale:.1f} px text in the SVG"
    graph = parse_flowchart(block.mermaid)
    sources = {f"node {n.id}": n.label for n in graph.nodes.values()}
    sources |= {f"link {e.source}→{e.target}": e.label for e in graph.edges if e.label}
    sources |= {f"subgraph {s.id}": s.title for s in graph.subgraphs}
    for what, label, rect in _flowchart_labels(layout):
        assert label.size >= low - EPS, f"{name}: {what} at {label.size:.1f} px"
        _assert_words_whole(theme, label, sources[what], rect, f"{name}: {what}")
    for n in layout.nodes:
        assert n.rect.inside(box.w, box.h), f"{name}: node {n.id} outside the box"


def test_a_long_chain_is_wrapped_into_rows_at_a_large_size() -> None:
    theme = load_theme("lecture")
    block = m.DiagramBlock(CHAIN_12)
    box = _box(theme, block)
    layout = fit_mermaid(CHAIN_12, theme, box.w, box.h).layout
    rows = {round(n.rect.cy) for n in layout.nodes}
    assert layout.arrangement.bands >= 2 and len(rows) >= 2
    assert layout.size >= 22, f"the 12-node chain is drawn at {layout.size:.1f} px"
    # snake-wise: each band's links run one way, the links between bands are short and straight
    for e in layout.edges:
        assert len(e.points) == 2


def test_small_diagrams_keep_the_authors_arrangement() -> None:
    theme = load_theme("lecture")
    source = "graph LR\n    A[数据采集] --> B[数据清洗] --> C[数据标注] --> D[数据增强]"
    layout = fit_mermaid(source, theme, 1152, 485).layout
    assert layout.arrangement.direction == "LR" and layout.arrangement.bands == 1
    assert layout.size == theme.sizes.base


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("name", list(MINDMAPS))
def test_mindmap_text_is_never_below_the_minimum_and_never_breaks_a_word(name: str, theme_name: str) -> None:
    theme = load_theme(theme_name)
    block = MINDMAPS[name]
    box = _box(theme, block)
    fitted = fit_mindmap(block, theme, box.w, box.h)
    assert fitted.readable, name
    layout: TreeLayout = fitted.layout
    svg = mindmap_svg(layout, theme, "en", "t")
    scale = _svg_scale(svg, box)
    for size in _svg_font_sizes(svg):
        assert size * scale >= theme.sizes.min - EPS, f"{name}: {size * scale:.1f} px text in the SVG"
    texts = ["".join(s.text for s in block.root)]

    def walk(items: tuple[m.ListItem, ...]) -> None:
        for item in items:
            texts.append("".join(s.text for s in item.text))
            walk(item.children)

    walk(block.branches)
    assert len(texts) == len(layout.nodes)
    for node, text in zip(layout.nodes, texts, strict=True):  # both depth-first, root first
        assert node.label.size >= theme.sizes.min - EPS, f"{name}: {text!r} at {node.label.size:.1f} px"
        _assert_words_whole(theme, node.label, text, node.rect, f"{name}: {text!r}")
        assert node.rect.inside(box.w, box.h), f"{name}: {text!r} outside the box"


def test_pptx_draws_the_same_sizes_as_the_svg(tmp_path: Path) -> None:
    """Both outputs draw one layout: every label size in the PPTX is one of the SVG's."""
    from pptx import Presentation
    from pptx.util import Pt

    course = _course(tmp_path, CHAIN_12)
    result = run_deck("build", course, "--out", tmp_path / "out", "--to", "pptx")
    assert result.returncode == 0, result.stderr
    (pptx,) = (tmp_path / "out").rglob("*.pptx")
    prs = Presentation(str(pptx))
    sizes = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name.startswith("Node "):
                for p in shape.text_frame.paragraphs:
                    for r in p.runs:
                        sizes.add(round(r.font.size / Pt(1) / 0.75, 1))  # pt → px
    assert sizes and min(sizes) >= load_theme("lecture").sizes.min - 0.1, sizes


def _course(folder: Path, mermaid: str) -> Path:
    body = "\n".join("          " + line for line in mermaid.strip("\n").splitlines())
    lecture = (
        "title: Graphs\nsections:\n  - title: One\n    slides:\n      - kind: diagram\n        title: A graph\n"
        f"        mermaid: |\n{body}\n"
    )
    return write_course(folder, {"01-graphs.yaml": lecture}, title="Readability")


def test_a_diagram_too_big_for_one_slide_is_a_located_error(tmp_path: Path) -> None:
    nodes = [f"N{i}[Step number {i} of a very long and detailed description of the pipeline]" for i in range(40)]
    mermaid = "graph LR\n" + "\n".join(f"    {a} --> {b}" for a, b in pairwise(nodes))
    course = _course(tmp_path / "big", mermaid)
    result = run_deck("check", course)
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert "01-graphs.yaml:8:11:" in message, message  # the first line of the mermaid block
    assert "too big for one slide" in message and "split it into two diagrams" in message
    assert "18 px" in message


def test_a_mind_map_too_big_for_one_slide_is_a_located_error(tmp_path: Path) -> None:
    branches = "\n".join(
        f"          - text: Branch {b}\n            items: [{', '.join(f'Leaf {b}.{i}' for i in range(6))}]"
        for b in range(8)
    )
    lecture = (
        "title: Map\nsections:\n  - title: One\n    slides:\n      - kind: mindmap\n        title: Too many\n"
        f"        root: Everything\n        items:\n{branches}\n"
    )
    folder = write_course(tmp_path / "map", {"01-map.yaml": lecture}, title="Maps")
    result = run_deck("check", folder)
    assert result.returncode == 2, result.stderr
    assert "01-map.yaml:9:" in result.stderr and "mind map too big for one slide" in result.stderr, result.stderr


# ---- real client: Chromium shows the SVG's text at least at sizes.min --------------------------------

SVG_TEXT_JS = """
() => Array.from(document.querySelectorAll('text')).map(t => ({
  text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize)}))
"""
IMG_JS = """
() => { for (const svg of document.querySelectorAll('svg[data-marpit-svg]')) {
    const img = svg.querySelector('img'); if (!img) continue;
    const r = svg.getBoundingClientRect(), q = img.getBoundingClientRect(), view = svg.viewBox.baseVal;
    return {src: img.getAttribute('src'), w: q.width * view.width / r.width, natural: img.naturalWidth}; }
  return null; }
"""


@pytest.mark.client
def test_chromium_shows_the_12_node_chain_at_readable_size(tmp_path: Path, browser) -> None:
    require_marp()
    course = _course(tmp_path / "chain", CHAIN_12)
    result = run_deck("build", course, "--out", tmp_path / "out", "--to", "html")
    assert result.returncode == 0, result.stderr
    (html,) = (tmp_path / "out").rglob("01-graphs.html")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(html.as_uri())
    page.wait_for_timeout(300)
    image = page.evaluate(IMG_JS)
    assert image is not None and image["natural"] > 0
    svg = html.parent / image["src"]
    page.goto(svg.as_uri())
    texts = page.evaluate(SVG_TEXT_JS)
    width = page.evaluate("document.documentElement.width.baseVal.value")
    page.close()
    scale = image["w"] / width  # displayed width in slide px (1280 × 720) per SVG unit
    shown = [t["size"] * scale for t in texts]
    assert len(texts) >= 12 and min(shown) >= load_theme("lecture").sizes.min - 0.5, min(shown)


def test_labels_wrap_in_balanced_lines_and_prefer_breaking_at_a_space() -> None:
    """No label line is left with a lone character (greedy wrapping gave `问题 + 文档组成提 / 示`); a two-line
    label breaks at a space when that is nearly as balanced."""
    ms = measurer(load_theme("lecture"))
    size = 20.0
    cjk = measure_label(ms, parse_inline("大模型的应用场景与挑战"), size, 10 * size)
    assert len(cjk.lines) == 2 and min(len(line) for line in cjk.lines) >= 5, cjk.lines
    mixed = measure_label(ms, parse_inline("问题 + 文档组成提示"), size, 8 * size)
    assert mixed.lines == ("问题 +", "文档组成提示"), mixed.lines
    latin = measure_label(ms, parse_inline("Compute the gradients"), size, 9 * size)
    assert latin.lines == ("Compute the", "gradients") or latin.lines == ("Compute", "the gradients"), latin.lines
