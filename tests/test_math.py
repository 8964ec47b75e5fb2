"""LaTeX math: Unicode for inline math in the PPTX, plan-time errors with locations, Marp display blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lecturedeck.mathtext import marp_display, math_error, render_png, rows, to_unicode, unicode_text
from tests.conftest import run_deck


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("d_k", "dₖ"),
        ("x^2", "x²"),
        (r"\alpha", "α"),
        (r"\sqrt{d_k}", "√dₖ"),
        (r"QK^\top", "QKᵀ"),
        (r"QK^T", "QKᵀ"),
        (r"\approx", "≈"),
        (r"\times", "×"),
        (r"\frac{a}{b}", "a/b"),
        (r"\frac{a+b}{c}", "(a+b)/c"),
        (r"\frac{QK^\top}{\sqrt{d_k}}", "QKᵀ/√dₖ"),
        (r"0.9^{10} \approx 0.35", "0.9¹⁰ ≈ 0.35"),
        (r"\mathrm{softmax}", "softmax"),
        (r"\mathbb{E}", "𝔼"),
        (r"\theta \leftarrow \theta - \eta \nabla_{\theta} L", "θ ← θ−η∇_θL"),
        (r"\left( x \right)", "(x)"),
    ],
)
def test_inline_latex_becomes_unicode(latex: str, text: str) -> None:
    assert unicode_text(latex) == text


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
        (r"\frac{a}{b", "unbalanced braces"),
        (r"a}", "unbalanced braces"),
        (r"\foo x", "Unknown symbol"),
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
    assert rows(r"a &= b \\ c &= d") == ["a  = b", "c  = d"]
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
    course = tmp_path / "c"
    course.mkdir()
    (course / "course.yaml").write_text("title: T\nlectures: [01.yaml]\n", encoding="utf-8")
    (course / "01.yaml").write_text(
        "title: L\nsections:\n  - title: S\n    slides:\n      - kind: math\n        title: M\n"
        f"        formula: '{formula}'\n        items: ['{item}']\n",
        encoding="utf-8",
    )
    return course


@pytest.mark.parametrize("formula", [r"\frac{a}{b", r"\nosuchcommand x", "a $$ b"])
def test_latex_errors_are_located_outline_errors(tmp_path: Path, formula: str) -> None:
    result = run_deck("check", _course(tmp_path, formula))
    assert result.returncode == 2, result.stderr
    assert "01.yaml:7:" in result.stderr and "Traceback" not in result.stderr


def test_inline_latex_errors_are_outline_errors(tmp_path: Path) -> None:
    result = run_deck("check", _course(tmp_path, "x^2", item=r"see $\frac{a}{b$"))
    assert result.returncode == 2
    assert "01.yaml:" in result.stderr and "inline math" in result.stderr
