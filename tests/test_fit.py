"""Automatic fit: every part fits, nothing is lost or repeated, continuations are marked."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lecturedeck.inline import Inline, Span, parse_inline, plain_text
from lecturedeck.plan.fit import fit_deck, fit_slide
from lecturedeck.plan.geometry import body_box
from lecturedeck.plan.hyphenate import strip_breaks
from lecturedeck.plan.labels import label
from lecturedeck.plan.linebreak import INVISIBLE
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import (
    Block,
    BulletsBlock,
    CodeBlock,
    Column,
    ColumnsBlock,
    Deck,
    DefinitionBlock,
    ListItem,
    ParagraphsBlock,
    QuoteBlock,
    Slide,
    SlideRole,
    TableBlock,
)
from lecturedeck.themes import load_theme

THEME = load_theme("lecture")
SEED_001 = next(Path("/work/shared/seeds").glob("001_*.txt"), None)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Whole slides of nested lists and long texts: making the examples is most of the time (≈ 0.3 s each)
WHOLE_SLIDES = settings(SETTINGS, max_examples=30)

# ---- strategies ----------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "大模型",
        "的",
        "发展",
        "历史",
        "。",
        "，",
        "（GPT-3）",
        "Transformer",
        " ",
        "well-known",
        "2017年",
        "；",
        "「引用」",
        "https://example.com/a/very/long/path/to/somewhere",
        "数据清洗是预处理的重要环节之一",
        "! ",
        "? ",
    ]
)
SPAN = st.builds(Span, st.lists(WORDS, min_size=1, max_size=12).map("".join), bold=st.booleans(), code=st.booleans())
TEXT = st.lists(SPAN, min_size=1, max_size=6).map(tuple)
LONG_TEXT = st.lists(SPAN, min_size=8, max_size=24).map(tuple)


def items(depth: int) -> st.SearchStrategy[tuple[ListItem, ...]]:
    children = items(depth + 1) if depth < 2 else st.just(())
    return st.lists(st.builds(ListItem, st.one_of(TEXT, LONG_TEXT), children), min_size=1, max_size=5).map(tuple)


BULLETS = st.builds(BulletsBlock, items(0))
PARAGRAPHS = st.builds(ParagraphsBlock, st.lists(st.one_of(TEXT, LONG_TEXT), min_size=1, max_size=6).map(tuple))
TERM = st.lists(st.builds(Span, st.lists(WORDS, min_size=1, max_size=3).map("".join)), min_size=1, max_size=2).map(
    tuple
)
# terms are short (the schema allows at most 120 characters)
DEFINITION = st.builds(DefinitionBlock, TERM, st.one_of(TEXT, LONG_TEXT))
QUOTE = st.builds(QuoteBlock, st.one_of(TEXT, LONG_TEXT), TEXT)
TEXT_BLOCK = st.one_of(BULLETS, PARAGRAPHS, DEFINITION, QUOTE)


# ---- helpers -------------------------------------------------------------------------------------


def slide_of(*blocks: Block, title: str = "大模型的发展历史", notes: str = "讲解要点") -> Slide:
    return Slide(SlideRole.CONTENT, "bullets", parse_inline(title), blocks=blocks, notes=notes)


def chars(spans: Inline) -> list[tuple[str, Span]]:
    """Every character with its style, so a split that loses a style is caught too."""
    return [
        (ch, Span("", s.bold, s.italic, s.code, s.math, s.link)) for s in spans for ch in s.text if ch not in INVISIBLE
    ]


def item_chars(items_: tuple[ListItem, ...]) -> list:
    return [c for i in items_ for c in (*chars(i.text), *item_chars(i.children))]


def content(blocks: tuple[Block, ...]) -> list:
    """The text of blocks in reading order (repeated table headers and column headings excluded)."""
    out: list = []
    for b in blocks:
        if isinstance(b, ParagraphsBlock):
            out += [c for p in b.paragraphs for c in chars(p)]
        elif isinstance(b, BulletsBlock):
            out += item_chars(b.items)
        elif isinstance(b, DefinitionBlock):
            out += chars(b.term) + chars(b.body)
        elif isinstance(b, QuoteBlock):
            out += chars(b.text) + chars(b.source)
        elif isinstance(b, TableBlock):
            out += [tuple(strip_breaks(c) for c in r) for r in b.rows]
        elif isinstance(b, CodeBlock):
            out.append(b.code)
    return out


def assert_parts_fit(parts: list[Slide]) -> None:
    ms = measurer(THEME)
    for part in parts:
        box = body_box(THEME, part.title_lines)
        assert ms.blocks_height(part.blocks, box.w, box.h) <= box.h + 0.01, part.part
        assert part.title_lines == ms.title_lines(part.title)


def assert_continuations(slide: Slide, parts: list[Slide], lang: str = "zh-CN") -> None:
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    assert parts[0].title == slide.title and parts[0].notes == slide.notes
    for p in parts[1:]:
        assert p.notes == ""
        assert plain_text(p.title) == plain_text(slide.title) + label(lang, "continued")
        assert p.source == slide.source


# ---- properties ----------------------------------------------------------------------------------


@WHOLE_SLIDES
@given(st.lists(TEXT_BLOCK, min_size=1, max_size=4))
def test_text_blocks_fit_and_keep_every_character_in_order(blocks: list[Block]) -> None:
    slide = slide_of(*blocks)
    parts = fit_slide(slide, THEME, "zh-CN")
    assert_parts_fit(parts)
    assert_continuations(slide, parts)
    assert [c for p in parts for c in content(p.blocks)] == content(slide.blocks)


@WHOLE_SLIDES
@given(BULLETS)
def test_lists_keep_nesting_depth(block: BulletsBlock) -> None:
    def depth(items_: tuple[ListItem, ...]) -> int:
        return 1 + max((depth(i.children) for i in items_ if i.children), default=0)

    parts = fit_slide(slide_of(block), THEME, "en")
    assert all(depth(p.blocks[0].items) <= depth(block.items) for p in parts)
    assert_continuations(slide_of(block), parts, "en")


@SETTINGS
@given(
    st.lists(st.sampled_from(["年份", "事件", "Model"]), min_size=1, max_size=4),
    st.integers(0, 60),
    st.sampled_from(["短", "Transformer 架构提出", "数据清洗是预处理的重要环节之一，" * 3]),
)
def test_tables_split_by_rows_and_repeat_the_header(header: list[str], n: int, cell: str) -> None:
    head = tuple(parse_inline(h) for h in header)
    rows = tuple(tuple(parse_inline(f"{cell}{r}") for _ in header) for r in range(n))
    slide = slide_of(TableBlock(head, rows))
    parts = fit_slide(slide, THEME, "zh-CN")
    assert_parts_fit(parts)
    assert all(p.blocks[0].header == head for p in parts)
    assert [r for p in parts for r in p.blocks[0].rows] == list(rows)


@SETTINGS
@given(st.lists(st.sampled_from(["def f(x):", "    return x * 2", "", "# 注释：中文", "print(f(21))"]), max_size=120))
def test_code_splits_by_lines(lines: list[str]) -> None:
    code = "\n".join(lines)
    slide = slide_of(CodeBlock("python", code))
    parts = fit_slide(slide, THEME, "zh-CN")
    assert_parts_fit(parts)
    shown = [line for p in parts for line in p.blocks[0].code.split("\n")]
    numbered = {p.blocks[0].first_line + i: line for p in parts for i, line in enumerate(p.blocks[0].code.split("\n"))}
    assert all(numbered.get(i, "") == line for i, line in enumerate(code.split("\n"), start=1))  # blank lines may go
    assert [line for line in shown if line.strip()] == [line for line in code.split("\n") if line.strip()]


# ---- examples ------------------------------------------------------------------------------------


def test_short_slide_is_untouched_apart_from_title_lines() -> None:
    slide = slide_of(BulletsBlock((ListItem(parse_inline("一")),)))
    assert fit_slide(slide, THEME, "zh-CN") == [slide]


def test_long_title_wraps_and_shrinks_the_body() -> None:
    slide = slide_of(ParagraphsBlock((parse_inline("正文"),)), title="很长的标题" * 12)
    (part,) = fit_slide(slide, THEME, "zh-CN")
    assert part.title_lines >= 2


def test_english_continuation_mark() -> None:
    para = parse_inline("This sentence is long enough to need a few lines on any slide. " * 30)
    parts = fit_slide(slide_of(ParagraphsBlock((para,)), title="History"), THEME, "en")
    assert len(parts) > 1
    assert plain_text(parts[1].title) == "History (cont.)"
    # Cut after a sentence: every part but the last ends with ". "
    assert all(plain_text(p.blocks[0].paragraphs[-1]).endswith(". ") for p in parts[:-1])


def test_parent_and_children_move_together() -> None:
    filler = tuple(ListItem(parse_inline(f"要点{i}：" + "内容" * 15)) for i in range(8))
    group = ListItem(parse_inline("父项"), (ListItem(parse_inline("子项一")), ListItem(parse_inline("子项二"))))
    parts = fit_slide(slide_of(BulletsBlock((*filler, group))), THEME, "zh-CN")
    holders = [p for p in parts for i in p.blocks[0].items if plain_text(i.text) == "父项"]
    assert len(holders) == 1
    assert [plain_text(c.text) for i in holders[0].blocks[0].items if i.children for c in i.children] == [
        "子项一",
        "子项二",
    ]


def test_a_group_taller_than_a_slide_splits_among_its_children() -> None:
    kids = tuple(ListItem(parse_inline(f"子项{i}：" + "说明" * 20)) for i in range(12))
    block = BulletsBlock((ListItem(parse_inline("父项"), kids),))
    parts = fit_slide(slide_of(block), THEME, "zh-CN")
    assert len(parts) > 1
    assert plain_text(parts[0].blocks[0].items[0].text) == "父项"
    for p in parts[1:]:
        holder = p.blocks[0].items[0]
        assert holder.text == () and holder.children  # continued children under a marker-less item


def _last_text(block: Block) -> str:
    return plain_text(block.items[-1].text if isinstance(block, BulletsBlock) else block.paragraphs[-1])


@pytest.mark.parametrize("lead_in", ["**3.3 算法优缺点**", "大模型的应用场景非常广泛，包括：", "It is used for:"])
@pytest.mark.parametrize("kind", ["bullets", "text"])
def test_a_lead_in_never_ends_a_slide_without_what_it_introduces(lead_in: str, kind: str) -> None:
    """A heading-like item or paragraph (all bold) or one ending with a colon moves to the next slide with
    what comes after it, wherever the split would have left it last."""
    for before in range(1, 12):  # the lead-in at every position the split could fall after
        texts = [parse_inline("说明" * 18) for _ in range(before)]
        texts += [parse_inline(lead_in), *(parse_inline(f"要点{i}") for i in range(6))]
        block: Block = (
            BulletsBlock(tuple(ListItem(t) for t in texts)) if kind == "bullets" else ParagraphsBlock(tuple(texts))
        )
        parts = fit_slide(slide_of(block), THEME, "zh-CN")
        assert_parts_fit(parts)
        ends = [_last_text(part.blocks[-1]) for part in parts[:-1]]
        assert plain_text(parse_inline(lead_in)) not in ends, (before, ends)


def test_an_intro_moves_to_the_next_slide_with_the_list_it_introduces() -> None:
    """A text block ending with a lead-in ("训练分三步：") does not end a slide when none of the list after it fits."""
    filler = ParagraphsBlock(tuple(parse_inline("说明" * 30) for _ in range(5)))
    intro = ParagraphsBlock((parse_inline("训练分三步："),))
    steps = BulletsBlock(tuple(ListItem(parse_inline("步骤" * 40)) for _ in range(3)))
    parts = fit_slide(
        Slide(SlideRole.CONTENT, "text", parse_inline("T"), blocks=(filler, intro, steps)), THEME, "zh-CN"
    )
    assert_parts_fit(parts)
    for part in parts[:-1]:
        assert not (isinstance(part.blocks[-1], ParagraphsBlock) and part.blocks[-1] == intro), len(parts)


def test_a_slide_of_lead_ins_alone_still_advances() -> None:
    items = tuple(ListItem(parse_inline(f"**小标题 {i}**")) for i in range(40))
    parts = fit_slide(slide_of(BulletsBlock(items)), THEME, "zh-CN")
    assert len(parts) > 1 and sum(len(p.blocks[0].items) for p in parts) == 40
    assert_parts_fit(parts)


def test_columns_split_together_with_headings_repeated() -> None:
    left = Column(parse_inline("优点"), (BulletsBlock(tuple(ListItem(parse_inline("优点" * 20)) for _ in range(9))),))
    right = Column(parse_inline("缺点"), (ParagraphsBlock((parse_inline("缺点"),)),))
    parts = fit_slide(slide_of(ColumnsBlock(left, right, comparison=True)), THEME, "zh-CN")
    assert len(parts) > 1
    assert_parts_fit(parts)
    assert all(p.blocks[0].left.heading == left.heading for p in parts)


def test_generated_slides_pass_through() -> None:
    title = Slide(SlideRole.TITLE, "title", parse_inline("第一讲"))
    assert fit_slide(title, THEME, "zh-CN") == [title]


def seed_001_section() -> list[str]:
    assert SEED_001 is not None
    chunks = [c for c in SEED_001.read_text(encoding="utf-8").split("\n---\n") if "3. 大规模数据采集与预处理" in c]
    return [m.group(1) for c in chunks for m in re.finditer(r"^\+\s*(.*)$", c, re.MULTILINE)]


def test_seed_001_section_splits_like_a_lecturer_would() -> None:
    texts = seed_001_section()
    assert len(texts) == 5
    slide = slide_of(BulletsBlock(tuple(ListItem(parse_inline(t)) for t in texts)), title="3. 大规模数据采集与预处理")
    parts = fit_slide(slide, THEME, "zh-CN")
    # The lecturer used five slides; measured, four suffice (paragraphs 1–2, then one per slide).
    assert len(parts) == 4
    assert_parts_fit(parts)
    assert [len(p.blocks[0].items) for p in parts] == [2, 1, 1, 1]  # no paragraph cut in half
    assert plain_text(parts[1].title) == "3. 大规模数据采集与预处理（续）"


def test_fit_deck_reports_split_and_tight_slides_and_is_fast() -> None:
    texts = seed_001_section()
    slides = []
    for i in range(65):
        n = 1 + i % 5
        block = BulletsBlock(tuple(ListItem(parse_inline(t)) for t in texts[:n]))
        slides.append(slide_of(block, title=f"第{i}页"))
    deck = Deck("课程", "第一讲", "01-overview", "zh-CN", "lecture", tuple(slides))
    measurer.cache_clear()
    start = time.perf_counter()
    fitted, notes = fit_deck(deck, THEME)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, elapsed
    assert len(fitted.slides) > 65
    assert any(n.split for n in notes)
    assert all(n.fill <= 1.0 for n in notes)
    assert all(n.split or n.tight for n in notes)


def test_code_continuations_keep_numbering_and_highlights() -> None:
    code = "\n".join(f"x{i} = {i}" for i in range(1, 61))
    block = CodeBlock("python", code, line_numbers=True, highlight=(3, 40))
    parts = fit_slide(slide_of(block), THEME, "en")
    assert len(parts) > 1
    assert_parts_fit(parts)
    starts = [p.blocks[0].first_line for p in parts]
    assert starts[0] == 1
    for p, start in zip(parts, starts, strict=True):
        assert p.blocks[0].code.split("\n")[0] == f"x{start} = {start}"
        assert p.blocks[0].highlight == (3, 40) and p.blocks[0].line_numbers


def test_cutting_inside_inline_code_still_fits() -> None:
    para = (Span("引言：" * 30), Span("「引用」well-known " * 60, code=True), Span("结束。"))
    slide = slide_of(ParagraphsBlock((para,)))
    parts = fit_slide(slide, THEME, "zh-CN")
    assert_parts_fit(parts)
    assert [c for p in parts for c in content(p.blocks)] == content(slide.blocks)


def test_the_measuring_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long `deck serve` measures ever new text: a full cache is emptied, and measuring stays right."""
    from lecturedeck.plan import measure

    monkeypatch.setattr(measure, "CACHE_LIMIT", 5)
    ms = measure.Measurer(THEME)
    first = ms.lines(parse_inline("word " * 40), 28, 300)
    for n in range(12):
        ms.lines(parse_inline(f"text {n}"), 28, 300)
        ms.longest_word(parse_inline(f"text {n}"), 28)
    assert len(ms._lines) <= 5 and len(ms._words) <= 5
    assert ms.lines(parse_inline("word " * 40), 28, 300) == first
