"""`deck import` of a list after a quote or inside one: a numbered list becomes numbered bullets (the quote's text
their intro), drawn as an ordered list in the Marp markdown and PowerPoint auto-numbers in the PPTX, never
typed-in numbers; a bulleted one stays a definition's items, its structure kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.oxml.ns import qn

from tests.conftest import deck

DECK = """---
marp: true
---

## 梯度下降

> 梯度下降是一种沿负梯度方向迭代更新参数的优化算法。

每一轮包括：

1. 计算损失函数的梯度
2. 沿负梯度方向更新参数

---

## 三定律

> 机器人三定律：
> 1. 机器人不得伤害人类
> 2. 机器人必须服从人类的命令
> 3. 机器人必须保护自己

---

## 后续步骤

> 前两步见上一页。

3. 微调模型
4. 部署上线

---

## 注意力

> 注意力机制有三个输入：
> - 查询
> - 键与值
"""

NUMBERED = {  # title: (intro, items, numbered)
    "梯度下降": (
        ["梯度下降是一种沿负梯度方向迭代更新参数的优化算法。", "每一轮包括："],
        ["计算损失函数的梯度", "沿负梯度方向更新参数"],
        True,
    ),
    "三定律": (["机器人三定律："], ["机器人不得伤害人类", "机器人必须服从人类的命令", "机器人必须保护自己"], True),
    "后续步骤": (["前两步见上一页。"], ["微调模型", "部署上线"], 3),
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quote-lists")
    (folder / "lists.md").write_text(DECK, encoding="utf-8")
    code, out, err = deck("import", folder / "lists.md", "--course", folder / "course")
    assert code == 0, err
    assert "4 slides in, 4 slides out" in out and "0 warnings" in out, out
    return folder / "course"


@pytest.fixture(scope="module")
def slides(imported: Path) -> dict[str, dict]:
    outline = yaml.safe_load((imported / "01-lists.yaml").read_text(encoding="utf-8"))
    return {s["title"]: s for section in outline["sections"] for s in section["slides"]}


@pytest.fixture(scope="module")
def built(imported: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("quote-lists-built")
    code, _, err = deck("build", imported, "--to", "md,pptx", "--out", out)
    assert code == 0, err
    return out / imported.name


@pytest.mark.parametrize("title", list(NUMBERED))
def test_a_numbered_list_after_or_in_a_quote_is_numbered_bullets(slides: dict[str, dict], title: str) -> None:
    intro, items, numbered = NUMBERED[title]
    slide = slides[title]
    assert (slide["kind"], slide["intro"], slide["items"]) == ("bullets", intro, items)
    assert slide["numbered"] is numbered if numbered is True else slide["numbered"] == numbered


def test_a_bulleted_list_in_a_quote_keeps_its_items(slides: dict[str, dict]) -> None:
    slide = slides["注意力"]
    assert (slide["kind"], slide["definition"], slide["items"]) == (
        "definition",
        "注意力机制有三个输入：",
        ["查询", "键与值"],
    )


def test_the_markdown_holds_ordered_lists_from_their_first_numbers(built: Path) -> None:
    markdown = (built / "01-lists.md").read_text(encoding="utf-8")
    for intro, items, numbered in NUMBERED.values():
        first = 1 if numbered is True else numbered
        lines = "\n".join(f"{first + n}. {item}" for n, item in enumerate(items))
        assert re.search(rf"^{re.escape(lines)}$", markdown, re.MULTILINE), lines
        assert all(text in markdown for text in intro)


def test_the_pptx_numbers_the_items_with_auto_numbers(built: Path) -> None:
    numbered: dict[str, tuple[str | None, str | None]] = {}
    for slide in Presentation(str(built / "01-lists.pptx")).slides:
        for shape in slide.shapes:
            for paragraph in shape.text_frame.paragraphs if shape.has_text_frame else []:
                ppr = paragraph._p.find(qn("a:pPr"))
                auto = ppr.find(qn("a:buAutoNum")) if ppr is not None else None
                if auto is not None:
                    numbered[paragraph.text] = (auto.get("type"), auto.get("startAt"))
    expected = {
        item: ("arabicPeriod", None if numbered is True else str(numbered))
        for _, items, numbered in NUMBERED.values()
        for item in items
    }
    assert numbered == expected  # each item's own text, its number drawn by PowerPoint


SOURCES = """---
marp: true
---

## 同一段

> 简洁胜于复杂。
> — Tim Peters

---

## 另起一段

> 简洁胜于复杂。
>
> — Tim Peters
"""


def test_a_source_line_under_a_quote_is_its_source(tmp_path: Path) -> None:
    """`— source` on the line right under the quote's words (one markdown paragraph) or as a paragraph of its own."""
    (tmp_path / "q.md").write_text(SOURCES, encoding="utf-8")
    code, _, err = deck("import", tmp_path / "q.md", "--course", tmp_path / "course")
    assert code == 0, err
    outline = yaml.safe_load((tmp_path / "course" / "01-q.yaml").read_text(encoding="utf-8"))
    quotes = [(s["quote"], s.get("source")) for section in outline["sections"] for s in section["slides"]]
    assert quotes == [("简洁胜于复杂。", "Tim Peters")] * 2
