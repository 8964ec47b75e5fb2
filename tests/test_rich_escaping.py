"""Code listings (raw HTML <pre>), timelines, model cards, quizzes and display math: user text never becomes
structure, checked through the real marp-cli."""

from __future__ import annotations

import html as html_lib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lecturedeck.inline import parse_inline
from lecturedeck.plan import model as m
from tests.marp_html import normalise, read_deck
from tests.test_escaping import DANGEROUS, TEXT, build_html, visible

CODE_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"),
    max_size=30,
)
CODE_DANGERS = ["</pre>", "</code></pre>", "<!-- _class: lead -->", "<script>x</script>", "---", "$$", "&amp;", "```"]


def _deck(code_lines: list[str], texts: list[str]) -> m.Deck:
    t = [parse_inline(x) or (m.Span("x"),) for x in texts]
    code = "\n".join(code_lines)
    timeline = m.TimelineBlock((m.TimelinePeriod(t[0], texts[1], t[2], (m.TimelineEvent(texts[3], t[4]),)),))
    card = m.ModelCardBlock(t[5], _short(texts[6]), _short(texts[7]), t[8], texts[9], (_short(texts[10]),), (t[11],))
    quiz = m.QuizBlock(t[0], (m.QuizChoice(t[1]), m.QuizChoice(t[2], correct=True)), t[3])
    slides = (
        m.Slide(m.SlideRole.CONTENT, "quiz", t[4], blocks=(quiz,)),
        m.Slide(m.SlideRole.CONTENT, "code", t[12], blocks=(m.CodeBlock("python", code, True, (1,)),)),
        m.Slide(m.SlideRole.CONTENT, "timeline", t[13], blocks=(timeline,)),
        m.Slide(m.SlideRole.CONTENT, "model", t[14], blocks=(card,)),
        m.Slide(m.SlideRole.CONTENT, "math", t[15], blocks=(m.MathBlock(r"\frac{a}{b} < c"),)),
    )
    return m.Deck("c", "l", "deck", "zh-CN", "lecture", slides)


def _short(text: str) -> str:
    """A model card's organisation, year or modality: short enough for its box in any glyphs (a wider one is a
    located error, tests/test_hostile_limits.py)."""
    return text[:10]


def _pre_text(html: str) -> str:
    """The text of the code listing as a browser shows it (line numbers dropped)."""
    pre = re.search(r'<pre class="code-lines[^"]*"><code>(.*?)</code></pre>', html, re.DOTALL)
    assert pre, "the listing is not one <pre>"
    lines = re.findall(
        r'<span class="line[^"]*"><span class="ln">\d+</span>(.*?)</span>(?=<span class="line|$)', pre.group(1)
    )
    return "\n".join(html_lib.unescape(re.sub(r"<[^>]+>", "", line)) for line in lines)


def _check(deck: m.Deck, code_lines: list[str], texts: list[str], html: str) -> None:
    slides, _ = read_deck(html)
    assert len(slides) == len(deck.slides), "user text added or removed slides"
    assert 'class="lead"' not in html and "<script>x" not in html
    assert _pre_text(html) == "\n".join(line.expandtabs(4) for line in code_lines).rstrip("\n")
    for text in (texts[1], texts[3], _short(texts[6]), _short(texts[10])):
        assert normalise(text) in " ".join(slides)
    quiz = deck.slides[0].blocks[0]
    assert isinstance(quiz, m.QuizBlock)
    for spans in (quiz.question, *(c.text for c in quiz.choices), quiz.explanation):
        assert all(piece in slides[0] for piece in visible(spans))
    assert sorted(re.findall(r"<script[^>]*>", html)) == ['<script data-lecturedeck="quiz">', "<script>", "<script>"]


def test_dangerous_code_and_texts_stay_literal() -> None:
    texts = (DANGEROUS * 2)[:16]
    deck = _deck(CODE_DANGERS, texts)
    [html] = build_html([deck])
    _check(deck, CODE_DANGERS, texts, html)
    assert "mjx-container" in html


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    codes=st.lists(
        st.lists(CODE_LINE, min_size=1, max_size=6).filter(lambda c: "".join(c).strip()), min_size=3, max_size=3
    ),
    texts=st.lists(st.lists(TEXT, min_size=16, max_size=16), min_size=3, max_size=3),
)
def test_random_code_and_texts_never_change_structure(codes: list[list[str]], texts: list[list[str]]) -> None:
    decks = [_deck(c, t) for c, t in zip(codes, texts, strict=True)]
    for deck, c, t, html in zip(decks, codes, texts, build_html(decks), strict=True):
        _check(deck, c, t, html)
