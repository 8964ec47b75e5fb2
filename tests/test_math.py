"""LaTeX math: Unicode for inline math in the PPTX, plan-time errors with locations, Marp display blocks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lecturedeck.latex.spelling import display_style
from lecturedeck.mathtext import (
    DISPLAY_SCALE,
    HEIGHT_STEP_EM,
    display_height,
    height_steps,
    marp_display,
    math_error,
    render_png,
    rows_tall,
    slants,
    to_unicode,
    unicode_text,
)
from tests.conftest import require, run_deck
from tests.courses import write_course


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("d_k", "d_k"),  # ₖ is not in Arial / Liberation Sans: a lowered run
        ("x_i", "xᵢ"),
        ("x^2", "x²"),
        (r"\alpha", "α"),
        (r"\sqrt{d_k}", "√d_k"),
        (r"QK^\top", "QKᵀ"),
        (r"QK^T", "QKᵀ"),
        (r"\approx", "≈"),
        (r"\times", "×"),
        (r"\frac{a}{b}", "a/b"),
        (r"\frac{a+b}{c}", "(a+b)/c"),
        (r"\frac{QK^\top}{\sqrt{d_k}}", "QKᵀ/√d_k"),
        (r"0.9^{10} \approx 0.35", "0.9^(10) ≈ 0.35"),  # ⁰ is not in the text font: a raised run
        (r"0.9^{2}", "0.9²"),
        (r"\mathrm{softmax}", "softmax"),
        (r"\mathbb{E}", "𝔼"),
        (r"\theta \leftarrow \theta - \eta \nabla_{\theta} L", "θ ← θ−η∇_θL"),
        (r"\left( x \right)", "(x)"),
    ],
)
def test_inline_latex_becomes_unicode(latex: str, text: str) -> None:
    assert unicode_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "slanted"),
    [
        (r"E = mc^2", [("E", True), (" = ", False), ("mc²", None)]),
        (r"\mathrm{softmax}(x)", [("softmax(", False), ("x", True), (")", False)]),
        (r"\log p_\theta", [("log\u2009", False), ("pθ", True)]),
        (r"\alpha + \Omega", [("α", True), ("+Ω", False)]),
        (r"\mathbb{E}[x_i]", [("𝔼[", False), ("xᵢ", True), ("]", False)]),
        (r"\textit{if} 0.9", [("if", True), ("0.9", False)]),
    ],
)
def test_letters_are_italic_and_the_rest_upright_as_mathjax_sets_them(
    latex: str, slanted: list[tuple[str, bool | None]]
) -> None:
    """What the PPTX sets in italics in inline math (None: a mixed piece, checked character by character)."""
    pieces = [piece for run in to_unicode(latex) for piece in slants(run)]
    assert "".join(text for text, _ in pieces) == "".join(text for text, _ in slanted)
    italic = [it for text, it in pieces for _ in text]
    wanted = [ch.isalpha() if expected is None else expected for text, expected in slanted for ch in text]
    assert italic == wanted, latex


OPERATOR_SPACING = [
    (r"\ln n", "ln\u2009n"),
    (r"\log_2 n", "log₂\u2009n"),
    (r"O(n \log n)", "O(n\u2009log\u2009n)"),
    (r"\sin x", "sin\u2009x"),
    (r"\sin^2 x", "sin²\u2009x"),
    (r"\log(n)", "log(n)"),  # none before an opening bracket
    (r"\max_i x_i", "maxᵢ\u2009xᵢ"),
    (r"\max\{a, b\}", "max{a,\u2009b}"),
    (r"\lim_{n \to \infty} f(n)", "lim_(n→∞)\u2009f(n)"),
    (r"\log\log n", "log\u2009log\u2009n"),
    (r"a = \log n", "a = log\u2009n"),  # a relation's own spaces, no more
    (r"\sin -x", "sin\u2009−x"),  # − after an operator name is a sign
    (r"\log\,n", "log\u2009n"),  # an explicit space is not doubled
    (r"\operatorname{rank} A", "rank\u2009A"),
    (r"\frac{\log n}{n}", "(log\u2009n)/n"),
    (r"\log", "log"),
]


@pytest.mark.parametrize(("latex", "text"), OPERATOR_SPACING)
def test_operator_names_get_the_thin_space_tex_gives_them(latex: str, text: str) -> None:
    """As MathJax sets them in the HTML: a thin space between an operator name (its scripts included) and a
    letter, digit or another operator name on either side; none before a bracket, punctuation or a relation."""
    assert unicode_text(latex) == text


def test_the_fit_step_measures_inline_math_at_least_as_wide_as_the_pptx_writes_it() -> None:
    """The PPTX paragraph holds exactly the Unicode text (thin spaces included, in a face that has them: Liberation
    Sans, 0.2 em, not a fallback font), and the fit step never measures a formula narrower than that text."""
    from pptx import Presentation

    from lecturedeck.inline import Span
    from lecturedeck.layout.deck import layout_deck
    from lecturedeck.plan.fonts import latin_has
    from lecturedeck.plan.measure import measurer
    from lecturedeck.plan.model import Deck, ParagraphsBlock, Slide, SlideRole
    from lecturedeck.render.pptx import render_pptx
    from lecturedeck.themes import load_theme

    theme = load_theme("lecture")
    paragraphs = tuple((Span(latex, math=True),) for latex, _ in OPERATOR_SPACING)
    slide = Slide(SlideRole.CONTENT, "text", (Span("Operators"),), blocks=(ParagraphsBlock(paragraphs),))
    deck = Deck("C", "L", "01", "en-US", "lecture", (slide,))
    prs = Presentation(io.BytesIO(render_pptx(layout_deck(deck, theme), theme)))
    written = [p.text for p in prs.slides[0].placeholders[1].text_frame.paragraphs]
    breaking = str.maketrans({"\u202f": "\u2009", "\u00a0": " "})  # the PPTX may write spaces no-break
    wanted = [text.replace("_(n→∞)", "n→∞") for _, text in OPERATOR_SPACING]  # lowered: a run, no mark
    assert [text.translate(breaking) for text in written] == wanted

    assert all(latin_has(theme.fonts, False, False, ch) for ch in set("".join(written)) if ch.isspace())
    measure, size = measurer(theme), theme.sizes.base
    for spans, text in zip(paragraphs, written, strict=True):
        assert measure.text_width(spans, size) >= measure.text_width((Span(text),), size) - 1e-6, text


def test_scripts_without_unicode_forms_become_raised_or_lowered_runs() -> None:
    runs = to_unicode(r"\epsilon_\theta")
    assert [(r.text, r.shift) for r in runs] == [("ϵ", 0), ("θ", -1)]
    assert [(r.text, r.shift) for r in to_unicode("e^{i\\pi}")] == [("e", 0), ("iπ", 1)]


@given(st.text(max_size=40))
def test_unicode_conversion_never_crashes(latex: str) -> None:
    unicode_text(latex)


@pytest.mark.parametrize(
    ("latex", "fragment"),
    [
        (r"\frac{a}{b", "the '{' at column 9 is never closed"),
        (r"a}", "the '}' at column 2 closes something that was never opened"),
        (r"\foo x", "unsupported command \\foo at column 1"),
        ("a $$ b", "cannot contain '$'"),
        ("a $ b", "cannot contain '$'"),
        (r"\text{注意} x", "math font has no"),
        ("   ", "empty"),
    ],
)
def test_bad_formulas_are_explained(latex: str, fragment: str) -> None:
    problem = math_error(latex)
    assert problem is not None and fragment in problem


@pytest.mark.parametrize(
    "latex",
    [
        r"\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
        r"L = \mathbb{E}_{x_0,\,\epsilon,\,t}\left[\left\| \epsilon - \epsilon_\theta(x_t, t) \right\|^2\right]",
        r"a \\ b",
        r"\$5",
    ],
)
def test_good_formulas_pass(latex: str) -> None:
    assert math_error(latex) is None


def test_rows_and_marp_display() -> None:
    assert rows_tall(r"a &= b \\ c &= d") == 2
    assert marp_display("a\n\n= b") == "a = b"  # one line: a blank line cannot end the block
    assert marp_display(r"a &= b \\ c &= d") == r"\begin{aligned}a &= b \\ c &= d\end{aligned}"
    assert marp_display(r"a \\ b") == r"\begin{gathered}a \\ b\end{gathered}"


def test_formula_png_is_crisp() -> None:
    image = render_png(r"\frac{a}{b}", 28, "#2F3437")
    assert image.png.startswith(b"\x89PNG")
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(image.png)) as png:
        assert png.width >= 2 * image.width and png.height >= 2 * image.height


def _course(tmp_path: Path, formula: str, item: str = "x") -> Path:
    lecture = (
        "title: L\nsections:\n  - title: S\n    slides:\n      - kind: math\n        title: M\n"
        f"        formula: '{formula}'\n        items: ['{item}']\n"
    )
    return write_course(tmp_path / "c", {"01.yaml": lecture}, title="T", lang=None)


@pytest.mark.parametrize("formula", [r"\frac{a}{b", r"\nosuchcommand x", "a $$ b"])
def test_latex_errors_are_located_outline_errors(tmp_path: Path, formula: str) -> None:
    result = run_deck("check", _course(tmp_path, formula))
    assert result.returncode == 2, result.stderr
    assert "01.yaml:7:" in result.stderr and "Traceback" not in result.stderr


def test_inline_latex_errors_are_outline_errors(tmp_path: Path) -> None:
    result = run_deck("check", _course(tmp_path, "x^2", item=r"see $\frac{a}{b$"))
    assert result.returncode == 2
    assert "01.yaml:" in result.stderr and "inline math" in result.stderr


TALL = {
    "infonce": r"\mathcal{L} = -\log \frac{\exp(\mathrm{sim}(z_i, z_j)/\tau)}"
    r"{\sum_{k=1}^{2N} \mathbb{1}_{[k \neq i]} \exp(\mathrm{sim}(z_i, z_k)/\tau)}",
    "attention": r"\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
    "limits": r"\sum_{i=1}^{N} x_i = \lim_{n \to \infty} \frac{1}{n}",
    "rows": r"a = b + c \\ \frac{a}{b} \times \alpha",
    "small": r"0.9^{10} \approx 0.35",
}


def test_display_fractions_are_drawn_full_size_like_mathjax() -> None:
    assert display_style(r"\frac{a}{b} + \frac12 + \dfrac{c}{d}") == r"\dfrac{a}{b} + \dfrac12 + \dfrac{c}{d}"
    text_style = render_png(r"a^{\frac{a}{b}}", 28, "#000000")  # a script: stays small
    display = render_png(r"\frac{a}{b}", 28, "#000000")
    assert display.height > 2 * 28 * 0.75 and text_style.width > 0


@pytest.mark.parametrize("theme_name", ["lecture", "contrast"])
@pytest.mark.parametrize("name", list(TALL))
def test_formulas_get_the_height_they_need_and_are_never_shrunk_below_the_minimum(name: str, theme_name: str) -> None:
    """The height the fit step reserves (and the HTML's max-height) holds the formula drawn at
    DISPLAY_SCALE × sizes.base, so the PPTX picture is not shrunk by height; its text stays above sizes.min."""
    from lecturedeck.plan.metrics import MATH_ROW_EM
    from lecturedeck.themes import load_theme

    theme = load_theme(theme_name)
    latex, base = TALL[name], theme.sizes.base
    reserved = display_height(latex, base, MATH_ROW_EM)
    assert reserved >= rows_tall(latex) * MATH_ROW_EM * base
    assert reserved == height_steps(latex, base, MATH_ROW_EM) * HEIGHT_STEP_EM * base
    image = render_png(latex, base * DISPLAY_SCALE, theme.colors.text)
    assert image.height <= reserved + 1e-6
    width = 1152  # the body width
    scale = min(1.0, width / image.width, reserved / image.height)
    assert base * DISPLAY_SCALE * scale >= theme.sizes.min


def test_pptx_formula_picture_is_not_shrunk_and_html_gets_the_same_height(tmp_path: Path) -> None:
    from pptx import Presentation

    from lecturedeck.plan.metrics import MATH_ROW_EM
    from lecturedeck.themes import load_theme

    latex = TALL["infonce"]
    course = _course(tmp_path, latex)
    result = run_deck("build", course, "--out", tmp_path / "out", "--to", "pptx")
    assert result.returncode == 0, result.stderr
    (pptx,) = (tmp_path / "out").rglob("*.pptx")
    pictures = [s for slide in Presentation(str(pptx)).slides for s in slide.shapes if s.name == "Formula"]
    assert len(pictures) == 1
    base = load_theme("lecture").sizes.base
    image = render_png(latex, base * DISPLAY_SCALE, load_theme("lecture").colors.text)
    assert abs(pictures[0].height / 9525 - image.height) < 1  # drawn at full size
    assert pictures[0].height / 9525 <= display_height(latex, base, MATH_ROW_EM) + 1


ROOTS_AFTER_CHINESE = r"""title: L
sections:
  - title: S
    slides:
      - kind: bullets
        title: M
        items:
          - '缩放因子 $\sqrt{d_k}$ 防止点积过大'
          - '距离 $\sqrt{x^2+y^2}$ 与 $\frac{1}{\sqrt{2\pi}}$'
"""


@pytest.mark.client
def test_libreoffice_draws_an_inline_root_after_chinese_text_in_the_latin_font(tmp_path: Path) -> None:
    """√ belongs to no script: LibreOffice draws it in the run's East Asian font when CJK text comes before it, and
    a CJK font's √ is a wide, upright glyph with its own overbar. Inline math names the Latin face for both."""
    import pymupdf
    from bench.quality import soffice, to_pdf

    require(soffice() is not None, "LibreOffice (soffice)")
    course = write_course(tmp_path / "c", {"01.yaml": ROOTS_AFTER_CHINESE}, title="T", lang="zh-CN")
    result = run_deck("build", course, "--out", tmp_path / "out", "--to", "pptx")
    assert result.returncode == 0, result.stderr
    (pdf,) = to_pdf(list((tmp_path / "out").rglob("*.pptx")), tmp_path / "pdf")
    fonts: dict[str, set[str]] = {"√": set(), "d": set(), "缩": set()}
    for page in pymupdf.open(pdf):
        if "√" not in page.get_text():
            continue
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for char in span["chars"]:
                        if char["c"] in fonts:
                            fonts[char["c"]].add(span["font"])
    family = {face.removesuffix("-Italic") for face in fonts["√"] | fonts["d"]}
    assert len(family) == 1 and "Liberation" in family.pop(), fonts  # the math's Latin font (d in its italic)
    assert fonts["缩"] and fonts["缩"] != fonts["d"], fonts  # the Chinese text keeps its CJK face


INTRO_LECTURE = r"""title: L
sections:
  - title: S
    slides:
      - kind: math
        title: Attention
        intro:
          - '**4.1 The model**'
          - 'The attention of a query over all keys is:'
        formula: \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V
        items: ['$d_k$: the keys'' dimension']
"""


@pytest.mark.client
def test_an_intro_leads_into_the_formula_in_both_outputs(tmp_path: Path, browser) -> None:
    """`intro` paragraphs stand above the formula and the items below it, in the HTML and in the PPTX."""
    from pptx import Presentation

    from lecturedeck.build import load_and_plan
    from lecturedeck.plan.model import BulletsBlock, MathBlock, ParagraphsBlock

    course = write_course(tmp_path / "c", {"01.yaml": INTRO_LECTURE})
    (planned,) = load_and_plan([course])
    blocks = planned.decks[0].slides[-1].blocks
    assert [type(b) for b in blocks] == [ParagraphsBlock, MathBlock, BulletsBlock]
    result = run_deck("build", course, "--out", tmp_path / "out", "--to", "html,pptx")
    assert result.returncode == 0, result.stderr
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((tmp_path / "out" / "c" / "01.html").as_uri() + "#4")
    page.wait_for_timeout(300)
    tops = page.evaluate(
        """() => { const s = document.querySelector('svg.bespoke-marp-active section');
        const y = e => e.getBoundingClientRect().top;
        return [...s.querySelectorAll('.frame p'), s.querySelector('mjx-container'), s.querySelector('li')]
          .map(e => [e.textContent.trim().slice(0, 12), y(e)]); }"""
    )
    page.close()
    assert [text for text, _ in tops[:2]] == ["4.1 The mode", "The attentio"]
    assert [y for _, y in tops] == sorted(y for _, y in tops)  # intro, intro, formula, item: top to bottom
    slide = Presentation(str(tmp_path / "out" / "c" / "01.pptx")).slides[-1]
    texts = {shape.text_frame.text.split("\n")[0]: shape.top for shape in slide.shapes if shape.has_text_frame}
    formula = next(shape.top for shape in slide.shapes if shape.name == "Formula")
    item = next(top for text, top in texts.items() if text.endswith("the keys' dimension"))  # d with a lowered k
    assert texts["4.1 The model"] < formula < item
