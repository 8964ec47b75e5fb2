"""Text measurement: CJK-aware line breaking, real font widths, block heights."""

from __future__ import annotations

import pytest

from lecturedeck.inline import Inline, Span, parse_inline, plain_text
from lecturedeck.kinds.bullets import item_height, item_width
from lecturedeck.kinds.code.measure import code_font_size, code_too_wide
from lecturedeck.kinds.definition import height as definition_height
from lecturedeck.kinds.image.measure import image_height
from lecturedeck.kinds.table.measure import table_column_widths, table_height
from lecturedeck.plan import metrics
from lecturedeck.plan.fonts import glyph_widths
from lecturedeck.plan.geometry import body_box
from lecturedeck.plan.linebreak import break_lines
from lecturedeck.plan.measure import WIDTH_SAFETY, Measurer
from lecturedeck.plan.model import CodeBlock, DefinitionBlock, ListItem, TableBlock
from lecturedeck.plan.textsplit import sentence_ends, split_inline
from lecturedeck.themes import load_theme

THEME = load_theme("lecture")


@pytest.fixture(scope="module")
def ms() -> Measurer:
    return Measurer(THEME)


def wrap(text: str, width: float) -> list[str]:
    """Lines of text where every character is 1 unit wide."""
    starts = break_lines(text, [1.0] * len(text), width)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# ---- line breaking -------------------------------------------------------------------------------


def test_cjk_breaks_between_any_characters() -> None:
    assert wrap("大模型的发展历史", 3) == ["大模型", "的发展", "历史"]


def test_no_break_before_closing_punctuation() -> None:
    # "。" may not start a line: "型" moves down with it.
    assert wrap("大模型。发展", 3) == ["大模", "型。发", "展"]
    for closing in "。，、；：！？）」』】》〉…":
        lines = wrap(f"一二三{closing}四五六", 3)
        assert all(not line.startswith(closing) for line in lines), (closing, lines)


def test_no_break_after_opening_punctuation() -> None:
    for opening in "（「『【《〈":
        lines = wrap(f"一二{opening}三四五", 3)
        assert all(not line.endswith(opening) for line in lines), (opening, lines)


def test_latin_words_break_at_spaces_and_hyphens() -> None:
    assert wrap("hello world foo bar", 11) == ["hello world ", "foo bar"]
    assert wrap("a well-known issue", 8) == ["a well-", "known ", "issue"]
    assert wrap("GPT-3 model", 4) == ["GPT-", "3 ", "mode", "l"]  # no break between "-" and a digit…
    assert wrap("GPT-3 model", 6) == ["GPT-3 ", "model"]


def test_word_longer_than_the_line_breaks_anywhere() -> None:
    url = "https://example.com/a/very/long/path"
    lines = wrap(f"see {url} now", 10)
    assert "".join(lines) == f"see {url} now"
    assert all(len(line.rstrip()) <= 10 for line in lines)
    assert lines[0] == "see "  # the URL starts on its own line before breaking anywhere


def test_trailing_spaces_hang() -> None:
    assert wrap("abc def", 3) == ["abc ", "def"]


def test_mixed_cjk_and_latin_break_at_script_boundaries() -> None:
    assert wrap("使用Transformer架构", 12) == ["使用", "Transformer架", "构"]


# ---- widths --------------------------------------------------------------------------------------


def test_thirty_cjk_characters_at_28px_are_840px(ms: Measurer) -> None:
    width = ms.text_width(parse_inline("大" * 10 + "模型的发展历史与关键技术和特点数据采集"), 28) / WIDTH_SAFETY
    assert width == pytest.approx(840, rel=0.05)


def test_latin_average_width_is_plausible(ms: Measurer) -> None:
    text = "The quick brown fox jumps over the lazy dog"
    em = ms.text_width(parse_inline(text), 1) / WIDTH_SAFETY / len(text)
    assert 0.45 <= em <= 0.65


def test_bold_is_not_narrower_and_code_is_monospace(ms: Measurer) -> None:
    plain, bold = (Span("Transformer"),), (Span("Transformer", bold=True),)
    assert ms.text_width(bold, 28) >= ms.text_width(plain, 28)
    mono = glyph_widths(THEME.fonts, True, False)
    assert mono.em("i") == pytest.approx(mono.em("m"))


def test_fallback_model_without_fonts() -> None:
    from lecturedeck.plan.fonts import GlyphWidths

    model = GlyphWidths((), (), THEME.fonts, mono=False, bold=False)
    assert model.em("大") == 1.0
    assert 0.55 <= model.em("a") <= 0.65
    assert 0.55 <= model.em("1") <= 0.65


def test_glyph_widths_are_cached() -> None:
    widths = glyph_widths(THEME.fonts, False, False)
    widths.em("Ω")
    assert "Ω" in widths._cache


# ---- heights -------------------------------------------------------------------------------------


def test_line_count_and_height(ms: Measurer) -> None:
    text = parse_inline("大" * 100)
    width = body_box(THEME).w
    per_line = int(width / (28 * WIDTH_SAFETY))
    lines = ms.lines(text, 28, width)
    assert lines.count == -(-100 // per_line)
    assert ms.text_height(text, width) == pytest.approx(lines.count * 28 * THEME.spacing.line_height)


def test_nested_items_are_narrower(ms: Measurer) -> None:
    assert item_width(ms, 2, 1000) == 1000 - 3 * THEME.spacing.indent
    child = ListItem(parse_inline("子项"))
    parent = ListItem(parse_inline("父项"), (child,))
    line = 28 * THEME.spacing.line_height
    assert item_height(ms, parent, 0, 1000) == pytest.approx(2 * line + THEME.spacing.paragraph_gap)


def test_definition_box_height(ms: Measurer) -> None:
    block = DefinitionBlock(parse_inline("大模型"), parse_inline("参数规模巨大的深度学习模型"))
    line = 28 * THEME.spacing.line_height
    expected = 2 * metrics.BOX_PADDING + 2 * line + THEME.spacing.paragraph_gap
    assert definition_height(ms, block, 1152, 600) == pytest.approx(expected)


def test_table_columns_proportional_and_rows_wrap(ms: Measurer) -> None:
    table = TableBlock(
        (parse_inline("年份"), parse_inline("事件")),
        ((parse_inline("2017"), parse_inline("Transformer 架构提出，" * 8)),),
    )
    widths = table_column_widths(ms, table, 1152)
    assert sum(widths) == pytest.approx(1152)
    assert widths[1] > widths[0] >= 1152 * metrics.MIN_TABLE_COLUMN_SHARE / 2
    one_line = THEME.sizes.small * THEME.spacing.line_height + 2 * metrics.CELL_PAD_Y + metrics.CELL_BORDER
    assert table_height(ms, table, 1152) > 2 * one_line


def test_code_shrinks_for_wide_lines_down_to_the_minimum(ms: Measurer) -> None:
    short = CodeBlock("python", "print('hi')")
    assert code_font_size(ms, short, 1152) == THEME.sizes.code
    wide = CodeBlock("python", "x = " + "a" * 86)
    assert THEME.sizes.min <= code_font_size(ms, wide, 1152) < THEME.sizes.code
    assert code_too_wide(ms, wide, 1152, 500) is None
    huge = CodeBlock("python", "x" * 400)
    assert code_font_size(ms, huge, 1152) == THEME.sizes.min
    assert "line 1 of the listing is too wide" in (code_too_wide(ms, huge, 1152, 500) or "")


def test_image_height_from_aspect_ratio(ms: Measurer, tmp_path) -> None:
    from PIL import Image

    from lecturedeck.plan.model import ImageBlock

    path = tmp_path / "wide.png"
    Image.new("RGB", (400, 100)).save(path)
    block = ImageBlock(path, "wide", width=0.5)
    assert image_height(ms, block, 1000, 500) == pytest.approx(125)
    tall = tmp_path / "tall.png"
    Image.new("RGB", (100, 400)).save(tall)
    assert image_height(ms, ImageBlock(tall, "tall"), 1000, 500) == pytest.approx(500)  # capped


# ---- text splitting ------------------------------------------------------------------------------


def test_split_inline_keeps_styles_and_every_character() -> None:
    spans: Inline = (Span("ab"), Span("cd", bold=True), Span("ef", code=True))
    for cut in range(7):
        head, tail = split_inline(spans, cut)
        assert plain_text(head) + plain_text(tail) == "abcdef"
        assert all(s.text for s in (*head, *tail))
    head, tail = split_inline(spans, 3)
    assert head == (Span("ab"), Span("c", bold=True))
    assert tail == (Span("d", bold=True), Span("ef", code=True))


def test_sentence_ends() -> None:
    text = "第一句。第二句！Version 3.5 is out. Next「引用。」再来"
    cuts = sentence_ends(text)
    assert [text[:c][-3:] for c in cuts] == ["一句。", "二句！", "t. ", "用。」"]
    assert all(text[c - 1] != "3" for c in cuts)
