"""Both outputs render with the same fonts and colours, in the real clients.

A small deck is built with the real CLI; Chromium's platform fonts (CDP `CSS.getPlatformFontsForNode`)
and computed colours for the HTML are compared with LibreOffice's PDF of the PPTX (`pdftohtml -xml`
gives each text piece's embedded font, colour and weight; `pdffonts` lists every embedded font):
Latin, CJK and monospace text use the same families, bold looks the same, and every code token has
the same colour and weight.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bench.quality import soffice, to_pdf
from lxml import etree

from lecturedeck.inline import parse_inline
from lecturedeck.plan.measure import WIDTH_SAFETY, Measurer
from lecturedeck.themes import load_theme
from tests.conftest import ROOT, require, require_marp, require_tool, run_deck

COURSE = """\
title: Font parity 字体
lang: zh-CN
theme: lecture
lectures: [01-fonts.yaml]
"""
LECTURE = """\
title: Fonts 字体
sections:
  - title: Probe
    slides:
      - kind: bullets
        title: Probe Title
        items:
          - Quick brown fox jumps
          - 敏捷的棕色狐狸跳过懒狗
          - "**Bold words** and plain"
          - "**加粗强调**与正文"
          - "`mono_code` inline"
      - kind: code
        title: 代码示例
        language: python
        highlight: [4]
        code: |
          def area(radius):
              # circle sizing
              # 面积
              return 3.14 * radius ** 2
          print("done", None)
      - kind: bullets
        title: A title that is long enough to fill most of its one line
        items:
          - One item
"""
LONG_TITLE = "A title that is long enough to fill most of its one line"  # took two lines measured in Noto's Latin

# (probe text, what it is): each probe is a whole text run in both outputs
FONT_PROBES = {
    "Probe Title": "latin",
    "Quick brown fox jumps": "latin",
    "Bold words": "latin",
    "代码示例": "cjk",
    "敏捷的棕色狐狸跳过懒狗": "cjk",
    "加粗强调": "cjk",
    "mono_code": "mono",
    "def": "mono",
}
CJK_COMMENT = "# 面积"  # CJK in a code comment: the mono font for '#', the East Asian font for the rest
CODE_TOKENS = [  # keyword, function, plain, comment, number; on the highlighted line (bold); builtin, string, literal
    *("def", "area", "(radius):", "# circle sizing"),
    *("return", "3.14", "* radius **", "2"),
    *("print", '"done"', "None"),
]
IN_HTML = {'"done"': "done"}  # Pygments splits a string into quote, text, quote: three spans in the HTML
EXPECTED = {"latin": "liberationsans", "cjk": "notosanscjk", "mono": "liberationmono"}  # on Debian CI


def family_key(name: str) -> str:
    """'ABCDEF+NotoSansCJKjp-Bold-VKana' / 'Noto Sans CJK SC' → 'notosanscjk'; 'Liberation Sans' → 'liberationsans'.

    Noto Sans CJK is one OpenType collection whose CFF outlines carry the JP name in every face: LibreOffice's
    PDF names the font NotoSansCJKjp whichever face it used (with lang zh-CN the shaping picks the SC forms),
    so the regional suffix is dropped."""
    name = name.split("+", 1)[-1]
    name = re.sub(r"-(Regular|Bold|Italic|BoldItalic|Oblique|BoldOblique|Medium)?(-VKana)?$", "", name)
    key = name.replace(" ", "").replace("-", "").casefold()
    return re.sub(r"(cjk)(jp|sc|tc|kr|hk)$", r"\1", key)


@dataclass(frozen=True)
class Piece:
    text: str
    family: str
    color: str
    bold: bool


@pytest.fixture(scope="module")
def parity_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(HTML, PDF of the PPTX) of the probe deck."""
    require_marp()
    require(soffice() is not None, "LibreOffice (soffice)")
    require_tool("pdftohtml")
    src = tmp_path_factory.mktemp("course") / "parity"
    src.mkdir()
    (src / "course.yaml").write_text(COURSE, encoding="utf-8")
    (src / "01-fonts.yaml").write_text(LECTURE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = run_deck("build", src, "--out", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    deck = out / "parity"
    (pdf,) = to_pdf([deck / "01-fonts.pptx"], tmp_path_factory.mktemp("pdf"))
    return deck / "01-fonts.html", pdf


def pdf_pieces(pdf: Path) -> list[Piece]:
    """Every text piece LibreOffice drew: its font family, colour and weight (poppler's pdftohtml)."""
    xml = subprocess.run(
        [require_tool("pdftohtml"), "-xml", "-i", "-stdout", str(pdf)], capture_output=True, check=True, timeout=120
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    fonts = {f.get("id"): (family_key(f.get("family")), f.get("color").upper()) for f in root.iter("fontspec")}
    pieces = []
    for text in root.iter("text"):
        family, color = fonts[text.get("font")]
        pieces.append(Piece("".join(text.itertext()).strip(), family, color, text.find("b") is not None))
    return pieces


def pdffonts_families(pdf: Path) -> set[str]:
    out = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return {family_key(line.split()[0]) for line in out.splitlines()[2:] if line.strip()}


SHOW_ALL = (
    "svg[data-marpit-svg]{content-visibility:visible!important;display:block!important;"
    "opacity:1!important;position:static!important}"
)
MARK_JS = """(probes) => {
  const found = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (!probes.includes(text) || found[text]) continue;
    const el = document.createElement('span');  // only this text: no list marker, no sibling text
    n.replaceWith(el); el.appendChild(n); el.setAttribute('data-probe', text);
    const cs = getComputedStyle(el);
    found[text] = {color: cs.color, weight: Number(cs.fontWeight)};
  }
  return found;
}"""


def rgb_hex(css: str) -> str:
    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


@pytest.fixture(scope="module")
def html_probes(parity_build: tuple[Path, Path], browser: Any) -> dict[str, dict[str, Any]]:
    """Per probe text: Chromium's platform font families, computed colour and weight."""
    html, _ = parity_build
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(html.as_uri())
        page.add_style_tag(content=SHOW_ALL)
        probes = sorted({*FONT_PROBES, *(IN_HTML.get(t, t) for t in CODE_TOKENS), CJK_COMMENT})
        found = page.evaluate(MARK_JS, probes)
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
        for text, info in found.items():
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"[data-probe={_css_string(text)}]"})
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            info["families"] = {family_key(f["familyName"]) for f in fonts}
            info["color"] = rgb_hex(info["color"])
        return found
    finally:
        page.close()


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pdf_piece(pieces: list[Piece], text: str) -> Piece:
    matches = [p for p in pieces if p.text == text]
    assert matches, f"LibreOffice drew no text piece {text!r}"
    return matches[0]


@pytest.mark.client
def test_latin_cjk_and_mono_text_use_the_same_families(
    parity_build: tuple[Path, Path], html_probes: dict[str, dict[str, Any]]
) -> None:
    _, pdf = parity_build
    pieces = pdf_pieces(pdf)
    for text, role in FONT_PROBES.items():
        assert text in html_probes, f"Chromium shows no text {text!r}"
        in_html = html_probes[text]["families"]
        in_pdf = _pdf_piece(pieces, text).family
        message = f"{role} text {text!r}: Chromium {in_html}, LibreOffice {in_pdf}"
        assert in_html == {in_pdf} == {EXPECTED[role]}, message
    mixed = {_pdf_piece(pieces, "#").family, _pdf_piece(pieces, "面积").family}
    assert html_probes[CJK_COMMENT]["families"] == mixed == {EXPECTED["mono"], EXPECTED["cjk"]}
    # nothing else is embedded: no substitute family (DejaVu Sans, …) anywhere in LibreOffice's PDF
    assert pdffonts_families(pdf) == set(EXPECTED.values())


@pytest.mark.client
def test_bold_and_code_tokens_have_the_same_colour_and_weight(
    parity_build: tuple[Path, Path], html_probes: dict[str, dict[str, Any]]
) -> None:
    _, pdf = parity_build
    pieces = pdf_pieces(pdf)
    body = _pdf_piece(pieces, "Quick brown fox jumps")
    for text in ("Bold words", "加粗强调"):
        piece, html = _pdf_piece(pieces, text), html_probes[text]
        assert piece.bold and html["weight"] >= 700, text
        assert html["color"] == piece.color == body.color, f"bold {text!r}: Chromium {html['color']}, PDF {piece.color}"
    code = pieces[pieces.index(_pdf_piece(pieces, "代码示例")) :]  # the code slide's title and on (not slide numbers)
    colours = set()
    for text in CODE_TOKENS:
        piece, html = _pdf_piece(code, text), html_probes[IN_HTML.get(text, text)]
        assert html["color"] == piece.color, f"code token {text!r}: Chromium {html['color']}, LibreOffice {piece.color}"
        assert (html["weight"] >= 700) == piece.bold, f"code token {text!r}: bold differs"
        colours.add(piece.color)
    assert len(colours) >= 5  # keyword, function, comment, number, string, plain: really coloured


DRAWN_JS = """(texts) => texts.map(text => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent.trim() !== text) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
    const cs = getComputedStyle(n.parentElement);
    return {lines: new Set(rects.map(r => Math.round(r.top))).size,
            width: Math.max(...rects.map(r => r.right)) - Math.min(...rects.map(r => r.left)),
            size: parseFloat(cs.fontSize), bold: Number(cs.fontWeight) >= 700};
  }
  return null;
})"""


@pytest.mark.client
def test_latin_text_is_measured_as_wide_as_chromium_draws_it(parity_build: tuple[Path, Path], browser: Any) -> None:
    """Latin text is measured in the face both clients draw it in (Liberation Sans, not Noto Sans CJK's wider
    Latin letters): a title measured to fit one line is drawn on one line, with no empty band under it."""
    html, _ = parity_build
    texts = ["Probe Title", "Quick brown fox jumps", LONG_TITLE]
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(html.as_uri())
        page.add_style_tag(content=SHOW_ALL)
        drawn = dict(zip(texts, page.evaluate(DRAWN_JS, texts), strict=True))
    finally:
        page.close()
    ms = Measurer(load_theme("lecture"))
    for text in texts:
        assert drawn[text] is not None, f"Chromium shows no text {text!r}"
        measured = ms.text_width(parse_inline(text), drawn[text]["size"], drawn[text]["bold"]) / WIDTH_SAFETY
        assert measured == pytest.approx(drawn[text]["width"], rel=0.02), text
    assert ms.title_lines(parse_inline(LONG_TITLE)) == 1
    assert drawn[LONG_TITLE]["lines"] == 1
