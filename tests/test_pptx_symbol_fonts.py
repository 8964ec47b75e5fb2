"""Symbols the Latin face has are drawn in it in the PPTX, as in the HTML and as the layout measured them.

PowerPoint puts curly quotes, arrows, ×, ° and the like in a run's East Asian slot, and LibreOffice does so after
Chinese text; so they go in runs whose `a:ea` names the Latin face too (render/pptx/slots.py). LibreOffice draws
°, ×, · and θ in the Latin face anyway (they stay in the Chinese text's run); the arrow and the quotes it drew in the
CJK face.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturedeck.render.pptx.slots import font_slots, script_stretches
from tests.conftest import require, run_deck
from tests.courses import write_course

SYMBOLS = r"""title: L
sections:
  - title: S
    slides:
      - kind: bullets
        title: 符号
        items:
          - '编码器→解码器'
          - '他说“你好”然后离开'
          - '温度25°矩阵3×3'
          - '课程·概述角θ'
"""
LATIN_SYMBOLS = "→“”°×·θ"  # each right after CJK text above


def _arial_has(ch: str) -> bool:
    return ch in "→“”°×·θ—≤é"  # not ①


@pytest.mark.parametrize(
    ("text", "stretches"),
    [
        ("纯中文文本", [("纯中文文本", False)]),
        ("plain ASCII", [("plain ASCII", False)]),
        ("编码器 → 解码器", [("编码器 ", False), ("→ ", True), ("解码器", False)]),
        ("“Attention” 论文", [("“Attention” ", True), ("论文", False)]),
        ("A → B — C", [("A → B — C", True)]),
        ("见 ① 和 ≤", [("见 ① 和 ", False), ("≤", True)]),
        ("课程 · 概述 θ é", [("课程 · 概述 θ é", False)]),  # Latin in every client: no run of its own
        ("温度25°", [("温度25", False), ("°", True)]),  # but PowerPoint gives ° the East Asian slot
    ],
)
def test_stretches_change_only_where_the_slot_does(text: str, stretches: list[tuple[str, bool]]) -> None:
    assert font_slots(text, _arial_has) == stretches
    assert "".join(piece for piece, _ in stretches) == text


@pytest.mark.client
def test_libreoffice_draws_symbols_after_chinese_text_in_the_latin_font(tmp_path: Path) -> None:
    fonts, _ = _drawn_by_libreoffice(SYMBOLS, f"{LATIN_SYMBOLS}编", tmp_path)
    latin = {font for ch in LATIN_SYMBOLS for font in fonts[ch]}
    assert len(latin) == 1 and "LiberationSans" in latin.pop(), fonts  # Arial's face, as in the HTML
    assert fonts["编"] and all("CJK" in font for font in fonts["编"]), fonts  # the Chinese text keeps its CJK face


LINKED = r"""title: L
sections:
  - title: S
    slides:
      - kind: bullets
        title: 链接
        items:
          - '见 [Transformer 论文](https://example.com/attention) 第三节'
"""


@pytest.mark.parametrize(
    ("text", "stretches"),
    [
        ("Transformer 论文", ["Transformer ", "论文"]),
        ("《Attention》一文", ["《", "Attention", "》一文"]),  # full-width punctuation is CJK text
        ("论文 v2.0（PDF）", ["论文 ", "v2.0", "（", "PDF", "）"]),
        ("https://example.com", ["https://example.com"]),
        ("纯中文", ["纯中文"]),
    ],
)
def test_a_link_is_cut_where_its_script_changes(text: str, stretches: list[str]) -> None:
    assert script_stretches(text) == stretches


@pytest.mark.client
def test_libreoffice_draws_a_link_that_holds_chinese_in_both_faces(tmp_path: Path) -> None:
    """LibreOffice draws a hyperlink run in one face, chosen by its text: a link holding Chinese would draw its
    Latin letters in the CJK face (~3% wider than measured, and unlike the HTML). A link is written as one run
    per script, each with the link, so Latin letters get the Latin face and Chinese the CJK one."""
    fonts, links = _drawn_by_libreoffice(LINKED, "Transformer论", tmp_path)
    latin = {font for ch in "Transformer" for font in fonts[ch]}
    assert latin and all("LiberationSans" in font for font in latin), fonts
    assert fonts["论"] and all("CJK" in font for font in fonts["论"]), fonts
    assert "https://example.com/attention" in links  # still a clickable link (one area per run)


def _drawn_by_libreoffice(lecture: str, chars: str, tmp_path: Path) -> tuple[dict[str, set[str]], set[str]]:
    """The lecture built to PPTX and converted to PDF by LibreOffice: the faces each of `chars` is drawn in, and
    the link targets of the pages."""
    import pymupdf
    from bench.quality import soffice, to_pdf

    require(soffice() is not None, "LibreOffice (soffice)")
    course = write_course(tmp_path / "c", {"01.yaml": lecture}, title="T", lang="zh-CN")
    result = run_deck("build", course, "--out", tmp_path / "out", "--to", "pptx")
    assert result.returncode == 0, result.stderr
    (pdf,) = to_pdf(list((tmp_path / "out").rglob("*.pptx")), tmp_path / "pdf")
    fonts: dict[str, set[str]] = {ch: set() for ch in chars}
    links: set[str] = set()
    for page in pymupdf.open(pdf):
        links |= {link["uri"] for link in page.get_links() if "uri" in link}
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for char in span["chars"]:
                        if char["c"] in fonts:
                            fonts[char["c"]].add(span["font"].split("+")[-1])
    return fonts, links
