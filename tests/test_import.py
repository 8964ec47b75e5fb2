"""`deck import`: Marp decks and Markdown notes → courses that check and build (issue 16).

Seeds (tests/fixtures/import/seeds): 001 a Marp deck with a custom theme, five hand-split slides and missing
pictures; 002 an article with a mermaid flowchart, a formula and code; 003 and 004 Markdown notes. The
corpus (tests/fixtures/import/decks) uses every construct the importer reads, and the broken decks it
refuses. Round trip: every course under slides/ built to Marp markdown, imported, built again: the same
slide titles and text.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from lecturedeck.errors import DeckError
from lecturedeck.importer.deck import import_deck
from lecturedeck.importer.images import ImageStore
from lecturedeck.importer.write import plan_course, write_course
from lecturedeck.outline.loader import load_course
from tests.conftest import ROOT, deck, require_marp
from tests.marp_html import SLIDES, SPILL_JS, read_deck

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEEDS = sorted((FIXTURES / "seeds").glob("*.md"))
SEED_001 = FIXTURES / "seeds" / "001-marp-llm.md"
CONSTRUCTS = FIXTURES / "decks" / "constructs.md"
HAND_SPLIT = "3. 大规模数据采集与预处理"
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")  # break hints the fit step may insert


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", INVISIBLE.sub("", unicodedata.normalize("NFC", text)))


def visible_chunks(markdown: str) -> list[str]:
    """A Marp deck's visible text (front matter, comments, separators, pictures and markup left out), cut at
    CJK punctuation and line ends, so a continuation slide's cut costs at most one piece."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"^\s*---\s*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*(#+|>|[+*-]\s|\d+\.\s)", "", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("*", "")
    return [c for c in (squashed(part) for part in re.split(r"[。，；、\n]", text)) if c]


def pptx_text(path: Path) -> str:
    shapes = [shape for slide in Presentation(str(path)).slides for shape in slide.shapes]
    texts = [s.text_frame.text for s in shapes if s.has_text_frame]
    texts += [c.text for s in shapes if s.has_table for row in s.table.rows for c in row.cells]
    return " ".join(texts)


def lecture(course: Path, stem: str) -> dict:
    return yaml.safe_load((course / f"{stem}.yaml").read_text(encoding="utf-8"))


def slides_of(outline: dict) -> list[dict]:
    return [slide for section in outline["sections"] for slide in section["slides"]]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Seeds 001 to 004 imported as one course and built to every format: (course, build, output)."""
    require_marp()
    root = tmp_path_factory.mktemp("seeds")
    code, out, err = deck("import", *SEEDS, "--course", root / "course")
    assert code == 0, err
    code, _, err = deck("build", root / "course", "--out", root / "build")
    assert code == 0, err
    return root / "course", root / "build" / "course", out


@pytest.fixture(scope="module")
def constructs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    """The corpus deck imported: (its lecture outline, the command's output)."""
    course = tmp_path_factory.mktemp("constructs") / "course"
    code, out, err = deck("import", CONSTRUCTS, "--course", course)
    assert code == 0, err
    code, _, err = deck("check", course)
    assert code == 0, err + _
    assert (course / "images" / "pic.png").read_bytes() == (FIXTURES / "decks" / "pic.png").read_bytes()
    return lecture(course, "01-constructs"), out


def test_seeds_import_check_and_build(seeds: tuple[Path, Path, str]) -> None:
    course, built, out = seeds
    code, report, err = deck("check", course)
    assert code == 0, err
    assert "4 lectures" in report
    for stem in ("01-marp-llm", "02-article-llm", "03-notes-llm", "04-notes-concepts"):
        assert (built / f"{stem}.html").stat().st_size and (built / f"{stem}.pptx").stat().st_size
    assert "001-marp-llm.md: 65 slides in, " in out and "0 of 0 notes carried" in out
    assert re.search(r"001-marp-llm\.md:\d+: warning: image not found: \.\./pictures/6-1\.png", out)
    assert "the Marp theme 'MyGaia' is not carried over" in out


def test_seed_001_text_reaches_html_and_pptx(seeds: tuple[Path, Path, str]) -> None:
    _, built, _ = seeds
    chunks = visible_chunks(SEED_001.read_text(encoding="utf-8"))
    total = sum(map(len, chunks))
    assert total > 13_000
    html_slides, _ = read_deck((built / "01-marp-llm.html").read_text(encoding="utf-8"))
    for name, shown in (("HTML", " ".join(html_slides)), ("PPTX", pptx_text(built / "01-marp-llm.pptx"))):
        text = squashed(shown)
        missing = [c for c in chunks if c not in text]
        assert 1 - sum(map(len, missing)) / total >= 0.99, (name, missing[:5])


@pytest.mark.client
def test_no_imported_slide_spills_off_its_slide_in_chromium(seeds: tuple[Path, Path, str], browser) -> None:
    """Decks nobody laid out by hand (long prose, many short paragraphs, formulas, code, a flowchart): the
    HTML keeps every element on its slide, as the fit step planned."""
    _, built, _ = seeds
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    spilling = {}
    for html in sorted(built.glob("0*.html")):
        page.goto(html.as_uri())
        page.wait_for_timeout(300)
        spills = page.evaluate(SPILL_JS, SLIDES)
        spilling[html.stem] = [(n, px) for n, px in enumerate(spills, start=1) if px > 2]
    page.close()
    assert len(spilling) == 4 and all(not found for found in spilling.values()), spilling


def test_hand_split_slides_become_one(seeds: tuple[Path, Path, str]) -> None:
    course, _, _ = seeds
    found = [s for s in slides_of(lecture(course, "01-marp-llm")) if s["title"] == HAND_SPLIT]
    assert len(found) == 1
    assert found[0]["kind"] == "bullets"
    starts = ["大规模数据采集是", "以社交媒体数据采集为例", "数据清洗是", "数据标注是", "数据增强是"]
    assert [item[: len(start)] for item, start in zip(found[0]["items"], starts, strict=True)] == starts


def test_seed_structure(seeds: tuple[Path, Path, str]) -> None:
    course, _, _ = seeds
    marp = lecture(course, "01-marp-llm")
    assert marp["title"] == "人工智能大模型"  # the lead slide
    assert [s["title"] for s in marp["sections"]][:3] == ["大模型", "大模型的发展历史", "大模型的关键技术和特点"]
    notes = lecture(course, "03-notes-llm")
    assert notes["title"] == "LLM"  # front matter
    assert [s["title"] for s in notes["sections"]][1:3] == ["1 能力边界", "2 原理剖析"]
    assert yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))["lang"] == "zh-CN"


def test_every_construct(constructs: tuple[dict, str]) -> None:
    outline, _ = constructs
    assert (outline["title"], outline["subtitle"]) == ("Learning from data", "An introduction")
    assert "title slide's note" in outline["notes"]
    assert [s["title"] for s in outline["sections"]] == ["Foundations", "Practice"]
    slides = {s["title"]: s for s in slides_of(outline)}
    bullets = slides["What is **machine learning**?"]  # <!-- fit --> dropped, inline markup kept
    assert bullets["items"][0]["text"] == "Programs that *improve* with `experience`"
    assert bullets["items"][0]["items"][0]["items"] == ["classification", "binary: spam or not"]  # 4 → 3 levels
    assert bullets["items"][1] == "See [the textbook](https://example.org/book) and $E = mc^2$"
    assert bullets["notes"] == "Say that learning means improving at a task."
    assert slides["Steps"]["items"] == ["Collect data", "Train a model", "Evaluate it"]  # numbered, not typed in
    assert slides["Steps"]["numbered"] is True
    assert slides["Results table"]["rows"] == [["Linear", "0.81", "**fast**"], ["Tree", "0.86", "*interpretable*"]]
    assert (slides["A quotation"]["kind"], slides["A quotation"]["source"]) == ("quote", "George Box")
    assert slides["Definition with points"]["kind"] == "definition"
    assert (slides["Training loop"]["kind"], slides["Training loop"]["language"]) == ("code", "python")
    assert slides["Pipeline"]["kind"] == "diagram" and slides["Pipeline"]["mermaid"].startswith("graph LR")
    assert (slides["Sequence"]["kind"], slides["Sequence"]["language"]) == ("code", "mermaid")
    assert slides["Loss"]["kind"] == "math" and slides["Loss"]["formula"].startswith("L = \\frac")
    assert slides["Loss"]["items"] == ["$n$: number of examples"]
    picture = slides["Full picture"]
    assert (picture["src"], picture["alt"], picture["width"]) == ("images/pic.png", "A small chart", 0.26)
    assert slides["Background"]["placement"] == "background"
    split = slides["Split"]
    assert (split["placement"], split["width"], split["items"]) == ("left", 0.4, ["text beside the picture"])
    assert "missing image" in slides["Missing"]["paragraphs"][0]
    assert slides["Leftovers"]["paragraphs"] == ["Raw HTML text", "Great work :tada: and ~~old~~ new."]
    assert slides["Long topic"]["items"] == [f"{n} part of a long list" for n in ("first", "second", "third")]
    assert slides["Long listing"]["code"] == "a = 1\nb = 2"  # a listing split by hand, joined again
    mind_map = slides["Map"]  # ```markmap: a mind map of its first levels, then a bullets slide per branch
    assert (mind_map["kind"], mind_map["root"]) == ("mindmap", "Learning")
    assert mind_map["items"][0] == {"text": "Supervised", "items": ["classification", "regression"]}
    assert slides["Unsupervised"]["items"] == ["clustering"]


def test_losses_are_warnings_at_their_lines(constructs: tuple[dict, str]) -> None:
    _, out = constructs
    lines = CONSTRUCTS.read_text(encoding="utf-8").splitlines()
    expected = {
        "directive 'header: Week 1' not carried over": "header:",
        "unknown directive '_unknownThing: 3'": "_unknownThing",
        "'_paginate: False' not carried over": "_paginate",
        "mermaid kept as a listing": "```mermaid",
        "image keywords not carried over: opacity:.5 blur": "opacity:.5",
        "image not found: missing/figure.png": "missing/figure.png",
        "raw HTML not carried over": '<div class="note">',
        "<style scoped> CSS not carried over": "<style scoped>",
        "emoji shortcode :tada: kept as text": ":tada:",
        "~~strikethrough~~": "~~old~~",
    }
    for message, marker in expected.items():
        found = re.search(rf"constructs\.md:(\d+): warning: [^\n]*{re.escape(message)}", out)
        assert found, message
        line = int(found.group(1))
        assert marker in lines[line - 1] or (line == 1 and marker == "header:"), (message, lines[line - 1])
    assert "24 slides in, 20 slides out, 2 of 2 notes carried" in out


def test_prose_to_notes(tmp_path: Path) -> None:
    code, out, err = deck("import", FIXTURES / "decks" / "notes.md", "--course", tmp_path, "--prose", "notes")
    assert code == 0, err
    outline = lecture(tmp_path, "01-notes")
    assert [s["title"] for s in outline["sections"]] == ["Study notes", "Basics", "More"]
    terms = next(s for s in slides_of(outline) if s["title"] == "Terms")
    assert terms["items"] == ["term one", "term two"] and terms["notes"].startswith("A paragraph of prose")
    assert re.search(r"notes\.md:14: warning: 'Empty heading' has nothing under it", out)


def test_the_paragraphs_before_a_formula_lead_into_it(tmp_path: Path) -> None:
    """Notes that say "…可以表示为：" before a `$$` formula keep that order: the formula's intro, then the
    formula, then the list after it as its items."""
    source = tmp_path / "notes.md"
    source.write_text(
        "## 注意力\n\n**4.1 数学模型构建**\n\n其数学模型可以表示为：\n\n$$\nQK^T\n$$\n\n* $Q$：查询矩阵\n",
        encoding="utf-8",
    )
    code, _, err = deck("import", source, "--course", tmp_path / "course")
    assert code == 0, err
    (math,) = [s for s in slides_of(lecture(tmp_path / "course", "01-notes")) if s["kind"] == "math"]
    assert math["intro"] == ["**4.1 数学模型构建**", "其数学模型可以表示为："]
    assert (math["formula"], math["items"]) == ("QK^T", ["$Q$：查询矩阵"])


@pytest.mark.parametrize(("marker", "numbered"), [("1.", True), ("-", None)])
def test_the_paragraphs_before_a_list_lead_into_it(tmp_path: Path, marker: str, numbered: bool | None) -> None:
    """ "训练分三步：" then a list: the sentence stays a paragraph above the list (its intro), not a bullet."""
    source = tmp_path / "notes.md"
    items = "".join(f"{marker} 第{n}步\n" for n in "一二三")
    source.write_text(f"## 训练\n\n大模型的训练分三步：\n\n{items}", encoding="utf-8")
    code, _, err = deck("import", source, "--course", tmp_path / "course")
    assert code == 0, err
    (slide,) = [s for s in slides_of(lecture(tmp_path / "course", "01-notes")) if s["kind"] == "bullets"]
    assert slide["intro"] == ["大模型的训练分三步："] and slide["items"] == ["第一步", "第二步", "第三步"]
    assert slide.get("numbered") is numbered


def test_heading_divider_in_a_comment(tmp_path: Path) -> None:
    source = tmp_path / "deck.md"
    source.write_text(
        "---\nmarp: true\n---\n\n<!-- headingDivider: 2 -->\n\n# A\n\nx\n\n## B\n\n- y\n", encoding="utf-8"
    )
    assert deck("import", source, "--course", tmp_path / "course")[0] == 0
    assert [s["title"] for s in slides_of(lecture(tmp_path / "course", "01-deck"))] == ["A", "B"]


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("bad-front-matter.md", ":3:17:", "the front matter is not valid YAML"),
        ("unclosed-fence.md", ":9:1:", "the code fence ``` opened here is never closed"),
        ("empty.md", ":1:1:", "the deck has no slide with content to import"),
        ("missing.md", ":", "cannot read the deck: No such file or directory"),
    ],
)
def test_broken_decks_are_located_errors(tmp_path: Path, name: str, where: str, message: str) -> None:
    code, _, err = deck("import", FIXTURES / "decks" / name, "--course", tmp_path / "course")
    assert code == 2
    assert err.startswith(f"{FIXTURES / 'decks' / name}{where} {message}"), err
    assert "Traceback" not in err
    assert not (tmp_path / "course").exists()


def test_a_fence_left_open_in_a_list_item_ends_with_the_item(tmp_path: Path) -> None:
    """Only a fence that runs to the end of the deck is an error: markdown-it (and Marp) end one left open in a
    list item with the item, so the slides after it are kept."""
    source = tmp_path / "deck.md"
    source.write_text("# A\n\n- item\n  ```\n  code\n- next\n\n# B\n\ntext\n", encoding="utf-8")
    assert deck("import", source, "--course", tmp_path / "course")[0] == 0
    assert [s["title"] for s in slides_of(lecture(tmp_path / "course", "01-deck"))][-1] == "B"


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    deck_file = FIXTURES / "decks" / "notes.md"
    assert deck("import", deck_file, "--course", tmp_path)[0] == 0
    lecture_file = tmp_path / "01-notes.yaml"
    lecture_file.write_text("edited", encoding="utf-8")
    code, _, err = deck("import", deck_file, "--course", tmp_path)
    assert code == 2 and "not overwriting existing files" in err and "--force" in err
    assert lecture_file.read_text(encoding="utf-8") == "edited"
    assert deck("import", deck_file, "--course", tmp_path, "--force")[0] == 0
    assert lecture_file.read_text(encoding="utf-8").startswith("# Imported by 'deck import'")
    assert not list(tmp_path.glob(".*.tmp"))


# ---- round trip ------------------------------------------------------------------------------------------

MINDMAP_LINK = re.compile(r'<div class="mindmap-link">.*?</div>', re.DOTALL)


def slide_text(markdown: str) -> list[tuple[str, str]]:
    """(title, text and notes) of each titled run of slides in lecturedeck's Marp output: continuation slides
    joined, layout (scoped CSS, wrappers, directives, picture sizes) and escapes left out."""
    body = markdown.split("\n---\n", 1)[1]
    runs: list[tuple[str, str]] = []
    for page in body.split("\n---\n"):
        notes = "".join(re.findall(r"<!--\n(.*?)\n-->", page, flags=re.DOTALL))
        page = re.sub(r"<style.*?</style>|<!--.*?-->", "", MINDMAP_LINK.sub("", page), flags=re.DOTALL) + notes
        heading = re.search(r"^#{1,2} (.+)$", page, re.MULTILINE)
        title = heading.group(1) if heading else ""
        rest = page.replace(heading.group(0), "", 1) if heading else page
        rest = re.sub(r"!\[(.*?)(?: w:[\d.]+ h:[\d.]+)?\]\([^)]*\)", r"\1", rest)
        title, text = (
            squashed(re.sub(r"\\(.)", r"\1", re.sub(r"<[^>]+>", "", t))).replace("（续）", "") for t in (title, rest)
        )
        if runs and runs[-1][0] == title:
            runs[-1] = (title, runs[-1][1] + text)
        else:
            runs.append((title, text))
    return runs


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """Every course under slides/ built to markdown, imported and built again: (first, second) .md pairs."""
    root = tmp_path_factory.mktemp("round-trip")
    courses = sorted(p.parent for p in (ROOT / "slides").glob("*/course.yaml"))
    code, _, err = deck("build", *courses, "--to", "md", "--out", root / "first")
    assert code == 0, err
    pairs = []
    for course in courses:
        decks = sorted((root / "first" / course.name).glob("*.md"))
        code, out, err = deck("import", *decks, "--course", root / "imported" / course.name)
        assert code == 0, err
        carried = re.findall(r"(\d+) of (\d+) notes carried, 0 warnings", out)
        assert len(carried) == len(decks) and all(a == b for a, b in carried), out  # every note, nothing lost
        pairs += [(d, root / "second" / course.name / d.name) for d in decks]
    code, _, err = deck("build", *(root / "imported" / c.name for c in courses), "--to", "md", "--out", root / "second")
    assert code == 0, err
    return pairs


def test_round_trip_keeps_titles_and_text(round_trip: list[tuple[Path, Path]]) -> None:
    assert len(round_trip) >= 9
    for first, second in round_trip:
        before, after = (slide_text(p.read_text(encoding="utf-8")) for p in (first, second))
        assert [t for t, _ in after] == [t for t, _ in before], first.name
        assert after == before, first.name


def test_round_trip_keeps_the_kinds(round_trip: list[tuple[Path, Path]]) -> None:
    for first, second in round_trip:
        kinds = [re.findall(r"kind-([a-z]+)", p.read_text(encoding="utf-8")) for p in (first, second)]
        drawn = {"diagram": "image", "mindmap": "image"}  # drawings come back as their pictures
        assert [drawn.get(k, k) for k in kinds[0]] == kinds[1], first.name


# ---- hostile decks ---------------------------------------------------------------------------------------

PIECES = [
    *("# ", "## ", "### ", "- ", "* ", "1. ", "> ", "```", "```mermaid\ngraph LR\nA-->B\n", "$$", "$x$", "**", "*"),
    *("`", "|", "---", "\n", "\n\n", "<!-- ", " -->", "_class: lead", "<div>", "</div>", "<style>", "![bg](x.png)"),
    *("![w:3](pic.png)", "[a](b)", "中文", "text", ":tada:", "\\", "\t", "---\nmarp: true\n---\n", "~~", "+x", "<br>"),
    *("&amp;", "$", "{", "}", "\\frac{", "_", "\x0b", "```markmap\n# a\n## b\n- c\n"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60))
def test_any_deck_imports_to_a_valid_outline_or_a_located_error(tmp_path: Path, pieces: list[str]) -> None:
    """Whatever a deck holds, the import writes outlines the schema accepts, or stops with a located error."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = folder / "deck.md"
    source.write_text("".join(pieces), encoding="utf-8")
    shutil.copy(FIXTURES / "decks" / "pic.png", folder / "pic.png")
    images = ImageStore()
    try:
        imported = import_deck(source, images)
    except DeckError as exc:
        assert exc.location is not None and exc.location.path == source
        return
    write_course(plan_course(folder / "course", [imported], images), force=False)
    load_course(folder / "course" / "course.yaml")
