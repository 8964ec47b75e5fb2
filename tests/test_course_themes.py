"""Course themes: `themes/<name>/theme.yaml` beside course.yaml or `--theme path/to/theme.yaml`, `extends`,
`deck themes`, and located errors for bad theme files.

One real build (md, html through the real marp-cli, pptx) of two courses whose own theme `brand` extends
`lecture` with a different accent colour each (and one with another Latin font) is shared by the output tests;
the rest runs `deck` in this process on small courses (no Node).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from lecturedeck.build import build, load_and_plan
from lecturedeck.outline.json_schema import course_schema
from lecturedeck.render.theme_css import render_theme_css
from lecturedeck.themes import load_theme
from tests.conftest import deck, require_marp
from tests.courses import write_course

ACCENT_A, ACCENT_B, FONT = "#8A2BE2", "#1F5FA2", "DejaVu Sans"
LECTURE = """\
title: Colours
sections:
  - title: Part
    slides:
      - kind: columns
        title: Two sides
        left: {heading: Left side, items: [one, two]}
        right: {heading: Right side, items: [three]}
      - kind: bullets
        title: Points
        items: [alpha, beta]
"""


def course(folder: Path, themes: dict[str, str], theme: str | None = "brand") -> Path:
    """A one-lecture English course with the given own themes (name → theme.yaml text)."""
    files = {f"themes/{name}/theme.yaml": text for name, text in themes.items()}
    return write_course(folder, {"01.yaml": LECTURE}, theme=theme, files=files)


def brand(accent: str, font: str | None = None) -> str:
    fonts = f"fonts:\n  latin: [{font}]\n" if font else ""
    return f'extends: lecture\ndescription: Our colours.\ncolors:\n  accent: "{accent}"\n{fonts}'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two courses, each with its own `brand` theme, built together into md, html and pptx."""
    require_marp()
    root = tmp_path_factory.mktemp("themes")
    a = course(root / "slides" / "a", {"brand": brand(ACCENT_A, FONT)})
    b = course(root / "slides" / "b", {"brand": brand(ACCENT_B)})
    build(load_and_plan([a, b]), root / "out")
    return root / "out"


def test_a_course_theme_extends_lecture_and_changes_only_what_it_gives(tmp_path: Path) -> None:
    folder = course(tmp_path / "a", {"brand": brand(ACCENT_A, FONT)})
    (planned,) = load_and_plan([folder])
    theme, lecture = planned.loaded.theme, load_theme("lecture")
    assert re.fullmatch(r"brand-[0-9a-f]{10}", theme.name) and planned.decks[0].theme == theme.name
    assert load_theme(theme.name) == theme  # every later stage finds it by the deck's key
    expected = lecture.model_copy(
        update={
            "name": theme.name,
            "description": "Our colours.",
            "colors": lecture.colors.model_copy(update={"accent": ACCENT_A}),
            "fonts": lecture.fonts.model_copy(update={"latin": (FONT,)}),
        }
    )
    assert theme == expected
    # the Marp CSS is the lecture theme's with only the name, the accent and the Latin font changed
    ours = render_theme_css(theme).replace(theme.name, "lecture").replace(ACCENT_A, lecture.colors.accent)
    stack = lecture.css_font_stack().replace('"Arial", "Liberation Sans"', f'"{FONT}"')
    assert ours.replace(stack, lecture.css_font_stack()) == render_theme_css(lecture)


@pytest.mark.client
def test_the_html_shows_each_course_its_own_accent_and_font(built: Path, browser) -> None:
    for name, accent in (("a", ACCENT_A), ("b", ACCENT_B)):
        html = built / name / "01.html"
        text = html.read_text(encoding="utf-8")
        other = ACCENT_B if accent == ACCENT_A else ACCENT_A
        assert accent in text and other not in text and "#A84B00" not in text  # no theme collision in one build
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(html.as_uri())
        headings = page.locator("section h3").evaluate_all("els => els.map(e => getComputedStyle(e).color)")
        title_font = page.locator("section h2").first.evaluate("e => getComputedStyle(e).fontFamily")
        page.goto((built / name / "index.html").as_uri())
        index_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        page.close()
        red, green, blue = (int(accent[i : i + 2], 16) for i in (1, 3, 5))
        assert headings == [f"rgb({red}, {green}, {blue})"] * 2  # the two column headings
        assert title_font.startswith(f'"{FONT}"') == (name == "a"), title_font
        assert index_font.replace('"', "").startswith(FONT if name == "a" else "Arial,"), index_font  # the index too


@pytest.mark.client
def test_the_pptx_uses_the_course_accent_and_font(built: Path) -> None:
    for name, accent, font in (("a", ACCENT_A, FONT), ("b", ACCENT_B, "Arial")):
        pptx = Presentation(str(built / name / "01.pptx"))
        colours = {
            run.font.color.rgb
            for slide in pptx.slides
            for shape in slide.shapes
            if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
            if run.text in ("Left side", "Right side")
        }
        assert {str(c) for c in colours} == {accent.lstrip("#")}
        xml = pptx.slide_master.part.part_related_by(RT.THEME).blob.decode()
        assert f'<a:accent1><a:srgbClr val="{accent.lstrip("#")}"/>' in xml
        title = pptx.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]._r
        assert title.find(qn("a:rPr")).find(qn("a:latin")).get("typeface") == font


def test_theme_given_as_a_path_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = course(tmp_path / "c", {}, theme=None)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "theme.yaml").write_text(brand(ACCENT_B), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = deck("build", "c", "--to", "md", "--theme", "mine/theme.yaml", "--out", "out")
    assert code == 0, err
    front = (tmp_path / "out" / "c" / "01.md").read_text(encoding="utf-8")
    key = re.search(r'^theme: "(mine-[0-9a-f]{10})"$', front, re.M)
    assert key is not None and load_theme(key.group(1)).colors.accent == ACCENT_B
    assert deck("check", folder, "--theme", "./mine")[0] == 0  # a theme's folder will do
    code, _, err = deck("check", folder, "--theme", "nowhere/theme.yaml")
    assert code == 2 and err.startswith("--theme nowhere/theme.yaml: no theme file at nowhere/theme.yaml;"), err


BAD_THEMES = {
    "unknown key": (
        'extends: lecture\ncolors:\n  acent: "#8A2BE2"\n',
        "3:3: unknown key 'acent': did you mean 'accent'?",
    ),
    "bad colour": ('extends: lecture\ncolors:\n  accent: "#12345"\n', "3:11: 'accent': '#12345' is not a colour"),
    "colour read as a comment": ("extends: lecture\ncolors:\n  accent: #8A2BE2\n", "3:10: 'accent': no colour given"),
    "missing parent": ("extends: lectur\n", "1:10: unknown theme 'lectur': did you mean 'lecture'?"),
    "unreadable contrast": (
        'extends: lecture\ncolors:\n  accent: "#FFE9C0"\n',
        "3:11: accent (#FFE9C0) on background (#FFF8E7) has a contrast of 1.12:1, less than the 4.5:1 WCAG AA",
    ),
    "no fonts": ("extends: lecture\nfonts:\n  latin: []\n", "3:10: 'latin' must not be empty"),
    "tokens left out": ("description: Mine.\n", "1:1: the theme leaves out 5 token(s) (slide, colors, fonts"),
}


@pytest.mark.parametrize(("text", "message"), BAD_THEMES.values(), ids=BAD_THEMES.keys())
def test_bad_theme_files_are_located_errors(text: str, message: str, tmp_path: Path) -> None:
    folder = course(tmp_path / "c", {"brand": text})
    code, _, err = deck("check", folder)
    assert code == 2 and "Traceback" not in err
    assert f"{folder / 'themes' / 'brand' / 'theme.yaml'}:{message}" in err, err


def test_themes_extending_each_other_in_a_circle(tmp_path: Path) -> None:
    folder = course(tmp_path / "c", {"brand": "extends: other\n", "other": "extends: brand\n"})
    code, _, err = deck("check", folder)
    assert code == 2
    assert f"{folder / 'themes' / 'other' / 'theme.yaml'}:1:10: themes extend each other in a circle " in err, err
    assert "(brand → other → brand)" in err


def test_a_broken_course_theme_does_not_hide_the_lectures_problems(tmp_path: Path) -> None:
    folder = course(tmp_path / "c", {"brand": "extends: nothing\n"})
    (folder / "01.yaml").write_text(LECTURE.replace("items: [alpha, beta]", "itmes: [alpha, beta]"), encoding="utf-8")
    code, _, err = deck("check", folder)
    assert code == 2
    assert "theme.yaml:1:10: unknown theme 'nothing'" in err and "01.yaml:11:9: unknown key 'itmes'" in err, err


def test_course_theme_files_stay_inside_the_course(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "theme.yaml").write_text(brand(ACCENT_A), encoding="utf-8")
    folder = course(tmp_path / "c", {}, theme="../outside/theme.yaml")
    code, _, err = deck("check", folder)
    assert code == 2 and f"{folder / 'course.yaml'}:3:8: theme file '../outside/theme.yaml' climbs out" in err, err
    (folder / "themes").mkdir()
    (folder / "themes" / "brand").symlink_to(tmp_path / "outside")
    (folder / "course.yaml").write_text("title: C\nlang: en\ntheme: brand\nlectures: [01.yaml]\n", encoding="utf-8")
    code, _, err = deck("check", folder)
    assert code == 2 and "course.yaml:3:8: theme file 'themes/brand/theme.yaml' leads through a symbolic link" in err


def test_a_course_theme_may_replace_a_built_in_one_and_extend_it(tmp_path: Path) -> None:
    folder = course(tmp_path / "c", {"lecture": brand(ACCENT_A)}, theme=None)  # no theme: the default, `lecture`
    (planned,) = load_and_plan([folder])
    assert planned.loaded.theme.colors.accent == ACCENT_A and planned.loaded.theme.name.startswith("lecture-")
    assert load_theme("lecture").colors.accent == "#A84B00"  # other courses keep the built-in one


def test_deck_themes_lists_built_in_and_course_themes_with_their_sources(tmp_path: Path) -> None:
    themes = {"brand": brand(ACCENT_A), "lecture": brand(ACCENT_B), "night": "extends: contrast\n"}
    folder = course(tmp_path / "c", themes)
    plain = course(tmp_path / "p", {}, theme=None)
    code, out, err = deck("themes", folder, plain)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Built-in themes:"
    assert re.fullmatch(r"  contrast +built-in: Dark, high contrast.*", lines[1])
    assert re.fullmatch(r"  lecture +built-in: Warm and calm.*", lines[2])
    assert lines[3] == f"Themes of the course {folder}:"
    theme_file = folder / "themes" / "{}" / "theme.yaml"
    assert lines[4] == f"  brand    {str(theme_file).format('brand')}, extends lecture: Our colours."
    assert lines[5] == (
        f"  lecture  {str(theme_file).format('lecture')}, extends lecture (built-in), used instead of the built-in "
        "'lecture' in this course: Our colours."
    )
    assert re.fullmatch(
        rf"  night    {re.escape(str(theme_file).format('night'))}, extends contrast \(built-in\): Dark.*", lines[6]
    )
    assert lines[7].startswith(f"No themes of their own: {plain}")
    (folder / "themes" / "night" / "theme.yaml").write_text("extends: nope\n", encoding="utf-8")
    code, out, err = deck("themes", folder)
    assert code == 2 and "night/theme.yaml:1:10: unknown theme 'nope'" in err and "  brand " in out


def test_the_course_schema_accepts_a_course_theme_name() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(json.dumps(course_schema())))
    base = {"title": "C", "lectures": ["01.yaml"]}
    assert list(validator.iter_errors({**base, "theme": "brand"})) == []
    assert list(validator.iter_errors({**base, "theme": "themes/brand/theme.yaml"})) == []
    assert list(validator.iter_errors({**base, "theme": ""}))
