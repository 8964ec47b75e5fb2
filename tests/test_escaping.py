"""No user text can change a deck's structure: verified through the real marp-cli."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lecturedeck.inline import Span, emphasised, parse_inline, plain_text, text_span
from lecturedeck.layout.deck import layout_deck
from lecturedeck.plan import model as m
from lecturedeck.render.markdown import render_markdown
from lecturedeck.render.marp_escape import to_markdown
from lecturedeck.render.theme_css import render_theme_css
from lecturedeck.themes import load_theme
from tests.conftest import convert_to_html, require_marp
from tests.marp_html import normalise, read_deck

DANGEROUS = [
    "---",
    "# heading",
    "<!-- _class: lead -->",
    "<script>alert(1)</script>",
    "![bg](x.png)",
    "| a | b |",
    "1. not a list",
    "> not a quote",
    "    four spaces",
    "```",
    "$$",
    "&amp; &lt;",
    ":smile: 😀",
    "***",
    "<div class='x'>",
    "[link](javascript:alert(1))",
    "* item",
    "===",
    "\\",
    "a\\",
]


def deck_with(texts: list[str], notes: str) -> m.Deck:
    """A deck that puts each text into a different text field (every kind of block)."""
    t = [parse_inline(x) or text_span("x") for x in texts]
    items = tuple(m.ListItem(x, (m.ListItem(t[0]),)) for x in t)
    column = m.Column(t[1], (m.BulletsBlock((m.ListItem(t[2]),)), m.ParagraphsBlock((t[3],))))
    slides = (
        m.Slide(m.SlideRole.TITLE, "title", t[0], t[1]),
        m.Slide(m.SlideRole.CONTENT, "bullets", t[2], blocks=(m.BulletsBlock(items),), notes=notes),
        m.Slide(m.SlideRole.CONTENT, "text", t[3], blocks=(m.ParagraphsBlock(tuple(t)),)),
        m.Slide(m.SlideRole.CONTENT, "definition", t[4], blocks=(m.DefinitionBlock(t[5], t[6]),)),
        m.Slide(m.SlideRole.CONTENT, "quote", t[7], blocks=(m.QuoteBlock(t[8], t[9]),)),
        m.Slide(m.SlideRole.CONTENT, "columns", t[10], blocks=(m.ColumnsBlock(column, column, True),)),
        m.Slide(m.SlideRole.CONTENT, "table", t[11], blocks=(m.TableBlock((t[12], t[13]), ((t[14], t[15]),)),)),
        m.Slide(m.SlideRole.SECTION, "section", t[16], t[17]),
    )
    return m.Deck("课程 " + texts[18], "讲 " + texts[19], "deck", "zh-CN", "lecture", slides)


def visible(spans: m.Inline) -> list[str]:
    """The pieces of literal text between inline formulas (a formula is drawn, whatever its characters)."""
    pieces: list[list[m.Span]] = [[]]
    for span in spans:
        if span.math:
            pieces.append([])
        else:
            pieces[-1].append(span)
    return [normalise(plain_text(tuple(p))) for p in pieces]


def build_html(decks: list[m.Deck]) -> list[str]:
    require_marp()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "md").mkdir()
        theme = load_theme("lecture")
        for i, deck in enumerate(decks):
            markdown = render_markdown(layout_deck(deck, theme), lambda p: p.name)
            (root / "md" / f"d{i}.md").write_text(markdown, encoding="utf-8")
        css = root / "lecture.css"
        css.write_text(render_theme_css(theme), encoding="utf-8")
        convert_to_html(root / "md", root / "html", [css])
        return [(root / "html" / f"d{i}.html").read_text(encoding="utf-8") for i in range(len(decks))]


def check_structure(deck: m.Deck, html: str) -> None:
    slides, notes = read_deck(html)
    assert len(slides) == len(deck.slides), "user text added or removed slides"
    assert "<script>alert" not in html
    assert 'class="lead"' not in html
    for planned, text in zip(deck.slides, slides, strict=True):
        for spans in (planned.title, planned.subtitle):
            assert all(piece in text for piece in visible(spans))
        for block in planned.blocks:
            if isinstance(block, m.ParagraphsBlock):
                for paragraph in block.paragraphs:
                    assert all(piece in text for piece in visible(paragraph))
            if isinstance(block, m.TableBlock):
                for cell in (*block.header, *block.rows[0]):
                    assert all(piece in text for piece in visible(cell))
    # A literal "-->" in notes gets an invisible zero-width space so it cannot end the comment.
    assert normalise(deck.slides[1].notes) in notes.get(1, "").replace("\u200b", "")


def test_markdown_escapes_structure() -> None:
    for text in DANGEROUS:
        markdown = to_markdown(parse_inline(text))
        assert "\n" not in markdown
        assert not markdown.startswith(("#", "-", ">", "<", "|", "!", "`", "1.", "*", "=", "    "))


def test_dangerous_text_stays_literal_in_real_marp() -> None:
    texts = (DANGEROUS * 2)[:20]
    deck = deck_with(texts, "class: lead\n-->\n<!-- _paginate: false -->")
    [html] = build_html([deck])
    check_structure(deck, html)
    slides, _ = read_deck(html)
    for text in ("---", "# heading", "<!-- _class: lead -->", "![bg](x.png)", "| a | b |", "<script>alert(1)</script>"):
        assert text in slides[2], f"{text!r} is not shown literally"
    assert "x.png" not in html.replace("![bg](x.png)", ""), "the literal image syntax must not load an image"
    assert "<title>讲 " in html, "the HTML title is the plain lecture title"


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.lists(st.lists(TEXT, min_size=20, max_size=20), min_size=4, max_size=4), notes=TEXT)
def test_random_text_never_changes_structure(texts: list[list[str]], notes: str) -> None:
    """Random unicode in every text field → same slide count, text present in the HTML."""
    decks = [deck_with(t, notes) for t in texts]
    for deck, html in zip(decks, build_html(decks), strict=True):
        check_structure(deck, html)


def test_emphasis_reads_back_as_the_same_style() -> None:
    """The emphasis both markdown writers use (the Marp renderer, the importer's outline writer)."""
    for bold in (False, True):
        for italic in (False, True):
            span = Span("a word", bold=bold, italic=italic)
            assert parse_inline(emphasised("a word", span)) == (span,)


def test_image_alt_text_is_shown_as_written_and_adds_no_keyword() -> None:
    image = m.ImageBlock(Path("/x/pic.png"), "RLHF bg w:300 left 流程图 (a) 50%")
    slides = (m.Slide(m.SlideRole.CONTENT, "image", parse_inline("图"), blocks=(image,)),)
    [html] = build_html([m.Deck("课程", "讲", "deck", "zh-CN", "lecture", slides)])
    alt = re.search(r'<img[^>]*alt="([^"]*)"', html)
    assert alt is not None, "a full-width image is an <img>, not a background"
    assert alt.group(1).replace("\u200b", "") == "RLHF bg w:300 left 流程图 (a) 50%"
    assert "background-image" not in html.split("<body")[1]
