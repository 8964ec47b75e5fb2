"""Readable fit (issue 9): no orphan continuations, no word broken without a hyphen, table columns at
least as wide as their longest word, listings cut at blank lines / block boundaries."""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lecturedeck.inline import Inline, Span, parse_inline, plain_text
from lecturedeck.kinds.table.measure import table_cell_padding, table_column_widths, table_font_size
from lecturedeck.plan import metrics
from lecturedeck.plan.fit import fit_slide
from lecturedeck.plan.geometry import body_box
from lecturedeck.plan.hyphenate import fit_words, strip_breaks
from lecturedeck.plan.linebreak import INVISIBLE, SOFT_HYPHEN, ZERO_WIDTH_SPACE, break_lines, can_break_before
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import (
    Block,
    BulletsBlock,
    CodeBlock,
    ListItem,
    ParagraphsBlock,
    Slide,
    SlideRole,
    TableBlock,
)
from lecturedeck.themes import load_theme

THEME = load_theme("lecture")
MS = measurer(THEME)
ROOT = Path(__file__).resolve().parents[1]
READABILITY = ROOT / "tests" / "fixtures" / "readability" / "01-long-everything.yaml"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LONG_WORDS = [
    "Internationalization",
    "Electroencephalography",
    "Counterrevolutionary",
    "Incomprehensibilities",
    "1200000",
    "2019",
    "Year",
    "https://example.com/a/very/long/path/that/never/ends",
    "sentencepiece.SentencePieceProcessor.encode_as_pieces",
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "大规模预训练语言模型",
    "the",
    "model",
]
WORD = st.sampled_from(LONG_WORDS)
SENTENCE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


def slide_of(*blocks: Block, title: str = "Readable fit") -> Slide:
    return Slide(SlideRole.CONTENT, "bullets", parse_inline(title), blocks=blocks)


def continuation_ratios(parts: list[Slide]) -> list[tuple[int, int]]:
    """(lines of the part before, lines of the continuation) for every continuation."""
    lines = [MS.content_lines(p.blocks, body_box(THEME, p.title_lines).w) for p in parts]
    return list(itertools.pairwise(lines))


def assert_no_orphans(parts: list[Slide]) -> None:
    for before, after in continuation_ratios(parts):
        assert after >= 3, (before, after)
        assert 3 * after > before, (before, after)


def assert_parts_fit(parts: list[Slide]) -> None:
    for part in parts:
        box = body_box(THEME, part.title_lines)
        assert MS.blocks_height(part.blocks, box.w, box.h) <= box.h + 0.01, part.part


def wrapped(spans: Inline, size: float, width: float, bold: bool = False) -> list[str]:
    text = plain_text(spans)
    starts = MS.lines(spans, size, width, bold).starts
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# ---- line breaking with soft hyphens and zero-width spaces ---------------------------------------


def test_soft_hyphen_is_a_break_that_costs_a_hyphen() -> None:
    text = f"abc{SOFT_HYPHEN}def"
    widths = [0.0 if ch in INVISIBLE else 1.0 for ch in text]
    assert break_lines(text, widths, 4, hyphen=1.0) == [0, 4]  # "abc-" fits in 4
    text = f"x abc{SOFT_HYPHEN}de"
    widths = [0.0 if ch in INVISIBLE else 1.0 for ch in text]
    assert break_lines(text, widths, 5, hyphen=0.0) == [0, 6]  # "x abc" fits in 5 …
    assert break_lines(text, widths, 5, hyphen=1.0) == [0, 2]  # … "x abc-" does not
    assert break_lines(text, widths, 7, hyphen=1.0) == [0]  # no break where none is needed


def test_zero_width_space_is_a_free_break() -> None:
    text = f"a/{ZERO_WIDTH_SPACE}b/{ZERO_WIDTH_SPACE}c"
    widths = [0.0 if ch in INVISIBLE else 1.0 for ch in text]
    assert break_lines(text, widths, 2) == [0, 3, 6]
    assert not can_break_before(text, 2)  # never before the invisible character itself


# ---- fit_words -----------------------------------------------------------------------------------


@SETTINGS
@given(SENTENCE, st.sampled_from([60.0, 120.0, 200.0, 320.0, 600.0]), st.sampled_from([18, 22, 28]), st.booleans())
def test_fit_words_never_leaves_a_word_to_be_broken_without_a_hyphen(
    text: str, width: float, size: int, bold: bool
) -> None:
    spans = parse_inline(text)
    fitted = fit_words(spans, size, width, bold, "en", MS)
    assert strip_breaks(fitted) == strip_breaks(spans)  # every visible character, in order, same styles
    assert fit_words(fitted, size, width, bold, "en", MS) == fitted  # idempotent
    out = plain_text(fitted)
    for start in MS.lines(fitted, size, width, bold).starts[1:]:
        # every line starts at a real break opportunity (space, CJK, zero-width space, soft hyphen):
        # nothing was broken "anywhere", i.e. mid-word without a hyphen
        assert can_break_before(out, start), (out, start)
    for word in text.split(" "):  # words that fit are left alone
        if MS.text_width(parse_inline(word), size, bold) <= width:
            assert word in out.split(" ") or not word


def test_fit_words_hyphenates_by_the_dictionary_and_breaks_urls_at_slashes() -> None:
    fitted = plain_text(fit_words(parse_inline("Internationalization"), 22, 120, False, "en", MS))
    assert SOFT_HYPHEN in fitted and ZERO_WIDTH_SPACE not in fitted
    assert fitted.replace(SOFT_HYPHEN, "") == "Internationalization"
    assert "In\xadter\xadna\xadtion" in fitted  # dictionary points, not every letter
    url = plain_text(fit_words(parse_inline("https://example.com/a/long/path"), 22, 200, False, "en", MS))
    assert f"com/{ZERO_WIDTH_SPACE}a/{ZERO_WIDTH_SPACE}long/{ZERO_WIDTH_SPACE}path" in url
    assert SOFT_HYPHEN not in url
    # words that fit are untouched, math is never touched
    assert fit_words(parse_inline("a short line"), 22, 120, False, "en", MS) == parse_inline("a short line")
    math = (Span("\\frac{a}{b}+\\frac{c}{d}+\\frac{e}{f}", math=True),)
    assert fit_words(math, 22, 30, False, "en", MS) == math


def test_fit_words_in_chinese_text_hyphenates_the_english_words() -> None:
    fitted = plain_text(fit_words(parse_inline("使用Electroencephalography数据"), 28, 200, False, "zh-CN", MS))
    assert SOFT_HYPHEN in fitted and fitted.replace(SOFT_HYPHEN, "") == "使用Electroencephalography数据"


def test_fit_words_keeps_links_and_code_styles() -> None:
    spans = parse_inline("see [Internationalization](https://x.org) and `encode_as_pieces_of_text`")
    fitted = fit_words(spans, 22, 180, False, "en", MS)
    assert [(s.link, s.code) for s in fitted] == [(s.link, s.code) for s in spans]
    code = next(s for s in fitted if s.code)
    assert ZERO_WIDTH_SPACE in code.text and SOFT_HYPHEN not in code.text  # identifiers break at "_"


# ---- tables --------------------------------------------------------------------------------------

CELL = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


@SETTINGS
@given(st.integers(1, 8), st.lists(st.lists(CELL, min_size=8, max_size=8), min_size=1, max_size=5))
def test_table_columns_hold_their_longest_word_when_possible(ncols: int, cells: list[list[str]]) -> None:
    header = tuple(parse_inline(f"Column{c}") for c in range(ncols))
    rows = tuple(tuple(parse_inline(c) for c in row[:ncols]) for row in cells)
    table = TableBlock(header, rows)
    width = body_box(THEME).w
    size, pad = table_font_size(MS, table, width), table_cell_padding(MS, table, width)
    widths = table_column_widths(MS, table, width)
    assert THEME.sizes.min <= size <= THEME.sizes.small
    assert pad in (metrics.CELL_PAD_X, metrics.COMPACT_CELL_PAD_X)
    assert abs(sum(widths) - width) < 0.5

    def longest(at: float, padding: float) -> list[float]:
        return [
            max(MS.longest_word(r[c], at, bold=r is header) for r in (header, *rows)) + 2 * padding
            for c in range(ncols)
        ]

    if sum(longest(size, pad)) <= width:
        assert all(w >= need - 0.01 for w, need in zip(widths, longest(size, pad), strict=True))
        if pad == metrics.CELL_PAD_X and size < THEME.sizes.small:  # shrunk only when the next size up did not fit
            assert sum(longest(size + 1, pad)) > width
        if pad == metrics.COMPACT_CELL_PAD_X:  # compact cells only when even sizes.min did not fit otherwise
            assert sum(longest(THEME.sizes.min, metrics.CELL_PAD_X)) > width
    else:
        assert (size, pad) == (THEME.sizes.min, metrics.COMPACT_CELL_PAD_X)
    # after the fit step, every cell's words fit their column: no word is broken without a hyphen
    (part, *_) = fit_slide(slide_of(table), THEME, "en")
    fitted = part.blocks[0]
    assert isinstance(fitted, TableBlock)
    size, pad = table_font_size(MS, fitted, width), table_cell_padding(MS, fitted, width)
    for row in (fitted.header, *fitted.rows):
        for cell, w in zip(row, table_column_widths(MS, fitted, width), strict=False):
            text = plain_text(cell)
            for start in MS.lines(cell, size, w - 2 * pad, row is fitted.header).starts[1:]:
                assert can_break_before(text, start), (text, start)


def test_narrow_columns_of_the_readability_course_keep_whole_words() -> None:
    outline = yaml.safe_load(READABILITY.read_text(encoding="utf-8"))
    spec = outline["sections"][0]["slides"][1]
    table = TableBlock(
        tuple(parse_inline(str(h)) for h in spec["header"]),
        tuple(tuple(parse_inline(str(c)) for c in row) for row in spec["rows"]),
    )
    width = body_box(THEME, 2).w
    # shrunk from sizes.small (19 px: Latin measured in Liberation Sans), then tighter cells: every word fits
    # whole, nothing hyphenated (drawn so in Chromium: test_fit_clients)
    size = table_font_size(MS, table, width)
    assert THEME.sizes.min <= size == 19 < THEME.sizes.small
    assert table_cell_padding(MS, table, width) == metrics.COMPACT_CELL_PAD_X
    widths = table_column_widths(MS, table, width)
    for c, w in enumerate(widths):
        for i, row in enumerate((table.header, *table.rows)):
            word = parse_inline(plain_text(row[c]))
            assert MS.longest_word(word, size, bold=i == 0) + 2 * metrics.COMPACT_CELL_PAD_X <= w + 0.01


# ---- orphans -------------------------------------------------------------------------------------

ROW_TEXT = st.sampled_from(
    ["GPT", "Transformer architecture", "Dense word vectors from a shallow network trained to predict context words"]
)


@SETTINGS
@given(st.integers(2, 60), ROW_TEXT)
def test_table_continuations_are_never_scraps(n: int, text: str) -> None:
    rows = tuple((parse_inline(str(2000 + r)), parse_inline(text)) for r in range(n))
    parts = fit_slide(slide_of(TableBlock((parse_inline("Year"), parse_inline("Event")), rows)), THEME, "en")
    assert_parts_fit(parts)
    assert_no_orphans(parts)
    assert [r for p in parts for r in p.blocks[0].rows] == list(rows)


@SETTINGS
@given(st.integers(2, 70), st.sampled_from(["Short item", "A longer item that wraps " * 4]))
def test_list_and_paragraph_continuations_are_never_scraps(n: int, text: str) -> None:
    for block in (
        BulletsBlock(tuple(ListItem(parse_inline(f"{text} {i}")) for i in range(n))),
        ParagraphsBlock(tuple(parse_inline(f"{text} {i}.") for i in range(n))),
    ):
        parts = fit_slide(slide_of(block), THEME, "en")
        assert_parts_fit(parts)
        assert_no_orphans(parts)


CODE_LINE = st.sampled_from(["def f(x):", "    y = x * 2", "    return y", "", "print(f(21))", "class A:"])


@SETTINGS
@given(st.lists(CODE_LINE, min_size=2, max_size=120))
def test_code_continuations_are_never_scraps(lines: list[str]) -> None:
    code = "\n".join(lines).strip("\n")  # as the planner gives it: no blank lines at either end
    parts = fit_slide(slide_of(CodeBlock("python", code)), THEME, "en")
    assert_parts_fit(parts)
    if sum(1 for line in lines if line.strip()) >= 8:  # enough for two parts of 3+ lines
        assert_no_orphans(parts)


def test_thirteen_rows_split_evenly() -> None:
    outline = yaml.safe_load(READABILITY.read_text(encoding="utf-8"))
    spec = outline["sections"][1]["slides"][0]
    table = TableBlock(
        tuple(parse_inline(str(h)) for h in spec["header"]),
        tuple(tuple(parse_inline(str(c)) for c in row) for row in spec["rows"]),
    )
    parts = fit_slide(slide_of(table), THEME, "en")
    counts = [len(p.blocks[0].rows) for p in parts]
    assert len(counts) == 2 and min(counts) >= 5, counts  # e.g. 7/6 or 8/5, never 12/1
    assert_no_orphans(parts)


def test_listing_is_cut_at_blank_lines_between_top_level_definitions() -> None:
    outline = yaml.safe_load(READABILITY.read_text(encoding="utf-8"))
    code = outline["sections"][1]["slides"][1]["code"].rstrip("\n")
    lines = code.split("\n")
    parts = fit_slide(slide_of(CodeBlock("python", code, line_numbers=True)), THEME, "en")
    assert len(parts) >= 2
    assert_parts_fit(parts)
    assert_no_orphans(parts)
    for part in parts[1:]:
        block = part.blocks[0]
        first = lines[block.first_line - 1]
        assert first.strip() and not first.startswith(" "), first  # a top-level line …
        assert not lines[block.first_line - 2].strip()  # … after a blank line
    for part in parts:
        assert part.blocks[0].code.split("\n")[-1].strip()  # no trailing blank lines on a part
