"""Math, code listings, timelines, model cards and SVG images with credits, built through the real CLI
(tests/fixtures/rich/attention: seeds 001 and 002) and checked in Chromium, in the PPTX and in LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.quality import pdf_figures, soffice, to_pdf
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from lecturedeck.plan.geometry import EMU_PER_PX
from tests.conftest import ROOT, require, require_marp, run_deck
from tests.marp_html import external_resources, read_deck

COURSE = ROOT / "tests" / "fixtures" / "rich" / "attention"
ATTENTION = r"\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V"
THEMES = ("lecture", "contrast")


@pytest.fixture(scope="module", params=THEMES)
def build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_marp()
    out = tmp_path_factory.mktemp(f"rich-{request.param}")
    result = run_deck("build", COURSE, "--out", out, "--theme", request.param)
    assert result.returncode == 0, result.stderr
    return out / "attention"


def _shapes(pptx: Path) -> list[list[object]]:
    return [list(slide.shapes) for slide in Presentation(str(pptx)).slides]


def _texts(shapes: list[object]) -> str:
    return "\n".join(s.text_frame.text for s in shapes if s.has_text_frame)  # type: ignore[attr-defined]


@pytest.mark.client
def test_html_loads_nothing_from_the_network(build: Path) -> None:
    for html in build.glob("*.html"):
        assert external_resources(html.read_text(encoding="utf-8")) == []


@pytest.mark.client
def test_chromium_shows_math_timeline_cards_code_and_images(build: Path, browser) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    for html in sorted(build.glob("0*.html")):
        slides, _ = read_deck(html.read_text(encoding="utf-8"))
        assert not any("$$" in text for text in slides), "raw $$ left in the slide text"
        page = browser.new_page(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
        requests: list[str] = []
        page.on("request", lambda r, s=requests: s.append(r.url) if r.url.startswith(("http:", "https:")) else None)
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        found = page.evaluate(
            """() => {
              const out = {overflow: [], kinds: {}};
              for (const section of document.querySelectorAll('section[id]')) {
                const box = section.getBoundingClientRect();
                for (const sel of ['.math mjx-container svg', '.g.timeline-axis', '.g.event', '.g.model-card',
                                   '.g.chip', 'pre.code-lines', '.ln', '.line.hl', 'img', '.credit', '.caption']) {
                  for (const el of section.querySelectorAll(sel)) {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0) continue;
                    out.kinds[sel] = (out.kinds[sel] || 0) + 1;
                    const out_x = r.left < box.left - 1 || r.right > box.right + 1;
                    if (out_x || r.top < box.top - 1 || r.bottom > box.bottom - 40)  // 40: above the footer
                      out.overflow.push(section.id + ' ' + sel);
                  }
                }
              }
              return out;
            }"""
        )
        page.close()
        assert requests == [], f"{html.name} loaded {requests}"
        assert found["overflow"] == [], f"{html.name}: outside the slide's body: {found['overflow']}"
        seen += list(found["kinds"])
    for kind in (
        ".math mjx-container svg",
        ".g.event",
        ".g.model-card",
        ".g.chip",
        ".ln",
        ".line.hl",
        "img",
        ".credit",
    ):
        assert kind in seen, f"no visible {kind}"


@pytest.mark.client
def test_pptx_has_formula_pictures_unicode_math_and_listings(build: Path) -> None:
    slides = _shapes(build / "01-attention.pptx")
    pictures = [s for shapes in slides for s in shapes if s.shape_type == 13]  # type: ignore[attr-defined]
    formulas = {p._element.nvPicPr.cNvPr.get("descr") for p in pictures if p.name == "Formula"}  # type: ignore[attr-defined]
    assert ATTENTION in formulas
    text = "\n".join(_texts(shapes) for shapes in slides)
    for unicode in ("dk", "√dk", "QKᵀ", "0.910\u00a0≈\u00a00.35"):  # runs: k lowered, 10 raised; no-break math spaces
        assert unicode in text
    shifted = {
        (run.findtext(qn("a:t")), run.find(qn("a:rPr")).get("baseline"))
        for shapes in slides
        for shape in shapes
        for run in shape._element.iter(qn("a:r"))  # type: ignore[attr-defined]
    }
    assert ("k", "-25000") in shifted and ("10", "30000") in shifted
    assert "\\sqrt" not in text and "$" not in text
    assert " 1  import torch" in text and "19  " in text  # line numbers, continued after the split
    bands = [s.name for shapes in slides for s in shapes if s.name.startswith("Highlight line")]  # type: ignore[attr-defined]
    assert bands == ["Highlight line 6", "Highlight line 7"]
    assert "图：课程组绘制（CC BY 4.0）" in text  # the credit line
    svg = [p for p in pictures if p.name == "Image"]  # type: ignore[attr-defined]
    assert len(svg) == 2 and all(p.image.content_type == "image/png" for p in svg)  # type: ignore[attr-defined]
    for picture in svg:  # rasterised at ≥ 2× the displayed size
        px_w, _ = picture.image.size  # type: ignore[attr-defined]
        assert px_w >= 2 * Emu(picture.width) / EMU_PER_PX  # type: ignore[attr-defined]


@pytest.mark.client
def test_pptx_timeline_and_cards_are_native_shapes(build: Path) -> None:
    slides = _shapes(build / "02-models.pptx")
    names = [[s.name for s in shapes] for shapes in slides]  # type: ignore[attr-defined]
    timeline = next(n for n in names if "Timeline axis" in n)
    assert {"Period 1", "Period 2", "Period 3"} <= set(timeline)
    assert timeline.count("Event marker") == 9
    cards = [n for n in names if "Model card" in n]
    assert len(cards) == 4
    assert [n.count("Chip") for n in cards] == [2, 5, 3, 1]
    texts = [_texts(shapes) for shapes in slides]
    assert any("文心一言" in t and "百度 · 2023" in t for t in texts)


@pytest.mark.client
def test_libreoffice_renders_every_pptx_on_the_page(build: Path, tmp_path: Path) -> None:
    require(soffice() is not None, "LibreOffice (soffice)")
    pptx = sorted(build.glob("*.pptx"))
    for pdf in to_pdf(pptx, tmp_path):
        figures = pdf_figures(pdf)
        assert [(line.page, line.text) for line in figures.off_page] == []
        assert [(a.page, a.text[:30], b.text[:30]) for a, b in figures.overlaps] == []
