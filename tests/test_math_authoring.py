"""Math as lecturers write it (issue 11 items 3, 4; issue 10 item 6): LaTeX eaten by double-quoted YAML,
LaTeX errors in plain words with a caret, multi-line environments in both outputs, deep nesting bounded."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation

from lecturedeck.build import PlannedCourse, load_and_plan
from lecturedeck.errors import DeckError, DeckErrors
from lecturedeck.latex.grid import Glyphs, layout, measure
from lecturedeck.latex.problems import MAX_DEPTH
from lecturedeck.latex.structure import parse
from lecturedeck.mathtext import (
    DISPLAY_SCALE,
    HEIGHT_STEP_EM,
    PAD_EM,
    PNG_SCALE,
    display_height,
    height_steps,
    marp_display,
    math_error,
    render_png,
    rows_tall,
    to_unicode,
    unicode_text,
)
from lecturedeck.plan.metrics import MATH_ROW_EM
from lecturedeck.plan.model import MathBlock
from lecturedeck.render.markdown import render_markdown
from lecturedeck.render.pptx import render_pptx
from lecturedeck.render.theme_css import render_theme_css
from lecturedeck.themes import load_theme
from tests.conftest import convert_to_html, require_marp
from tests.courses import write_course

THEME = load_theme("lecture")
BASE = THEME.sizes.base


def course(tmp_path: Path, slides: str, name: str = "c") -> Path:
    """A one-lecture course whose only section holds `slides` (YAML, indented for a slide list)."""
    return write_course(
        tmp_path / name, {"01.yaml": f"title: L\nsections:\n  - title: S\n    slides:\n{slides}"}, title="T"
    )


def problems(folder: Path) -> list[str]:
    """The located messages of loading and planning a course ([] if it plans)."""
    try:
        load_and_plan([folder])
    except DeckErrors as exc:
        return [str(e) for e in exc.errors]
    except DeckError as exc:
        return [str(exc)]
    return []


def where(folder: Path, needle: str) -> str:
    """`01.yaml:line:col` of the first character of `needle` in the lecture file."""
    lines = (folder / "01.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if needle in text)
    return f"01.yaml:{line + 1}:{lines[line].index(needle) + 1}:"


# ---- LaTeX that YAML escapes ate ------------------------------------------------------------------

EATEN = {  # LaTeX as typed → what the double-quoted escape turned into
    "times": r"3 \times 3",  # \t: a tab
    "beta": r"\beta",  # \b: a backspace
    "frac": r"\frac{a}{b}",  # \f: a form feed
    "alpha": r"\alpha + 1",  # \a: a bell
    "theta": r"\theta",  # \t
    "tau": r"2\tau",  # \t
    "nabla": r"\nabla f",  # \n: a line break (kept in text; a mistake only in math)
    "vec": r"\vec{v}",  # \v: a vertical tab
    "rho": r"\rho",  # \r: a carriage return
}
PLACES = {  # where the value goes, and the value as typed in double quotes
    "title": ("      - kind: math\n        title: {value}\n        formula: x\n", '"A ${latex}$ kernel"'),
    "bullet": (
        "      - kind: bullets\n        title: B\n        items:\n          - {value}\n",
        '"see ${latex}$ here"',
    ),
    "formula": ("      - kind: math\n        title: M\n        formula: {value}\n", '"{latex}"'),
}


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("name", list(EATEN))
def test_latex_eaten_by_double_quotes_is_a_located_error_with_the_single_quoted_form(
    tmp_path: Path, name: str, place: str
) -> None:
    slide, quoted = PLACES[place]
    value = quoted.replace("{latex}", EATEN[name])
    folder = course(tmp_path, slide.replace("{value}", value))
    found = problems(folder)
    fix = "'" + value.strip('"').replace("'", "''") + "'"
    assert len(found) == 1, found
    assert found[0].startswith(str(folder / where(folder, value)))
    assert f"\\{name}" in found[0]  # names the command that was eaten
    assert fix in found[0]  # the fix: the same text in single quotes
    assert problems(course(tmp_path, slide.replace("{value}", fix), "fixed")) == []  # and the fix works


def test_line_breaks_of_a_block_formula_are_not_mistakes(tmp_path: Path) -> None:
    """In a | block a row may start with 'u' or 'abla' after `\\\\`: that new line is real."""
    slides = "      - kind: math\n        title: M\n        formula: |\n          a = 1 \\\\\n          u = \\nu\n"
    assert problems(course(tmp_path, slides)) == []


# ---- LaTeX errors in plain words ------------------------------------------------------------------

PLAIN = {
    r"\frac{a}{b": ("the '{' at column 9 is never closed", "            ^"),
    r"a + \alpah": ("unsupported command \\alpah at column 5 of the formula; did you mean \\alpha?", "        ^"),
    r"x^": ("'^' at column 2 needs something after it", "     ^"),
    r"\sqrt": ("\\sqrt at column 1 needs its arguments in braces", "    ^"),
    r"\left( x": ("the '\\left' at column 1 is never closed: \\right is missing", "    ^"),
    r"a \over b": ("unsupported command \\over at column 3 of the formula; write \\frac{a}{b}", "      ^"),
    r"\begin{tikzcd} A \end{tikzcd}": ("the environment 'tikzcd' at column 1 is not supported", "    ^"),
    r"\begin{array}{c|c} a & b \end{array}": ("array columns 'c|c' at column 1", "    ^"),
    r"\begin{cases} a & \foo \end{cases}": ("unsupported command \\foo at column 19", "                      ^"),
}


@pytest.mark.parametrize("latex", list(PLAIN))
def test_latex_errors_say_what_and_where_with_a_caret(latex: str) -> None:
    problem = math_error(latex)
    assert problem is not None
    what, caret = PLAIN[latex]
    assert problem.startswith(what)
    assert problem.splitlines()[1:] == [f"    {latex}", caret]
    assert "Parse" not in problem and "Exception" not in problem and "\\\\" not in problem


def test_latex_errors_are_located_at_their_value_in_both_kinds_of_math(tmp_path: Path) -> None:
    slides = (
        "      - kind: math\n        title: M\n        formula: \\frac{a}{b\n"
        "        items: ['see $\\foo x$', 'an environment $\\begin{cases} a \\end{cases}$']\n"
    )
    folder = course(tmp_path, slides)
    found = problems(folder)
    assert [m.split(": ", 1)[0].rsplit("/", 1)[-1] + ":" for m in found] == [
        where(folder, "\\frac{a}{b"),
        where(folder, "'see"),
        where(folder, "'an environment"),
    ]
    assert "never closed" in found[0] and "\n    \\frac{a}{b\n" in found[0]
    assert found[1].count("unsupported command \\foo") == 1
    assert "works only in a display formula" in found[2]


@pytest.mark.parametrize(
    ("latex", "what"),
    [(r"a \\ b", "a row break"), (r"a & b", "an alignment mark &"), (r"\begin{pmatrix} a \end{pmatrix}", "pmatrix")],
)
def test_inline_math_refuses_rows_and_environments(latex: str, what: str) -> None:
    assert math_error(latex) is None  # fine as a display formula
    problem = math_error(latex, display=False)
    assert problem is not None and what in problem and "only in a display formula" in problem


# ---- multi-line forms ----------------------------------------------------------------------------

# formula → (rows of text, delimiter on the left, delimiter on the right)
ENVIRONMENTS = {
    r"\begin{aligned} a &= b + c \\ &= d \end{aligned}": (2, False, False),
    r"\begin{align*} x &= 1 \\ y &= 2 \\ z &= 3 \end{align*}": (3, False, False),
    r"a + b = c \\ d = e": (2, False, False),
    r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}": (2, True, False),
    r"\begin{matrix} 10 & 20 \\ 30 & 40 \\ 50 & 60 \end{matrix}": (3, False, False),
    r"\begin{pmatrix} 10 & 20 \\ 30 & 40 \\ 50 & 60 \end{pmatrix}": (3, True, True),
    r"\begin{bmatrix} 10 & 20 \\ 30 & 40 \end{bmatrix}": (2, True, True),
    r"\begin{vmatrix} 10 & 20 \\ 30 & 40 \end{vmatrix}": (2, True, True),
    r"\left( \begin{array}{lr} 10 & 2 \\ 3 & 40 \end{array} \right)": (2, True, True),
}


def _ink(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGBA"))[:, :, 3] > 64


def _bands(rows: np.ndarray, gap: float) -> int:
    """Runs of inked pixel rows, gaps narrower than `gap` px ignored (the parts of ≤, i, =)."""
    inked = np.flatnonzero(rows)
    return 0 if inked.size == 0 else 1 + int(np.count_nonzero(np.diff(inked) > gap))


@pytest.mark.parametrize("latex", list(ENVIRONMENTS))
def test_environments_are_drawn_row_by_row_with_their_delimiters(latex: str) -> None:
    """The PPTX picture: one band of ink per row between the first and the last cell, and a delimiter's
    ink (a brace, bracket, parenthesis or bar) left of the first cell and right of the last one."""
    rows, left, right = ENVIRONMENTS[latex]
    size = BASE * DISPLAY_SCALE
    assert math_error(latex) is None and rows_tall(latex) == rows
    ink = _ink(render_png(latex, size, "#000000").png)
    cells = [mark for mark in layout(parse(latex), size).marks if isinstance(mark, Glyphs)]
    pad = size * PAD_EM

    def px(x: float) -> int:
        return round((x + pad) * PNG_SCALE)

    first = px(min(cell.x for cell in cells))
    last = px(max(cell.x + measure(cell.latex, size)[0] for cell in cells))
    assert _bands(ink[:, first:last].any(axis=1), 0.15 * size * PNG_SCALE) == rows  # rows 0.2 em apart or more
    assert ink[:, : first - 2].any() == left
    assert ink[:, last + 2 :].any() == right
    if left:  # as tall as the rows it encloses
        column = ink[:, : first - 2].any(axis=1)
        assert np.count_nonzero(column) > 0.8 * np.count_nonzero(ink.any(axis=1))


def test_cells_line_up_in_columns() -> None:
    """aligned: the relation of every row starts at one x (left column right-aligned, right one left)."""
    grid = parse(r"\begin{aligned} a + b + c &= d \\ e &= f + g \end{aligned}")
    marks = [m for m in layout(grid, 40.0).marks if isinstance(m, Glyphs)]
    relations = [m for m in marks if m.latex.lstrip("{}").startswith(" =") or "=" in m.latex[:4]]
    assert len(relations) == 2 and relations[0].x == relations[1].x
    lefts = [m for m in marks if m not in relations]
    assert lefts[0].x + measure(lefts[0].latex, 40.0)[0] == pytest.approx(lefts[1].x + measure(lefts[1].latex, 40.0)[0])


def test_marp_gets_the_environments_intact() -> None:
    for latex in ENVIRONMENTS:
        shown = marp_display(latex)
        for env in re.findall(r"\\begin\{(\w+)", latex):
            assert f"\\begin{{{'aligned' if env == 'align' else env}}}" in shown
        assert shown.count("\\\\") == latex.count("\\\\") and shown.count("&") == latex.count("&")
    assert marp_display(r"\begin{align*} a &= b \end{align*}") == r"\begin{aligned} a &= b \end{aligned}"
    assert marp_display(r"a &= b") == r"\begin{aligned}a &= b\end{aligned}"  # MathJax refuses a bare &


def _planned(tmp_path: Path) -> PlannedCourse:
    slides = "".join(
        f"      - kind: math\n        title: F{i}\n        formula: '{latex}'\n" for i, latex in enumerate(ENVIRONMENTS)
    )
    (planned,) = load_and_plan([course(tmp_path, slides)])
    return planned


def test_planned_height_is_the_height_both_outputs_draw(tmp_path: Path) -> None:
    """The fit step reserves display_height; the HTML block is that tall (math-h-N) and the PPTX picture is
    drawn at full size, centred in it."""
    planned = _planned(tmp_path)
    (laid,) = planned.laid
    markdown = render_markdown(laid, lambda path: path.name)
    pictures = [
        shape
        for slide in Presentation(io.BytesIO(render_pptx(laid, THEME))).slides
        for shape in slide.shapes
        if shape.name == "Formula"
    ]
    frames = [frame for slide in laid.slides for frame in slide.frames if isinstance(frame.block, MathBlock)]
    assert len(frames) == len(pictures) == len(ENVIRONMENTS)
    for frame, picture in zip(frames, pictures, strict=True):
        assert isinstance(frame.block, MathBlock)
        latex = frame.block.latex
        reserved = display_height(latex, BASE, MATH_ROW_EM)
        assert reserved >= rows_tall(latex) * MATH_ROW_EM * BASE
        assert f"math-h-{height_steps(latex, BASE, MATH_ROW_EM)}" in markdown
        assert height_steps(latex, BASE, MATH_ROW_EM) * HEIGHT_STEP_EM * BASE == reserved
        drawn = render_png(latex, BASE * DISPLAY_SCALE, THEME.colors.text)
        top, height = picture.top / 9525, picture.height / 9525  # EMU → px
        assert height == pytest.approx(drawn.height, abs=1) and height <= reserved
        assert top + height / 2 == pytest.approx(frame.box.y + reserved / 2, abs=1)


def test_mathjax_draws_every_environment_with_its_rows(tmp_path: Path) -> None:
    """One real marp-cli conversion: every formula is an SVG with a MathJax table of the right rows, no error."""
    require_marp()
    planned = _planned(tmp_path)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "md").mkdir()
        (root / "md" / "d.md").write_text(render_markdown(planned.laid[0], lambda p: p.name), encoding="utf-8")
        css = root / "lecture.css"
        css.write_text(render_theme_css(THEME), encoding="utf-8")
        convert_to_html(root / "md", root / "html", [css])
        html = (root / "html" / "d.html").read_text(encoding="utf-8")
    formulas = re.findall(r'<mjx-container[^>]*display="true"[^>]*>(.*?)</mjx-container>', html, re.DOTALL)
    assert len(formulas) == len(ENVIRONMENTS)
    for svg, (rows, _, _) in zip(formulas, ENVIRONMENTS.values(), strict=True):
        assert svg.startswith("<svg") and "merror" not in svg
        assert svg.count('data-mml-node="mtr"') == rows


# ---- nesting -------------------------------------------------------------------------------------


def test_forty_nested_braces_are_a_located_error_not_a_recursion_error(tmp_path: Path) -> None:
    deep = "{" * 40 + "x" + "}" * 40
    slides = f"      - kind: math\n        title: 'M ${deep}$'\n        formula: '{deep}'\n"
    folder = course(tmp_path, slides)
    found = problems(folder)
    assert [m.split(": ", 1)[0].rsplit("/", 1)[-1] + ":" for m in found] == [
        where(folder, "'M"),
        where(folder, "'{{"),
    ]
    assert all(f"nests more than {MAX_DEPTH} levels deep" in m for m in found)


def test_inline_math_nested_deeper_than_allowed_stays_as_typed_in_the_pptx_text() -> None:
    deep = "{" * 5000 + r"\alpha" + "}" * 5000
    assert [run.text for run in to_unicode(deep)] == [deep]  # no RecursionError in the Unicode reader
    assert unicode_text("{" * MAX_DEPTH + r"\alpha" + "}" * MAX_DEPTH) == "α"


def test_the_deepest_allowed_formula_is_drawn() -> None:
    latex = r"\frac{" * 5 + r"\sqrt{\left(" * 2 + "x" + r"\right)}" * 2 + "}{y}" * 5  # 5 + 2 × 2 = 9 levels, + 1
    latex = "{" + latex + "}"
    assert math_error(latex) is None
    assert render_png(latex, 30.0, "#000000").png.startswith(b"\x89PNG")
    assert "nests more than" in (math_error("{" + latex + "}") or "")


TOKENS = ["{", "}", "x", "^", "_", "&", r"\\", r"\frac", r"\sqrt", r"\left(", r"\right)", " "]
ENVS = [r"\begin{cases}", r"\end{cases}", r"\begin{pmatrix}", r"\end{pmatrix}"]
GARBLED = st.lists(st.sampled_from(TOKENS + ENVS), max_size=60).map("".join)
WRAPS = ["{@}", r"\left(@\right)", r"\frac{@}{2}", r"\sqrt{@}", "x^{@}", r"\begin{pmatrix}@ & 1\end{pmatrix}"]


def _wrapped(inner: str, wraps: list[str]) -> str:
    for wrap in wraps:
        inner = wrap.replace("@", inner)
    return inner


NESTED = st.recursive(
    st.sampled_from(["x", "y^2", " + ", r"\alpha", "a_{ij}"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.lists(st.sampled_from(WRAPS), min_size=1, max_size=2)).map(lambda t: _wrapped(*t)),
        st.lists(inner, min_size=1, max_size=3).map(" & ".join).map(lambda row: _wrapped(row, [WRAPS[-1]])),
        st.lists(inner, min_size=1, max_size=3)
        .map(r" \\ ".join)
        .map(lambda rows: _wrapped(rows, [r"\begin{cases}@\end{cases}"])),
        st.lists(inner, min_size=2, max_size=3).map(" ".join),
    ),
    max_leaves=40,
)
DEEP = st.lists(st.sampled_from(WRAPS), min_size=8, max_size=40).map(lambda wraps: _wrapped("x", wraps))


@settings(max_examples=150, deadline=None)
@given(st.one_of(GARBLED, NESTED, DEEP))
def test_any_nesting_is_drawn_or_explained_never_a_crash(latex: str) -> None:
    problem = math_error(latex)
    if problem is None:
        assert render_png(latex, 20.0, "#000000").png.startswith(b"\x89PNG")
        assert marp_display(latex)
    else:
        assert problem and "Traceback" not in problem
