"""Real clients: the diagram fixture course built by the real CLI (marp-cli, markmap), shown in
Chromium, read back from the PPTX and rendered by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.quality import pdf_figures, soffice, to_pdf
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from lecturedeck.build import load_and_plan
from lecturedeck.diagrams.mermaid import parse_flowchart
from lecturedeck.layout.model import DrawingGeometry
from lecturedeck.plan.geometry import EMU_PER_PX
from tests.conftest import ROOT, require, require_marp, run_deck
from tests.marp_html import SLIDES, SPILL_JS, external_resources

pytestmark = pytest.mark.client

COURSE = ROOT / "tests" / "fixtures" / "rich" / "diagrams"
STEM = "diagram-mindmap"
DIAGRAM_SLIDES = (4, 5)  # 1-based: title, agenda, section, diagram, diagram, section, mind map
MINDMAP_SLIDE = 7
MINDMAP_TEXTS = ("大模型", "大语言模型 LLM", "语言视觉大模型 VLM", "Science", "RL", "Speech", "代码生成", "语音增强")
# What the node drawing of a slide must contain, and how a browser reads an <img>'s state.
IMAGE_JS = """
(SLIDES) => Array.from(document.querySelectorAll(SLIDES)).map(s => {
  const img = s.querySelector('img'); if (!img) return null;
  const r = s.getBoundingClientRect(), q = img.getBoundingClientRect(), k = r.height / s.offsetHeight;
  return {src: img.getAttribute('src'), alt: img.alt, loaded: img.complete && img.naturalWidth > 0,
          w: q.width / k, h: q.height / k, inside: q.left >= r.left - 1 && q.right <= r.right + 1 &&
          q.top >= r.top - 1 && q.bottom <= r.bottom + 1};
})
"""


def _build(out: Path, *args: str) -> Path:
    require_marp()
    result = run_deck("build", COURSE, "--out", out, *args)
    assert result.returncode == 0, result.stderr
    return out / "diagrams"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("diagrams"))


def _watch(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.startswith(("http:", "https:")) else None)
    return requests


def test_outputs_and_no_internet_resources(built: Path) -> None:
    for name in (f"{STEM}.md", f"{STEM}.html", f"{STEM}.pptx", f"{STEM}-mindmap-1.html", "index.html"):
        assert (built / name).is_file(), name
    assert f'href="{STEM}-mindmap-1.html"' in (built / "index.html").read_text(encoding="utf-8")
    svgs = sorted((built / "images").glob("*.svg"))
    assert len(svgs) == 3
    html = (built / f"{STEM}.html").read_text(encoding="utf-8")
    assert external_resources(html) == []
    assert f'href="{STEM}-mindmap-1.html"' in html
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert "Noto Sans CJK SC" in text
        assert external_resources(text) == [] and "xlink:href" not in text and "<image" not in text


def test_chromium_shows_the_drawings_inside_their_slides(built: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests = _watch(page)
    page.goto((built / f"{STEM}.html").as_uri())
    page.wait_for_timeout(500)
    images = page.evaluate(IMAGE_JS, SLIDES)
    spills = page.evaluate(SPILL_JS, SLIDES)
    page.close()
    assert requests == []
    for number in (*DIAGRAM_SLIDES, MINDMAP_SLIDE):
        image = images[number - 1]
        assert image is not None, number
        assert image["src"].startswith("images/") and image["src"].endswith(".svg")
        assert image["loaded"], f"slide {number}: the SVG did not load"
        assert image["inside"] and image["w"] > 300 and image["h"] > 150, image
        assert spills[number - 1] <= 2, f"slide {number} spills by {spills[number - 1]}px"
    assert "大型语言模型 → 生成式AI" in images[DIAGRAM_SLIDES[0] - 1]["alt"]
    assert all(t in images[MINDMAP_SLIDE - 1]["alt"] for t in MINDMAP_TEXTS)


def test_svg_renders_its_text_in_chromium(built: Path, browser) -> None:
    page = browser.new_page()
    requests = _watch(page)
    for svg in sorted((built / "images").glob("*.svg")):
        page.goto(svg.as_uri())
        texts = page.evaluate("Array.from(document.querySelectorAll('text')).map(t => t.textContent)")
        boxes = page.evaluate(
            "(() => { const s = document.documentElement.getBBox(); const r = document.documentElement;"
            " return [s.x, s.y, s.width, s.height, r.width.baseVal.value, r.height.baseVal.value]; })()"
        )
        x, y, w, h, width, height = boxes
        assert texts and x >= -1 and y >= -1 and x + w <= width + 1 and y + h <= height + 1, svg.name
    page.close()
    assert requests == []


def test_markmap_page_is_offline_and_draws_the_mind_map(built: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests = _watch(page)
    page.goto((built / f"{STEM}-mindmap-1.html").as_uri())
    page.wait_for_selector("svg#mindmap g.markmap-node", timeout=10_000)
    texts = page.evaluate("document.querySelector('svg#mindmap').textContent")
    nodes = page.locator("svg#mindmap g.markmap-node").count()
    lang = page.evaluate("document.documentElement.lang")
    page.close()
    assert requests == [], f"markmap page loaded {requests}"
    assert all(t in texts for t in MINDMAP_TEXTS)
    assert nodes == 31
    assert lang == "zh-CN"
    html = (built / f"{STEM}-mindmap-1.html").read_text(encoding="utf-8")
    assert external_resources(html) == []


def _squash(text: str) -> str:
    return "".join(text.split())


def _slide_graph(slide) -> tuple[dict[int, str], list[tuple[int, int, object]]]:
    """Shape id → text, and every link as (source shape id, target shape id, its XML): glued connectors, and
    the open freeforms of routed links (named 'Link A→B' after the nodes 'Node A', 'Node B')."""
    shapes = {s.shape_id: s.text_frame.text.replace("\n", " ") for s in slide.shapes if s.has_text_frame}
    links = []
    for cxn in slide.shapes._spTree.iter(qn("p:cxnSp")):
        props = cxn.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
        start, end = props.find(qn("a:stCxn")), props.find(qn("a:endCxn"))
        assert start is not None and end is not None, "connector not glued to shapes"
        links.append((int(start.get("id")), int(end.get("id")), cxn))
    nodes = {s.name.removeprefix("Node "): s.shape_id for s in slide.shapes if s.name.startswith("Node ")}
    for shape in _routed_links(slide):
        source, target = shape.name.removeprefix("Link ").split("→")
        links.append((nodes[source], nodes[target], shape._element))
    return shapes, links


def _routed_links(slide) -> list:
    return [s for s in slide.shapes if s.name.startswith("Link ") and s.shape_type == MSO_SHAPE_TYPE.FREEFORM]


def test_pptx_has_native_shapes_and_glued_connectors(built: Path) -> None:
    prs = Presentation(str(built / f"{STEM}.pptx"))
    slides = list(prs.slides)
    source = (COURSE / f"{STEM}.yaml").read_text(encoding="utf-8")
    mermaid = source.split("mermaid: |\n", 1)[1].split("        caption:", 1)[0]
    graph = parse_flowchart("\n".join(line[10:] for line in mermaid.splitlines()))
    shapes, links = _slide_graph(slides[DIAGRAM_SLIDES[0] - 1])
    labels = {f"{shapes[a]}→{shapes[b]}" for a, b, _ in links}
    assert labels == {f"{graph.nodes[e.source].label}→{graph.nodes[e.target].label}" for e in graph.edges}
    assert all(cxn.find(f".//{qn('a:tailEnd')}").get("type") == "triangle" for _, _, cxn in links)
    assert any("从大型语言模型到应用场景" in t for t in shapes.values())  # the caption
    shapes, links = _slide_graph(slides[DIAGRAM_SLIDES[1] - 1])
    texts = set(shapes.values())
    assert {
        "数据 [语料]",
        "预训练",
        "指令微调",
        "评估达标?",
        "部署",
        "RLHF 对齐",
        "用户与反馈",
        "是",
        "否",
        "对齐阶段",
    } <= texts
    assert len(links) == 7
    assert _routed_links(slides[DIAGRAM_SLIDES[1] - 1]), "the feedback link is routed around the nodes"
    assert any(cxn.find(f".//{qn('a:prstDash')}") is not None for _, _, cxn in links)  # -.->
    shapes, links = _slide_graph(slides[MINDMAP_SLIDE - 1])
    assert {_squash(t) for t in MINDMAP_TEXTS} <= {_squash(t) for t in shapes.values()}  # wrapped lines
    assert len(links) == 30  # a tree: one link per node but the root
    assert all(shapes[a] and shapes[b] for a, b, _ in links)


def test_contrast_theme_changes_the_drawings(built: Path, tmp_path: Path) -> None:
    contrast = _build(tmp_path, "--theme", "contrast", "--to", "md,pptx")
    lecture_svgs = {p.read_text(encoding="utf-8") for p in (built / "images").glob("*.svg")}
    contrast_svgs = {p.read_text(encoding="utf-8") for p in (contrast / "images").glob("*.svg")}
    assert len(contrast_svgs) == 3 and not lecture_svgs & contrast_svgs
    from lecturedeck.themes import load_theme

    heading = load_theme("contrast").colors.heading
    assert all(heading in svg for svg in contrast_svgs)


def test_libreoffice_renders_the_drawings_on_the_page(built: Path, tmp_path: Path) -> None:
    require(soffice() is not None, "LibreOffice (soffice)")
    [pdf] = to_pdf([built / f"{STEM}.pptx"], tmp_path)
    figures = pdf_figures(pdf)
    assert figures.pages == 7
    assert figures.off_page == []
    pages = figures.text.split("\n")
    text = "".join(pages).replace(" ", "")
    for label in ("大型语言模型", "生成式AI", "RLHF对齐", "用户与反馈", *(t.replace(" ", "") for t in MINDMAP_TEXTS)):
        assert label in text, label


def _path_points(shape) -> list[tuple[float, float]]:
    """The points of an open freeform, in slide px."""
    path = shape._element.find(f".//{qn('a:path')}")
    kx, ky = shape.width / int(path.get("w")), shape.height / int(path.get("h"))
    return [
        ((shape.left + int(pt.get("x")) * kx) / EMU_PER_PX, (shape.top + int(pt.get("y")) * ky) / EMU_PER_PX)
        for pt in path.iter(qn("a:pt"))
    ]


def test_routed_links_follow_the_path_the_html_draws(built: Path) -> None:
    """A link with bends (the feedback loop) is drawn along exactly the laid-out path in both outputs: the SVG's
    polyline and the PPTX freeform have the same points; straight links stay glued connectors."""
    (planned,) = load_and_plan([COURSE])
    slide = planned.laid[0].slides[DIAGRAM_SLIDES[1] - 1]
    (frame,) = [f for f in slide.frames if isinstance(f.detail, DrawingGeometry)]
    area, layout = frame.detail.drawing, frame.detail.layout
    routed = {f"Link {e.source}→{e.target}": e.points for e in layout.edges if len(e.points) > 2}
    assert routed, "the feedback loop needs a routed link"
    prs = Presentation(str(built / f"{STEM}.pptx"))
    shapes = {s.name: s for s in _routed_links(prs.slides[DIAGRAM_SLIDES[1] - 1])}
    assert set(shapes) == set(routed)
    for name, points in routed.items():
        drawn = _path_points(shapes[name])
        assert len(drawn) == len(points)
        for (x, y), (dx, dy) in zip(points, drawn, strict=True):
            assert abs(x + area.x - dx) < 0.5 and abs(y + area.y - dy) < 0.5, name
