"""The PPTX renderer, read back with python-pptx: structure, text, styles, CJK, images, errors."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from lecturedeck.errors import DeckError, Location
from lecturedeck.inline import parse_inline as md
from lecturedeck.layout.deck import layout_deck
from lecturedeck.plan.geometry import EMU_PER_PX, body_box, title_box
from lecturedeck.plan.images import MAX_SIDE, image_size
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import block_gap
from lecturedeck.plan.model import (
    BulletsBlock,
    CodeBlock,
    Column,
    ColumnsBlock,
    Deck,
    DefinitionBlock,
    ImageBlock,
    ListItem,
    ParagraphsBlock,
    QuoteBlock,
    Slide,
    SlideRole,
    TableBlock,
)
from lecturedeck.render.pptx import render_pptx
from lecturedeck.render.pptx.master import LAYOUTS
from lecturedeck.themes import Theme, load_theme

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
SOURCE = Location(Path("slides/llm/02-history.yaml"), 12, 7)


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme("lecture")


def png(path: Path, width: int, height: int) -> Path:
    Image.new("RGB", (width, height), (14, 94, 111)).save(path)
    return path


def item(text: str, *children: ListItem) -> ListItem:
    return ListItem(md(text), children)


def content(title: str, *blocks, notes: str = "", title_lines: int = 1) -> Slide:
    kind = type(blocks[0]).__name__ if blocks else "bullets"
    return Slide(SlideRole.CONTENT, kind, md(title), blocks=blocks, notes=notes, source=SOURCE, title_lines=title_lines)


def make_deck(*slides: Slide, lang: str = "zh-CN") -> Deck:
    return Deck(
        "人工智能大模型", "大模型的发展历史", "02-history", lang, "lecture", slides, author="课程组", date="2025-03"
    )


def render(deck: Deck, theme: Theme):
    return Presentation(io.BytesIO(render_pptx(layout_deck(deck, theme), theme)))


def text_shapes(slide) -> list:
    return [sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.strip()]


def shape_named(slide, name: str):
    return next(sh for sh in slide.shapes if sh.name == name)


BULLETS = BulletsBlock(
    (
        item("**2020** GPT-3：1750 亿参数"),
        item("**2022.11** ChatGPT 问世", item("基于 `GPT-3.5`", item("*RLHF* 微调 $E=mc^2$"))),
        item("详见 [OpenAI](https://openai.com/research)"),
    )
)


@pytest.fixture(scope="module")
def full_deck(theme: Theme, tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("images")
    wide, tall = png(tmp / "wide.png", 800, 400), png(tmp / "tall.png", 300, 600)
    slides = (
        Slide(SlideRole.TITLE, "title", md("大模型的发展历史"), subtitle=md("第二讲")),
        Slide(SlideRole.AGENDA, "agenda", md("本讲内容"), blocks=(BulletsBlock((item("三个阶段"),)),)),
        Slide(SlideRole.SECTION, "section", md("三个阶段")),
        content("爆发期的标志事件", BULLETS, notes="强调零样本能力。\n第二段备注。"),
        content(
            "什么是大模型",
            ParagraphsBlock((md("大模型是参数巨大的模型。"),)),
            DefinitionBlock(md("大语言模型"), md("在海量文本上预训练的模型。")),
        ),
        content("名言", QuoteBlock(md("高估短期，低估长期。"), md("阿马拉"))),
        content(
            "对比",
            ColumnsBlock(
                Column(md("CNN"), (BulletsBlock((item("局部"),)),)),
                Column(md("Transformer"), (BulletsBlock((item("全局"),)),)),
                True,
            ),
        ),
        content(
            "两栏", ColumnsBlock(Column((), (BulletsBlock((item("左"),)),)), Column((), (BulletsBlock((item("右"),)),)))
        ),
        content(
            "代表模型",
            TableBlock((md("模型"), md("机构")), ((md("GPT-3"), md("OpenAI")), (md("文心一言"), md("百度")))),
        ),
        content("代码", CodeBlock("python", "def f(x):\n    # 注释\n    return x + 1\n")),
        content("全宽图", ImageBlock(wide, "宽图", caption=md("图 1：示意"))),
        content("左图", ImageBlock(tall, "高图", placement="left", width=0.5), BulletsBlock((item("文字在右"),))),
        content("背景图", ImageBlock(wide, "背景", placement="background"), BulletsBlock((item("前景文字"),))),
        content("一个很长的标题需要两行", BulletsBlock((item("要点"),)), title_lines=2),
        Slide(SlideRole.SUMMARY, "summary", md("小结"), blocks=(BulletsBlock((item("回顾"),)),)),
    )
    deck = make_deck(*slides)
    return deck, render(deck, theme)


def test_slide_size_is_16_9_and_layouts_have_pandoc_names(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in prs.slide_layouts] == list(LAYOUTS)
    body = next(
        ph for ph in prs.slide_layouts.get_by_name("Title and Content").placeholders if ph.placeholder_format.idx == 1
    )
    expected = body_box(theme)
    assert (body.left, body.top, body.width) == tuple(
        round(v * EMU_PER_PX) for v in (expected.x, expected.y, expected.w)
    )


def test_layouts_follow_slide_roles(full_deck) -> None:
    _, prs = full_deck
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[:4] == ["Title Slide", "Title and Content", "Section Header", "Title and Content"]
    assert names[6:8] == ["Comparison", "Two Content"]
    assert names[8] == "Title Only"  # a table slide has no text placeholder


def test_every_slide_has_a_non_empty_title_in_its_title_placeholder(full_deck) -> None:
    deck, prs = full_deck
    for slide, planned in zip(prs.slides, deck.slides, strict=True):
        titles = [sh for sh in slide.placeholders if sh.placeholder_format.type in TITLES]
        assert len(titles) == 1
        assert titles[0].text_frame.text == "".join(s.text for s in planned.title)


def test_title_slide_has_course_author_and_date_in_subtitle_and_no_footer(full_deck) -> None:
    _, prs = full_deck
    slide = prs.slides[0]
    subtitle = next(sh for sh in slide.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    assert [p.text for p in subtitle.text_frame.paragraphs] == ["第二讲", "人工智能大模型 · 课程组 · 2025-03"]
    assert not any(sh.name == "Footer" for sh in slide.shapes)


def test_footer_has_course_lecture_and_slide_number(full_deck) -> None:
    _, prs = full_deck
    for number, slide in enumerate(list(prs.slides)[1:], start=2):
        assert shape_named(slide, "Footer").text_frame.text == f"人工智能大模型 · 大模型的发展历史\t{number}"


def test_bullets_are_paragraphs_with_levels_in_the_body_placeholder(full_deck) -> None:
    _, prs = full_deck
    slide = prs.slides[3]
    body = slide.placeholders[1]
    assert [(p.level, p.text) for p in body.text_frame.paragraphs] == [
        (0, "2020 GPT-3：1750 亿参数"),
        (0, "2022.11 ChatGPT 问世"),
        (1, "基于 GPT-3.5"),
        (2, "RLHF 微调 E\u00a0=\u00a0mc²"),
        (0, "详见 OpenAI"),
    ]
    assert len(text_shapes(slide)) <= 3


def test_inline_styles_become_runs(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    paragraphs = prs.slides[3].placeholders[1].text_frame.paragraphs
    bold = paragraphs[0].runs[0]
    assert (bold.text, bold.font.bold) == ("2020", True)
    code = next(r for r in paragraphs[2].runs if r.text == "GPT-3.5")
    assert code.font.name == theme.fonts.mono[0]
    rlhf = paragraphs[3].runs[0]
    assert (rlhf.text, rlhf.font.italic) == ("RLHF", True)
    math = paragraphs[3].runs[-4:]  # $E = mc^2$: letters in italics, the rest upright, as MathJax sets them
    assert [(r.text, bool(r.font.italic)) for r in math] == [
        ("E", True),
        ("\u00a0=\u00a0", False),
        ("mc", True),
        ("²", False),
    ]  # math spaces are no-break
    link = paragraphs[4].runs[-1]
    assert link.text == "OpenAI"
    assert link.hyperlink.address == "https://openai.com/research"


def test_every_run_names_latin_and_east_asian_fonts_and_the_deck_language(full_deck, theme: Theme) -> None:
    """Inline math and symbols the Latin face has (the quote's —; not the footer's ·, Latin text) name the Latin
    face as their East Asian one too (see render.pptx.text and slots)."""
    _, prs = full_deck
    runs = [r for slide in prs.slides for r in slide._element.iter(qn("a:r"))]
    assert len(runs) > 40
    for run in runs:
        rpr = run.find(qn("a:rPr"))
        assert rpr.get("lang") == "zh-CN"
        assert rpr.find(qn("a:latin")).get("typeface") in (theme.fonts.latin[0], theme.fonts.mono[0])
        latin = run.findtext(qn("a:t")) in ("E", "\u00a0=\u00a0", "mc", "²", "— ")  # math; the quote's dash
        assert rpr.find(qn("a:ea")).get("typeface") == (theme.fonts.latin[0] if latin else theme.fonts.east_asian[0])


def test_theme_part_has_east_asian_major_and_minor_fonts(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    root = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//{qn('a:' + kind)}")
        assert font.find(qn("a:latin")).get("typeface") == theme.fonts.latin[0]
        assert font.find(qn("a:ea")).get("typeface") == theme.fonts.east_asian[0]


def test_speaker_notes(full_deck) -> None:
    _, prs = full_deck
    assert prs.slides[3].notes_slide.notes_text_frame.text == "强调零样本能力。\n第二段备注。"
    assert not prs.slides[4].has_notes_slide


def test_definition_quote_and_code(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    definition = shape_named(prs.slides[4], "Definition").text_frame.paragraphs
    term = definition[0].runs[0]
    assert (term.text, term.font.bold, str(term.font.color.rgb)) == ("大语言模型", True, theme.colors.accent[1:])
    assert definition[1].text == "在海量文本上预训练的模型。"
    quote = shape_named(prs.slides[5], "Quote").text_frame.paragraphs
    assert [p.text for p in quote] == ["高估短期，低估长期。", "— 阿马拉"]
    code = shape_named(prs.slides[9], "Code")
    assert str(code.fill.fore_color.rgb) == theme.colors.code_background[1:]
    assert [p.text for p in code.text_frame.paragraphs] == ["def f(x):", "    # 注释", "    return x + 1"]
    runs = [r for p in code.text_frame.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {theme.fonts.mono[0]}
    assert len({str(r.font.color.rgb) for r in runs}) >= 3  # keyword, name, comment, … coloured


def test_columns_use_two_content_and_comparison_placeholders(full_deck) -> None:
    _, prs = full_deck
    comparison = {ph.placeholder_format.idx: ph.text_frame.text for ph in prs.slides[6].placeholders}
    assert comparison == {0: "对比", 1: "CNN", 2: "局部", 3: "Transformer", 4: "全局"}
    left, right = prs.slides[7].placeholders[1], prs.slides[7].placeholders[2]
    assert (left.text_frame.text, right.text_frame.text) == ("左", "右")
    assert left.left < right.left and left.top == right.top


def test_native_table_with_styled_header_and_stripes(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    frame = next(sh for sh in prs.slides[8].shapes if sh.has_table)
    table = frame.table
    assert [c.text for c in table.rows[0].cells] == ["模型", "机构"]
    assert [c.text for c in table.rows[2].cells] == ["文心一言", "百度"]
    header = table.cell(0, 0)
    assert str(header.fill.fore_color.rgb) == theme.colors.table_header_background[1:]
    assert header.text_frame.paragraphs[0].runs[0].font.bold
    stripes = {str(table.cell(r, 0).fill.fore_color.rgb) for r in (1, 2)}
    assert stripes == {theme.colors.background[1:], theme.colors.table_stripe[1:]}


def pictures(slide) -> list:
    return [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_images_keep_aspect_ratio_and_follow_placement(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    body = body_box(theme)
    (full,) = pictures(prs.slides[10])
    assert full.width / full.height == pytest.approx(2.0, rel=1e-3)
    assert abs((full.left + full.width / 2) - (body.x + body.w / 2) * EMU_PER_PX) < EMU_PER_PX
    assert shape_named(prs.slides[10], "Caption").text_frame.text == "图 1：示意"
    (left,) = pictures(prs.slides[11])
    assert left.width / left.height == pytest.approx(0.5, rel=1e-3)
    text = prs.slides[11].placeholders[1]
    assert left.left + left.width <= text.left  # image left, text right
    assert left.width <= body.w / 2 * 0.5 * EMU_PER_PX + 1  # width fraction of its half
    background = prs.slides[12].shapes[0]
    assert background.shape_type == MSO_SHAPE_TYPE.PICTURE  # behind everything
    assert (background.width, background.height) == (prs.slide_width, prs.slide_height)
    assert background.crop_left == pytest.approx(background.crop_right) and background.crop_top == 0


def test_two_line_title_moves_title_and_body(full_deck, theme: Theme) -> None:
    _, prs = full_deck
    slide = prs.slides[13]
    assert slide.shapes.title.height == round(title_box(theme, 2).h * EMU_PER_PX)
    assert slide.placeholders[1].top == round(body_box(theme, 2).y * EMU_PER_PX)


def test_no_empty_placeholders_are_left(full_deck) -> None:
    _, prs = full_deck
    for slide in prs.slides:
        assert all(ph.text_frame.text.strip() for ph in slide.placeholders if ph.has_text_frame)


def test_cjk_text_is_kept_exactly(theme: Theme) -> None:
    texts = ["人工智能（AI）的“三起三落”", "⽇本語ではなく日本語", "한국어 텍스트", "e\u0301 café"]
    deck = make_deck(content("汉字：龍、門、鬱", ParagraphsBlock(tuple(md(t) for t in texts))))
    prs = render(deck, theme)
    body = prs.slides[0].placeholders[1]
    assert [p.text for p in body.text_frame.paragraphs] == texts
    assert prs.slides[0].shapes.title.text_frame.text == "汉字：龍、門、鬱"
    everything = "".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
    kangxi = [c for c in everything if "\u2f00" <= c <= "\u2fdf"]
    assert kangxi == ["⽇"]  # only the one the author typed


def test_core_properties_and_determinism(theme: Theme) -> None:
    deck = make_deck(content("标题", BULLETS))
    first, second = render_pptx(layout_deck(deck, theme), theme), render_pptx(layout_deck(deck, theme), theme)
    prs = Presentation(io.BytesIO(first))
    props = prs.core_properties
    assert (props.title, props.author, props.language) == ("大模型的发展历史", "课程组", "zh-CN")

    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}

    assert parts(first) == parts(second)


def test_english_deck_language(theme: Theme) -> None:
    prs = render(make_deck(content("Intro", BULLETS), lang="en-US"), theme)
    rpr = next(prs.slides[0]._element.iter(qn("a:rPr")))
    assert rpr.get("lang") == "en-US"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.png", "image not found"),
        (lambda d: (d / "chart.svg").write_text("<svg/>") and d / "chart.svg", "has no width/height or viewBox"),
        (lambda d: (d / "x.png").write_bytes(b"not an image") and d / "x.png", "cannot read image"),
        (lambda d: Image.new("RGB", (4, 4)).save(d / "x.webp") or d / "x.webp", "WEBP format"),
        (lambda d: png(d / "huge.png", MAX_SIDE + 1, 1), f"more than {MAX_SIDE} px"),
    ],
)
def test_bad_images_raise_deck_error_at_the_slide(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(DeckError) as err:
        image_size(make(tmp_path), SOURCE)
    assert message in err.value.message
    assert err.value.location == SOURCE
    assert str(err.value).startswith("slides/llm/02-history.yaml:12:7: ")


def test_text_is_nfc_as_given(theme: Theme) -> None:
    text = "中文标点：，。！？、《》——……"
    prs = render(make_deck(content(text, ParagraphsBlock((md(text),)))), theme)
    assert prs.slides[0].placeholders[1].text_frame.text == unicodedata.normalize("NFC", text)


def test_panels_are_drawn_at_the_planners_measured_height(full_deck, theme: Theme) -> None:
    deck, prs = full_deck
    measure, body = measurer(theme), body_box(theme)
    code_block = deck.slides[9].blocks[0]
    code = shape_named(prs.slides[9], "Code")
    assert code.height == round(measure.block_height(code_block, body.w, body.h) * EMU_PER_PX)
    definition = shape_named(prs.slides[4], "Definition")  # stacked below a paragraph, a block gap apart
    paragraph_h = measure.block_height(deck.slides[4].blocks[0], body.w, body.h)
    assert definition.top == pytest.approx((body.y + paragraph_h + block_gap(theme)) * EMU_PER_PX, abs=2)
