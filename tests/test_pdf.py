"""--to pdf and --to png with the real marp-cli and system Chromium, checked with poppler and pymupdf: one page
per slide at 16:9, every slide title as real text (NFC Chinese, no radical look-alikes), fonts embedded,
bookmarks = sections + slides, title and language set, clickable links, nothing outside the page, reveal
slides in their final state; the course PDF; slide pictures; incremental builds; missing Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from lecturedeck.build import PlannedCourse, load_and_plan
from lecturedeck.convert.pdf_text import fixed_cmap, radical_equivalents
from lecturedeck.inline import plain_text
from lecturedeck.manifest import read_manifest
from lecturedeck.plan.fonts import fc_match
from lecturedeck.themes import load_theme
from tests.conftest import CHROMIUM, ROOT, deck, require, require_marp, require_tool

STARTER = ROOT / "slides" / "starter"
STEPS = ROOT / "tests" / "fixtures" / "pdf"  # a reveal slide, a quiz and a link
RADICALS = re.compile("[\u2e80-\u2fdf]")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both courses built once with pdf and png (and html, for the course home)."""
    require_marp()
    require(Path(CHROMIUM).exists(), "chromium")
    out = tmp_path_factory.mktemp("pdf")
    code, _, err = deck("build", STARTER, STEPS, "--to", "html,pdf,png", "--png-width", "640", "--out", out)
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def planned() -> list[PlannedCourse]:
    return load_and_plan([STARTER, STEPS])


def pdftotext(pdf: Path) -> str:
    return subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout


def test_one_page_per_slide_with_every_title_as_real_text(built: Path, planned: list[PlannedCourse]) -> None:
    for course in planned:
        for planned_deck in course.decks:
            pdf = built / course.loaded.name / f"{planned_deck.stem}.pdf"
            with pymupdf.open(pdf) as doc:
                assert doc.page_count == len(planned_deck.slides)
                assert all(abs(page.rect.width / page.rect.height - 16 / 9) < 0.01 for page in doc)
            text = pdftotext(pdf)
            assert unicodedata.is_normalized("NFC", text)
            assert not RADICALS.search(text), RADICALS.findall(text)
            flat = re.sub(r"\s+", "", text)
            for slide in planned_deck.slides:
                assert re.sub(r"\s+", "", plain_text(slide.title)) in flat


def test_bookmarks_title_language_and_fonts(built: Path, planned: list[PlannedCourse]) -> None:
    pdffonts = require_tool("pdffonts")
    for course in planned:
        latin = fc_match(load_theme(course.loaded.theme.name).fonts.latin[0])
        assert latin is not None
        for loaded, planned_deck in zip(course.loaded.lectures, course.decks, strict=True):
            pdf = built / course.loaded.name / f"{planned_deck.stem}.pdf"
            with pymupdf.open(pdf) as doc:
                toc = doc.get_toc()
                assert len(toc) == len(loaded.lecture.sections) + len(planned_deck.slides)
                sections = [section.title for section in loaded.lecture.sections]
                assert [title for level, title, _ in toc if level == 1 and title in sections] == sections
                assert doc.metadata["title"] == planned_deck.footer
                assert doc.xref_get_key(doc.pdf_catalog(), "Lang") == ("string", course.loaded.course.lang)
            rows = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
            assert rows and all(" yes yes yes " in row or " yes no  yes " in row for row in rows), rows
            assert any(latin.families[0].replace(" ", "") in row.split()[0] for row in rows), rows


def test_links_are_clickable_and_nothing_is_outside_the_page(built: Path) -> None:
    with pymupdf.open(built / "pdf" / "01-steps.pdf") as doc:
        links = [link["uri"] for page in doc for link in page.get_links() if "uri" in link]
        assert "https://arxiv.org/abs/1706.03762" in links
    for pdf in sorted(built.glob("*/*.pdf")):
        with pymupdf.open(pdf) as doc:
            for page in doc:
                area = page.rect + pymupdf.Rect(-1, -1, 1, 1)  # a point of rounding
                for block in page.get_text("dict")["blocks"]:
                    for line in block.get("lines", []):
                        for span in line["spans"]:
                            if span["text"].strip():
                                assert pymupdf.Rect(span["bbox"]) in area, (pdf.name, page.number, span["text"])


def test_reveal_steps_quizzes_and_diagram_text_print_complete(built: Path) -> None:
    """Every step at once, the quiz's question and choices, and the diagram's words as ideographs (Chromium
    gave ⼤ for 大 there, with the radical's code point, until the text layer was repaired)."""
    text = re.sub(r"\s+", "", pdftotext(built / "pdf" / "01-steps.pdf"))
    for words in ("大模型", "生成文本", "用户语言", "对齐方法"):
        assert words in text
    steps = ("第一步：计算查询与键的相似度", "第二步：用softmax归一化为权重", "第三步：按权重对值加权求和")
    for words in (*steps, "注意力为什么要除以", "让计算更快", "防止点积过大、softmax饱和", "减少参数"):
        assert words in text


def test_course_pdf_has_a_bookmark_per_lecture(built: Path, planned: list[PlannedCourse]) -> None:
    for course in planned:
        with pymupdf.open(built / course.loaded.name / f"{course.loaded.name}.pdf") as doc:
            assert doc.page_count == sum(len(d.slides) for d in course.decks)
            tops = [(title, page) for level, title, page in doc.get_toc() if level == 1]
            assert [title for title, _ in tops] == [d.lecture_title for d in course.decks]
            assert doc.metadata["title"] == course.loaded.course.title
            assert len(doc.get_toc()) == sum(
                1 + len(le.lecture.sections) + len(d.slides)
                for le, d in zip(course.loaded.lectures, course.decks, strict=True)
            )
        home = (built / course.loaded.name / "index.html").read_text(encoding="utf-8")
        assert f'<a href="{course.loaded.name}.pdf">' in home


def test_slide_pictures_one_per_slide(built: Path, planned: list[PlannedCourse]) -> None:
    for course in planned:
        for planned_deck in course.decks:
            pictures = sorted((built / course.loaded.name / planned_deck.stem).glob("*.png"))
            assert [p.name for p in pictures] == [f"{n:03d}.png" for n in range(1, len(planned_deck.slides) + 1)]
            with Image.open(pictures[0]) as picture:
                assert picture.size == (640, 360)
        record = read_manifest(built / course.loaded.name)
        assert record is not None
        assert all(f"{r.stem}/001.png" in r.outputs and f"{r.stem}.pdf" in r.outputs for r in record.lectures)


def test_pdf_after_html_builds_it_and_an_unchanged_lecture_keeps_it(tmp_path: Path) -> None:
    require_marp()
    require(Path(CHROMIUM).exists(), "chromium")
    course, out = tmp_path / "steps", tmp_path / "out"
    shutil.copytree(STEPS, course)
    second = course / "02-more.yaml"
    second.write_text((course / "01-steps.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    listed = (
        (course / "course.yaml").read_text(encoding="utf-8").replace("01-steps.yaml]", "01-steps.yaml, 02-more.yaml]")
    )
    (course / "course.yaml").write_text(listed, encoding="utf-8")
    folder = out / "steps"
    assert deck("build", course, "--to", "html", "--out", out)[0] == 0
    assert not list(folder.glob("*.pdf"))
    assert deck("build", course, "--to", "html,pdf", "--out", out)[0] == 0
    kept = (folder / "01-steps.pdf").stat().st_ino
    second.write_text(second.read_text(encoding="utf-8").replace("参考资料", "延伸阅读"), encoding="utf-8")
    code, shown, _ = deck("build", course, "--to", "html,pdf", "--out", out)
    assert code == 0
    assert "(1 rebuilt)" in shown
    assert (folder / "01-steps.pdf").stat().st_ino == kept
    assert "延伸阅读" in pdftotext(folder / "02-more.pdf")
    course_text = pdftotext(folder / "steps.pdf")
    assert "延伸阅读" in course_text and "参考资料" in course_text
    assert deck("build", course, "--to", "html", "--out", out)[0] == 0  # the other formats are kept
    assert (folder / "steps.pdf").is_file() and (folder / "01-steps.pdf").is_file()


def test_missing_chromium_is_one_line_naming_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LECTUREDECK_CHROMIUM", "")
    code, _, err = deck("build", STEPS, "--to", "pdf", "--out", tmp_path)
    assert code == 2
    assert "sudo apt install chromium" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())
    from lecturedeck.cli.doctor import diagnose

    chromium = next(finding for finding in diagnose() if finding.component == "Chromium")
    assert chromium.status == "warn" and "pdf" in chromium.used_for and "apt install chromium" in chromium.fix


def test_radical_look_alikes_in_a_tounicode_table_become_ideographs() -> None:
    table = {0x2F24: 0x5927, 0x2F63: 0x751F}  # ⼤ → 大, ⽣ → 生
    cmap = (
        b"2 beginbfchar\n<01> <2F24>\n<02> <0041>\nendbfchar\n"
        b"2 beginbfrange\n<03> <05> <2F62>\n<06> <07> [<2F24> <0042>]\nendbfrange\n"
    )
    fixed = fixed_cmap(cmap, table)
    assert b"<01> <5927>" in fixed and b"<02> <0041>" in fixed
    assert b"<03> <05> [<2F62> <751F> <2F64>]" in fixed
    assert b"<06> <07> [<5927> <0042>]" in fixed
    noto = radical_equivalents(["Noto Sans CJK SC"])
    assert noto[0x2F24] == ord("大")
    assert noto[0x2F3E] == ord("户")  # the font's simplified form, not NFKC's 戶


def test_prints_from_a_thread_running_an_event_loop(tmp_path: Path) -> None:
    """A server (deck serve, deck present) or another Playwright session runs an asyncio loop in its thread:
    printing still works there (Playwright's sync API would refuse to start inside it)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from lecturedeck.convert.chromium_print import PrintJob, print_html_to_pdf

    require(Path(CHROMIUM).exists(), "chromium")
    html = tmp_path / "page.html"
    html.write_text("<!doctype html><html lang='zh-CN'><body><h1>第一讲 Intro</h1></body></html>", encoding="utf-8")
    job = PrintJob(html, tmp_path / "page.pdf", title="t", lang="zh-CN", width="160mm", height="90mm")

    async def inside_a_loop() -> None:
        print_html_to_pdf([job])

    with ThreadPoolExecutor(max_workers=1) as thread:  # a loop of its own, beside any the suite runs here
        thread.submit(asyncio.run, inside_a_loop()).result()
    assert "第一讲 Intro" in pdftotext(job.pdf)
