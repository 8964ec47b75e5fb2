"""Real client: LibreOffice renders a 60-slide Chinese deck; every page, all text, nothing off the page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from lecturedeck.inline import parse_inline as md
from lecturedeck.layout.deck import layout_deck
from lecturedeck.plan.model import (
    BulletsBlock,
    CodeBlock,
    Column,
    ColumnsBlock,
    Deck,
    DefinitionBlock,
    ImageBlock,
    ListItem,
    ParagraphsBlock,
    QuoteBlock,
    Slide,
    SlideRole,
    TableBlock,
)
from lecturedeck.render.pptx import render_pptx
from lecturedeck.themes import load_theme
from tests.conftest import require_tool

SLIDES = 60
RENDER_BUDGET_S = 5.0  # python-pptx only; typically ~0.3 s for 60 slides
PHRASES = ("人工智能大模型", "爆发期的标志事件", "缩放点积注意力", "参数规模持续增长")


def _item(text: str, *children: str) -> ListItem:
    return ListItem(md(text), tuple(ListItem(md(c)) for c in children))


def _content_slides(image: Path) -> list[Slide]:
    """One round of every block kind, with long Chinese lines that must wrap."""
    long = "Transformer 架构成为主流，参数规模持续增长，训练数据覆盖网页、书籍、代码等多种来源。"
    kinds = [
        (
            "bullets",
            BulletsBlock(
                (_item("**2020** GPT-3：1750 亿参数", "少样本学习"), _item(long), _item("[链接](https://example.org)"))
            ),
        ),
        ("text", ParagraphsBlock((md(long), md("第二段：*强调*与 `code`。")))),
        ("definition", DefinitionBlock(md("大语言模型（LLM）"), md(long))),
        ("quote", QuoteBlock(md("我们高估了技术的短期影响，却低估了它的长期影响。"), md("罗伊·阿马拉"))),
        (
            "columns",
            ColumnsBlock(
                Column(md("优点"), (BulletsBlock((_item("并行训练"), _item(long))),)),
                Column(md("缺点"), (BulletsBlock((_item("计算量大"),)),)),
                comparison=True,
            ),
        ),
        (
            "table",
            TableBlock(
                (md("模型"), md("机构"), md("参数")),
                tuple((md(f"模型{i}"), md("研究院"), md(f"{i}B")) for i in range(5)),
            ),
        ),
        (
            "code",
            CodeBlock(
                "python", "def attention(q, k, v):\n    # 缩放点积注意力\n    return (q @ k.T).softmax(-1) @ v\n"
            ),
        ),
        ("image", ImageBlock(image, "示意图", caption=md("图：示意"))),
    ]
    return [
        Slide(SlideRole.CONTENT, kind, md(f"爆发期的标志事件 {kind}"), blocks=(block,), notes="讲解要点。")
        for kind, block in kinds
    ]


def cjk_deck(image: Path) -> Deck:
    slides = [
        Slide(SlideRole.TITLE, "title", md("人工智能大模型"), subtitle=md("从发展历史到行业应用")),
        Slide(SlideRole.AGENDA, "agenda", md("本讲内容"), blocks=(BulletsBlock((_item("三个阶段"),)),)),
    ]
    while len(slides) < SLIDES:
        slides.append(Slide(SlideRole.SECTION, "section", md(f"第 {len(slides)} 部分"), subtitle=md("小节")))
        slides += _content_slides(image)[: SLIDES - len(slides)]
    return Deck("人工智能大模型", "大模型的发展历史", "02-history", "zh-CN", "lecture", tuple(slides[:SLIDES]))


@pytest.mark.client
def test_libreoffice_renders_every_slide_with_cjk_text_on_the_page(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    image = tmp_path / "chart.png"
    Image.new("RGB", (640, 360), (217, 130, 43)).save(image)
    deck = cjk_deck(image)

    started = time.perf_counter()
    data = render_pptx(layout_deck(deck, load_theme("lecture")), load_theme("lecture"))
    elapsed = time.perf_counter() - started
    print(f"render_pptx: {len(deck.slides)} slides in {elapsed:.2f} s")
    assert elapsed < RENDER_BUDGET_S

    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(pptx),
        ],
        env={**os.environ, "HOME": str(tmp_path)},
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file()

    subprocess.run([pdftotext, "-bbox", str(pdf), str(tmp_path / "bbox.html")], check=True, timeout=120)
    pages = etree.parse(str(tmp_path / "bbox.html")).getroot().iter("{*}page")
    words_per_page, off_page = [], []
    for number, page in enumerate(pages, start=1):
        width, height = float(page.get("width")), float(page.get("height"))
        words = list(page.iter("{*}word"))
        words_per_page.append(len(words))
        for word in words:
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            if x0 < -1 or y0 < -1 or x1 > width + 1 or y1 > height + 1:
                off_page.append((number, word.text))
    assert len(words_per_page) == len(deck.slides)
    assert all(words_per_page), "every page has text (at least its title)"
    assert off_page == []

    text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    for phrase in PHRASES:
        assert phrase in flat
    assert not re.search("[\u2f00-\u2fdf]", text), "no Kangxi radicals in place of CJK ideographs"


def test_missing_client_skips_locally_and_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_tool("soffice")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI installs it"):
        require_tool("soffice")
