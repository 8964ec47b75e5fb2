"""Numbered lists (`numbered:` on bullets): the schema, numbering that goes on over continuation slides, an
`<ol start=N>` in Chromium, PowerPoint auto-numbers drawn by LibreOffice, and `deck import` of numbered lists."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.oxml.ns import qn

from lecturedeck.build import load_and_plan
from lecturedeck.plan.model import BulletsBlock
from tests.conftest import built_course, deck, require_marp, require_tool
from tests.courses import write_course
from tests.marp_html import SLIDES, SPILL_JS

STEPS = [
    "数据收集：从互联网、书籍与论文中收集海量文本",
    "数据预处理：清洗、去重、过滤低质量内容与隐私信息",
    "分词与编码：把文本切分为 token",
    "预训练：在大规模语料上做下一个词预测",
    "指令微调：用人工编写的指令与回答训练模型",
    "人类反馈强化学习（RLHF）：奖励模型打分，策略优化",
    "评测：在基准测试与人工评估上检验能力",
    "部署：量化、蒸馏、推理加速后上线服务",
    "3. looks like a list, but it is text",
    "监控：收集反馈、发现问题、持续迭代",
    "Step eleven: write down what you learned",
]
ITEMS: list[object] = [*STEPS[:2], {"text": STEPS[2], "items": ["BPE or SentencePiece", "30k–150k tokens"]}, *STEPS[3:]]
LECTURE = yaml.safe_dump(
    {
        "title": "Training",
        "sections": [
            {
                "title": "Steps",
                "slides": [
                    {"kind": "bullets", "title": "The training pipeline", "numbered": True, "items": ITEMS},
                    {
                        "kind": "bullets",
                        "title": "One step at a time",
                        "numbered": 4,
                        "reveal": True,
                        "items": ["Fourth", {"text": "Fifth", "items": ["a detail"]}, "Sixth"],
                    },
                ],
            }
        ],
    },
    allow_unicode=True,
    sort_keys=False,
)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("numbered") / "course"
    write_course(folder, {"01-steps.yaml": LECTURE}, lang="zh-CN")
    return folder


@pytest.fixture(scope="module")
def built(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_marp()
    return built_course(course, "md,html,pptx", tmp_path_factory)


def _numbered_blocks(course: Path) -> list[tuple[str, BulletsBlock]]:
    [planned] = load_and_plan([course])
    [lecture] = planned.decks
    return [
        ("".join(s.text for s in slide.title), block)
        for slide in lecture.slides
        for block in slide.blocks
        if isinstance(block, BulletsBlock) and block.start is not None
    ]


def test_a_wrong_value_is_a_located_error_with_the_fix(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "c", {"01.yaml": LECTURE.replace("numbered: 4", "numbered: first")})
    code, _, err = deck("check", folder)
    assert code == 2
    assert "01.yaml:" in err and "'numbered': must be true" in err and "'numbered: 4'" in err
    assert "Traceback" not in err


def test_numbering_goes_on_over_the_continuation_slide(course: Path) -> None:
    blocks = _numbered_blocks(course)
    first, rest, reveal = blocks
    assert first[1].start == 1 and rest[1].start == 1 + len(first[1].items)
    assert rest[0].endswith("（续）") and len(first[1].items) + len(rest[1].items) == len(STEPS)
    assert reveal[1].start == 4


@pytest.mark.client
def test_chromium_shows_an_ordered_list_that_starts_where_the_last_slide_stopped(built: Path, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
    page.goto((built / "01-steps.html").as_uri())
    lists = page.evaluate(
        """(S) => Array.from(document.querySelectorAll(S + ' ol')).map(o => ({start: o.start,
             items: Array.from(o.children).map(li => li.firstChild.textContent.trim()),
             number: getComputedStyle(o.children[0], '::before').content,
             fragments: o.querySelectorAll('li[data-marpit-fragment]').length}))""",
        SLIDES,
    )
    assert [o["start"] for o in lists] == [1, 6, 4]
    assert all("counter(list-item)" in o["number"] for o in lists)  # the number is drawn, not typed in the text
    assert "3. looks like a list, but it is text" in lists[1]["items"]  # user text starting "3. " stays text
    assert [o["fragments"] for o in lists] == [0, 0, 4]  # reveal still steps item by item (nested one too)
    assert set(page.evaluate(SPILL_JS, SLIDES)) == {0}
    page.close()


def test_the_pptx_numbers_its_items_with_powerpoint_auto_numbers(built: Path) -> None:
    slides = list(Presentation(str(built / "01-steps.pptx")).slides)
    numbered = []
    for slide in slides:
        for shape in slide.shapes:
            pprs = [p._p.find(qn("a:pPr")) for p in shape.text_frame.paragraphs] if shape.has_text_frame else []
            autos = [ppr.find(qn("a:buAutoNum")) for ppr in pprs if ppr is not None]
            numbered += [(a.get("type"), a.get("startAt")) for a in autos if a is not None][:1]
    assert numbered == [("arabicPeriod", None), ("arabicPeriod", "6"), ("arabicPeriod", "4")]


@pytest.mark.client
def test_libreoffice_draws_the_numbers(built: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    profile = f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}"
    subprocess.run(
        [
            soffice,
            "--headless",
            profile,
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(built / "01-steps.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = subprocess.run(
        [require_tool("pdftotext"), str(tmp_path / "01-steps.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    continued = next(p for p in pages if "（续）" in p)
    assert "6." in continued and "11." in continued and "1." not in continued.replace("11.", "")
    assert "3. looks like a list" in continued


def test_import_turns_an_ordered_list_into_a_numbered_slide(tmp_path: Path) -> None:
    source = tmp_path / "deck.md"
    source.write_text(
        "---\nmarp: true\n---\n\n# Training\n\n---\n\n## Pipeline\n\n1. Clean the data\n2. Train\n   - pretrain\n"
        "3. Evaluate\n\n---\n\n## Then\n\n4. Deploy\n5. Monitor\n",
        encoding="utf-8",
    )
    code, _, err = deck("import", source, "--course", tmp_path / "out")
    assert code == 0, err
    [lecture] = [p for p in (tmp_path / "out").glob("*.yaml") if p.name != "course.yaml"]
    slides = [
        s for section in yaml.safe_load(lecture.read_text(encoding="utf-8"))["sections"] for s in section["slides"]
    ]
    assert slides[0]["numbered"] is True and slides[0]["items"][0] == "Clean the data"
    assert slides[0]["items"][1] == {"text": "Train", "items": ["pretrain"]}
    assert slides[1]["numbered"] == 4 and slides[1]["items"] == ["Deploy", "Monitor"]
