"""Hostile sizes (issue 10, items 8 and 10): bounded work for diagrams, timelines and tables, and the layout's
guarantee — every slide kind either fits (split or re-arranged) or is a located error saying why, found by
`deck check` exactly as `deck build` finds it, and what passes is drawn with every text at least the theme's
sizes.min and every shape on the slide, in the markdown and in the PPTX (never a renderer exception).
"""

from __future__ import annotations

import io
import itertools
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from lecturedeck.build import PlannedCourse, load_and_plan
from lecturedeck.diagrams.mermaid import MAX_LINKS, MAX_NODE_LINKS, MAX_NODES, MermaidError, parse_flowchart
from lecturedeck.errors import DeckError
from lecturedeck.inline import text_span
from lecturedeck.kinds.mindmap import MAX_MINDMAP_BRANCHES, MAX_MINDMAP_TOPICS
from lecturedeck.layout.model import DrawingGeometry, Graphic, ShapeBox, TextBox, TextStyle
from lecturedeck.layout.verify import slide_problems
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import TableBlock, TimelineBlock
from lecturedeck.render.markdown import render_markdown
from lecturedeck.render.pptx import render_pptx
from lecturedeck.themes import load_theme
from tests.conftest import deck
from tests.courses import write_course

THEME = load_theme("lecture")
LOCATED = re.compile(r"\S*01\.yaml:\d+:\d+: \S")  # file:line:col: message


def located(message: str) -> bool:
    """Whether every line of a refusal names its place in the lecture file."""
    return bool(message) and all(LOCATED.match(line) for line in message.strip().split("\n"))


# ---- a course of one slide ------------------------------------------------------------------------------------


def course(folder: Path, *slides: dict[str, Any], title: str = "Lecture") -> Path:
    """A course with one lecture of one section holding `slides` (YAML written from the dicts)."""
    lecture = {"title": title, "sections": [{"title": "Part", "slides": list(slides)}]}
    text = yaml.safe_dump(lecture, allow_unicode=True, sort_keys=False, width=1_000_000)
    return write_course(folder, {"01.yaml": text}, title="Hostile")


def diagram_course(folder: Path, mermaid: str) -> Path:
    """A course with one diagram slide, its mermaid as a block scalar from line 8, indented by 10."""
    body = "\n".join(f"          {line}" for line in mermaid.split("\n"))
    head = "title: L\nsections:\n  - title: S\n    slides:\n      - kind: diagram\n        title: D\n"
    return write_course(folder, {"01.yaml": f"{head}        mermaid: |\n{body}\n"}, title="Hostile")


def where(folder: Path, text: str, token: str = "") -> str:
    """'01.yaml:line:col' of the first line holding `text`, at `token` within it (default: where `text` starts)."""
    lines = (folder / "01.yaml").read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, start=1) if text in t)
    return f"01.yaml:{line}:{lines[line - 1].index(text) + text.index(token) + 1}"


def refusal(folder: Path) -> str:
    with pytest.raises(DeckError) as caught:
        load_and_plan([folder])
    return str(caught.value)


def ids(n: int) -> list[str]:
    """n short node ids (two letters): a big graph in few characters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(p) for p in itertools.product(letters, repeat=2)][:n]


# ---- flowcharts and mind maps: limits while parsing ----------------------------------------------------------


def test_a_500_node_2000_link_graph_is_refused_while_parsing_in_milliseconds(tmp_path: Path) -> None:
    nodes = ids(500)
    mermaid = "graph TD\n" + "\n".join(f"{nodes[i % 500]}-->{nodes[(7 * i + 1) % 500]}" for i in range(2000))
    assert len(mermaid) < 20_000  # within the text limit: it is the graph that is refused
    started = time.perf_counter()
    with pytest.raises(MermaidError, match=f"at most {MAX_LINKS} links|at most {MAX_NODES}"):
        parse_flowchart(mermaid)
    assert time.perf_counter() - started < 0.05  # measured: 0.1 ms (it ran 15 minutes before the limits)
    folder = diagram_course(tmp_path / "huge", mermaid)
    started = time.perf_counter()
    message = refusal(folder)
    assert time.perf_counter() - started < 2.0
    assert "01.yaml:" in message and "split it into several diagrams" in message, message


@pytest.mark.parametrize(
    ("mermaid", "at", "token", "words"),
    [
        # node 41 of a chain: at its id
        ("graph LR\n" + "\n".join(f"n{i} --> n{i + 1}" for i in range(45)), "n39 --> n40", "n40", "would be node 41"),
        # a fan-out: at the link that would be the hub's 21st
        ("graph LR\n" + "\n".join(f"hub --> n{i}" for i in range(30)), "hub --> n20", "-->", f"than {MAX_NODE_LINKS}"),
        # 8 × 8 links in one statement: refused at the link, before they are made
        ("graph LR\n" + " & ".join(f"a{i}" for i in range(8)) + " --> " + " & ".join(f"b{i}" for i in range(8)),
         "a7 --> b0", "-->", f"at most {MAX_LINKS} links"),
    ],
)  # fmt: skip
def test_limits_are_located_at_the_node_or_link_over_them(
    tmp_path: Path, mermaid: str, at: str, token: str, words: str
) -> None:
    folder = diagram_course(tmp_path / "limit", mermaid)
    message = refusal(folder)
    assert f"{where(folder, at, token)}: mermaid: " in message and words in message, message


def test_mind_map_limits(tmp_path: Path) -> None:
    wide = [f"topic {i}" for i in range(MAX_MINDMAP_BRANCHES + 1)]
    folder = course(tmp_path / "wide", {"kind": "mindmap", "title": "M", "root": "R", "items": wide})
    message = refusal(folder)
    assert where(folder, "- topic 0") in message and f"at most {MAX_MINDMAP_BRANCHES} per topic" in message, message
    many = [{"text": f"b{i}", "items": [f"l{i}.{j}" for j in range(8)]} for i in range(8)]  # 72 topics
    folder = course(tmp_path / "many", {"kind": "mindmap", "title": "M", "root": "R", "items": many})
    assert f"72 topics, and at most {MAX_MINDMAP_TOPICS}" in refusal(folder)


# ---- hypothesis: random flowcharts are refused with a location, or drawn readably on the slide ---------------

WORDS = st.sampled_from(["data", "model", "training", "evaluation", "a", "Transformer-based", "数据", "模型训练与评估"])


@st.composite
def flowcharts(draw: st.DrawFn) -> str:
    n = draw(st.one_of(st.integers(1, 12), st.integers(1, MAX_NODES + 5)))
    labels = [
        " ".join(draw(st.lists(WORDS, min_size=1, max_size=draw(st.sampled_from([1, 2, 3, 8]))))) for _ in range(n)
    ]
    links = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=min(2 * n, MAX_LINKS + 10)))
    direction = draw(st.sampled_from(["LR", "TD", "RL", "BT"]))
    lines = [f'n{i}["{label}"]' for i, label in enumerate(labels)]
    lines += [f"n{a} --> n{b}" for a, b in links if a != b]
    return f"graph {direction}\n" + "\n".join(lines)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mermaid=flowcharts())
def test_random_flowcharts_are_refused_or_drawn_readably(
    tmp_path_factory: pytest.TempPathFactory, mermaid: str
) -> None:
    folder = diagram_course(tmp_path_factory.mktemp("flow"), mermaid)
    try:
        (planned,) = load_and_plan([folder])
    except DeckError as exc:
        assert located(str(exc)), str(exc)
        event("refused: " + str(exc).split(": ", 1)[-1][:40])
        return
    event("drawn")
    (frame,) = next(s for s in planned.laid[0].slides if s.slide.kind == "diagram").frames
    assert isinstance(frame.detail, DrawingGeometry)
    drawing = frame.detail.drawing
    layout = frame.detail.layout
    assert layout.smallest_text >= THEME.sizes.min - 0.01
    for node in layout.nodes:
        assert node.rect.moved(drawing.x, drawing.y).inside(THEME.slide.width, THEME.slide.height, 0.5)
    assert_renders_readably(planned)


# ---- timelines, tables, code, model cards, columns, titles ---------------------------------------------------


def test_a_timeline_of_300_events_is_split_into_readable_slides(tmp_path: Path) -> None:
    periods = [
        {"name": f"Period {p}", "span": f"{1700 + 30 * p}–{1729 + 30 * p}",
         "events": [{"year": 1700 + 30 * p + e, "text": f"event {p}.{e}"} for e in range(30)]}
        for p in range(10)
    ]  # fmt: skip
    (planned,) = load_and_plan([course(tmp_path / "t", {"kind": "timeline", "title": "History", "periods": periods})])
    parts = [b for s in planned.decks[0].slides for b in s.blocks if isinstance(b, TimelineBlock)]
    shown = [e.text[0].text for part in parts for p in part.periods for e in p.events]
    assert shown == [f"event {p}.{e}" for p in range(10) for e in range(30)]  # every event once, in order
    assert 8 <= len(parts) <= 20
    sizes = {len([e for p in part.periods for e in p.events]) for part in parts}
    assert max(sizes) - min(sizes) <= 10  # parts of about the same size, not 40 + 40 + … + 1
    fills: dict[str, set[str | None]] = {}  # a period keeps its colour on every slide it spans
    for frame in (f for page in planned.laid[0].slides for f in page.frames if isinstance(f.detail, Graphic)):
        for item in frame.detail.items:  # type: ignore[union-attr]
            if isinstance(item, ShapeBox) and re.fullmatch(r"Period \d+", item.name):
                fills.setdefault(item.name, set()).add(item.fill)
    assert len(fills) == 10 and all(len(f) == 1 for f in fills.values()), fills
    assert fills["Period 1"] != fills["Period 2"]
    assert_renders_readably(planned)


def test_a_timeline_splits_at_the_end_of_a_period(tmp_path: Path) -> None:
    periods = [
        {
            "name": f"Period {p}",
            "summary": "what happened",
            "events": [{"year": 1900 + e, "text": "x"} for e in range(15)],
        }
        for p in range(3)
    ]
    (planned,) = load_and_plan([course(tmp_path / "t", {"kind": "timeline", "title": "T", "periods": periods})])
    parts = [b for s in planned.decks[0].slides for b in s.blocks if isinstance(b, TimelineBlock)]
    assert [[len(p.events) for p in part.periods] for part in parts] == [[15], [15], [15]]


def test_a_timeline_event_too_long_for_any_slide_is_named(tmp_path: Path) -> None:
    slide = {"kind": "timeline", "title": "T", "periods": [{"name": "P", "events": [{"year": 1, "text": "a" * 300}]}]}
    folder = course(tmp_path / "t", slide)
    message = refusal(folder)
    assert f"{where(folder, 'kind:')}: the timeline cannot show the event '1' of 'P' even alone" in message, message


def test_a_table_of_100_columns_is_refused_with_the_most_that_fit(tmp_path: Path) -> None:
    slide = {"kind": "table", "title": "T", "header": [f"h{i}" for i in range(100)], "rows": [list(range(100))]}
    folder = course(tmp_path / "t", slide)
    message = refusal(folder)
    assert f"{where(folder, '- h0')}: the table has 100 columns, and at most 13 fit side by side" in message
    assert "transpose it" in message, message


def test_a_table_of_13_columns_fits(tmp_path: Path) -> None:
    slide = {"kind": "table", "title": "T", "header": [f"h{i}" for i in range(13)], "rows": [list(range(13))] * 3}
    (planned,) = load_and_plan([course(tmp_path / "t", slide)])
    assert_renders_readably(planned)


def test_a_table_of_5000_rows_splits_in_bounded_time(tmp_path: Path) -> None:
    slide = {"kind": "table", "title": "T", "header": ["n"], "rows": [[f"row {i}"] for i in range(5000)]}
    folder = course(tmp_path / "t", slide)
    started = time.perf_counter()
    (planned,) = load_and_plan([folder])
    assert time.perf_counter() - started < 15  # measured: 2.3 s on the 2-core machine (55 s before)
    parts = [b for s in planned.decks[0].slides for b in s.blocks if isinstance(b, TableBlock)]
    assert [r[0][0].text for p in parts for r in p.rows] == [f"row {i}" for i in range(5000)]
    assert all(len(p.rows) >= 3 for p in parts)  # no scrap at the end


@pytest.mark.parametrize(
    ("slide", "words"),
    [
        ({"kind": "table", "title": "T", "header": ["a", "b"], "rows": [["short", "x"], ["word " * 900, "y"]]},
         "a table row is taller than a slide even with the table text at"),
        ({"kind": "table", "title": "T", "header": ["word " * 900], "rows": [["x"]]}, "the header row"),
        ({"kind": "code", "title": "C", "code": "x = 1\ny = '" + "a" * 300 + "'\n"},
         "line 2 of the listing is too wide for a slide even at the smallest code size (18 px)"),
        ({"kind": "model", "title": "M", "name": "GPT", "highlights": [f"highlight number {i}" for i in range(40)]},
         "the model card's highlights (40) need"),
        ({"kind": "model", "title": "M", "name": "GPT", "modalities": [f"modality {i}" for i in range(80)]},
         "list fewer modalities"),
        ({"kind": "bullets", "title": "a long title " * 40, "items": ["x"]},
         "the title wraps to 9 lines and leaves too little room for the content: at most 6 lines fit"),
    ],
)  # fmt: skip
def test_what_no_slide_can_show_is_a_located_error(tmp_path: Path, slide: dict[str, Any], words: str) -> None:
    folder = course(tmp_path / "c", slide)
    message = refusal(folder)
    assert f"{where(folder, 'kind:')}: " in message and words in message, message


@pytest.mark.parametrize("placement", ["full", "left"])
def test_an_image_caption_that_leaves_no_room_for_the_picture(tmp_path: Path, placement: str) -> None:
    slide = {"kind": "image", "title": "I", "src": "p.png", "alt": "a", "placement": placement, "items": ["x"],
             "caption": "a caption far too long " * 60}  # fmt: skip
    folder = course(tmp_path / "c", slide)
    Image.new("RGB", (64, 48), "teal").save(folder / "p.png")
    message = refusal(folder)
    assert f"{where(folder, 'kind:')}: the image's caption and credit take" in message, message
    slide.update(src="thin.png", caption="a short caption")  # 8 × 900 px: 5 px wide at the slide's height
    folder = course(tmp_path / "thin", slide)
    Image.new("RGB", (8, 900), "teal").save(folder / "thin.png")
    assert f"{where(folder, 'kind:')}: the picture is so tall and narrow that its caption" in refusal(folder)


@pytest.mark.parametrize("n", range(14, 22))  # one of them fills the slide but for the last, blank, line
def test_a_listing_that_fits_without_its_trailing_blank_line_is_drawn(tmp_path: Path, n: int) -> None:
    code = "\n".join(["def f(x):"] * n) + "\n    "  # the planner keeps a last line of spaces
    (planned,) = load_and_plan([course(tmp_path / "c", {"kind": "code", "title": "C", "code": code})])
    assert_renders_readably(planned)


def test_text_of_only_spaces_has_no_longest_word() -> None:
    assert measurer(THEME).longest_word(text_span("\u3000 \u3000"), 20) == 0.0  # a byline the guarantee measures


def test_long_words_of_a_model_card_are_hyphenated_not_refused(tmp_path: Path) -> None:
    word = "Supercalifragilisticexpialidocious" * 3
    slide = {"kind": "model", "title": "M", "name": word, "architecture": word, "highlights": [word, "short"]}
    (planned,) = load_and_plan([course(tmp_path / "c", slide)])
    assert_renders_readably(planned)


def test_a_title_slide_title_too_long_for_its_slide(tmp_path: Path) -> None:
    folder = course(tmp_path / "c", {"kind": "bullets", "title": "B", "items": ["x"]}, title="word " * 400)
    assert "01.yaml:1:1: the lecture title and subtitle are too long for the slide" in refusal(folder)


def test_columns_with_many_items_are_split(tmp_path: Path) -> None:
    slide = {"kind": "columns", "title": "C", "left": {"heading": "Pro", "items": [f"pro {i}" for i in range(80)]},
             "right": {"heading": "Con", "items": [f"con {i}" for i in range(30)]}}  # fmt: skip
    (planned,) = load_and_plan([course(tmp_path / "c", slide)])
    assert sum(s.slide.kind == "columns" for s in planned.laid[0].slides) >= 5
    assert_renders_readably(planned)
    slide["left"]["heading"] = "Internationalization" * 4 + " of a heading far too long" * 20
    folder = course(tmp_path / "h", slide)
    message = refusal(folder)  # the word is hyphenated to fit the column; the message quotes it as written
    assert f"{where(folder, 'kind:')}: the column heading '{('Internationalization' * 2)[:30]}…' takes" in message, (
        message
    )


# ---- the guarantee itself -------------------------------------------------------------------------------------


def test_the_layout_guarantee_names_what_breaks_it(tmp_path: Path) -> None:
    (planned,) = load_and_plan([course(tmp_path / "ok", {"kind": "model", "title": "M", "name": "GPT"})])
    laid = next(s for s in planned.laid[0].slides if s.slide.kind == "model")
    ms = measurer(THEME)
    assert slide_problems(laid, ms) == []
    (frame,) = laid.frames
    assert isinstance(frame.detail, Graphic)
    tiny = TextBox(Box(100, 200, 300, 40), (((), TextStyle(0.5, "#000000")),), "Tiny")
    off = TextBox(Box(1200, 700, 300, 40), (), "Off")
    for bad, words in ((tiny, "Tiny: text of 0.5 px"), (off, "model Off: drawn at (1200, 700)")):
        broken = replace(laid, frames=(replace(frame, detail=Graphic((*frame.detail.items, bad))),))
        assert any(p.startswith(words) for p in slide_problems(broken, ms)), slide_problems(broken, ms)


# ---- deck check refuses exactly what deck build refuses -------------------------------------------------------

FAN_200 = "graph LR\n" + "\n".join(f"A --> N{i}" for i in range(200))
HOSTILE: dict[str, dict[str, Any]] = {
    "fan-out of 200": {"kind": "diagram", "title": "D", "mermaid": FAN_200},
    "100 columns": {"kind": "table", "title": "T", "header": [f"h{i}" for i in range(100)], "rows": [list(range(100))]},
    "tall cell": {"kind": "table", "title": "T", "header": ["a"], "rows": [["word " * 900]]},
    "wide code": {"kind": "code", "title": "C", "code": "a" * 300},
    "mind map": {"kind": "mindmap", "title": "M", "root": "R", "items": [f"t{i}" for i in range(30)]},
    "model card": {"kind": "model", "title": "M", "name": "N", "highlights": [f"highlight {i}" for i in range(60)]},
    "long event": {"kind": "timeline", "title": "T", "periods": [{"name": "P", "events": [{"year": 1, "text": "w" * 99}]}]},  # noqa: E501
    "long title": {"kind": "bullets", "title": "title " * 120, "items": ["x"]},
}  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE)
def test_deck_check_refuses_what_deck_build_refuses(tmp_path: Path, case: str) -> None:
    folder = course(tmp_path / "c", HOSTILE[case], {"kind": "bullets", "title": "Fine", "items": ["ok"]})
    checked = deck("check", folder)
    built = deck("build", folder, "--to", "md,pptx", "--out", tmp_path / "out")
    assert checked[0] == built[0] == 2, (checked, built)
    assert checked[2] == built[2] and located(checked[2]), (checked[2], built[2])
    assert "Traceback" not in checked[2] + built[2]
    assert not (tmp_path / "out" / "c").exists()


@pytest.mark.parametrize(
    "cases",
    [
        ("fan-out of 200", "100 columns", "mind map"),
        ("tall cell", "wide code", "long title"),
        ("model card", "long event"),
    ],
    ids=["planned", "fitted", "laid out"],  # a lecture goes on to the next step only without problems in this one
)
def test_every_slide_no_slide_can_show_is_reported_at_once(tmp_path: Path, cases: tuple[str, ...]) -> None:
    folder = course(tmp_path / "c", *(HOSTILE[case] for case in cases))
    lines = deck("check", folder)[2].strip().split("\n")
    assert len(lines) == len(cases) and located("\n".join(lines)), lines


def test_a_quoted_mermaid_value_is_located_where_it_starts(tmp_path: Path) -> None:
    folder = course(tmp_path / "q", HOSTILE["fan-out of 200"])  # 'graph LR\n\n  A --> N0\n\n …' (folded lines)
    at = where(folder, "mermaid: '", "'")
    assert f"{at}: mermaid: node 'A' has more than" in refusal(folder)


# ---- hypothesis: hostile sizes of every kind — refused at check time, or drawn readably in both outputs -------

PICTURES = {"photo.png": (64, 48), "tall.png": (8, 900), "wide.png": (900, 8)}
TEXT = st.builds(lambda words, n: " ".join(words) * n, st.lists(WORDS, min_size=1, max_size=6), st.integers(1, 30))
SHORT = st.builds(" ".join, st.lists(WORDS, min_size=1, max_size=3))


def _table(draw: st.DrawFn) -> dict[str, Any]:
    cols = draw(st.integers(1, 16))
    rows = draw(st.lists(st.lists(st.one_of(SHORT, TEXT), min_size=cols, max_size=cols), min_size=1, max_size=60))
    return {"kind": "table", "header": draw(st.lists(SHORT, min_size=cols, max_size=cols)), "rows": rows}


def _timeline(draw: st.DrawFn) -> dict[str, Any]:
    events = st.fixed_dictionaries({"year": st.integers(1000, 2100), "text": st.one_of(SHORT, TEXT)})
    period = st.fixed_dictionaries({"name": SHORT, "events": st.lists(events, max_size=40)}, optional={"summary": TEXT})
    return {"kind": "timeline", "periods": draw(st.lists(period, min_size=1, max_size=8))}


def _model(draw: st.DrawFn) -> dict[str, Any]:
    facts = {"name": draw(SHORT), "org": draw(SHORT), "architecture": draw(st.one_of(SHORT, TEXT))}
    return {
        "kind": "model",
        **facts,
        "modalities": draw(st.lists(SHORT, max_size=30)),
        "highlights": draw(st.lists(TEXT, max_size=20)),
    }


def _columns(draw: st.DrawFn) -> dict[str, Any]:
    side = st.fixed_dictionaries(
        {"heading": st.one_of(SHORT, TEXT), "items": st.lists(st.one_of(SHORT, TEXT), max_size=50)}
    )
    return {"kind": "columns", "left": draw(side), "right": draw(side)}


def _code(draw: st.DrawFn) -> dict[str, Any]:
    lines = draw(st.lists(st.integers(0, 160), min_size=1, max_size=200))
    return {"kind": "code", "language": "python", "code": "\n".join("x" * n for n in lines)}


def _mindmap(draw: st.DrawFn) -> dict[str, Any]:
    branch = st.fixed_dictionaries({"text": SHORT, "items": st.lists(SHORT, max_size=8)})
    return {"kind": "mindmap", "root": draw(SHORT), "items": draw(st.lists(branch, min_size=1, max_size=12))}


def _bullets(draw: st.DrawFn) -> dict[str, Any]:
    return {"kind": "bullets", "items": draw(st.lists(st.one_of(SHORT, TEXT), min_size=1, max_size=60))}


def _image(draw: st.DrawFn) -> dict[str, Any]:
    placement = draw(st.sampled_from(["full", "left", "right", "background"]))
    texts = {key: draw(st.one_of(SHORT, TEXT)) for key in ("caption", "credit") if draw(st.booleans())}
    items = draw(st.lists(st.one_of(SHORT, TEXT), max_size=30))
    return {"kind": "image", "src": draw(st.sampled_from(sorted(PICTURES))), "alt": "a picture", "placement": placement,
            "width": draw(st.floats(0.05, 1.0)), **texts, "items": items}  # fmt: skip


def _boxes(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return {"kind": "quote", "quote": draw(TEXT), "source": draw(st.one_of(SHORT, TEXT))}
    items = draw(st.lists(st.one_of(SHORT, TEXT), max_size=20))
    return {"kind": "definition", "term": draw(SHORT), "definition": draw(TEXT), "items": items}


def _text(draw: st.DrawFn) -> dict[str, Any]:
    return {"kind": "text", "paragraphs": draw(st.lists(TEXT, min_size=1, max_size=12))}


@st.composite
def hostile_slides(draw: st.DrawFn) -> dict[str, Any]:
    kinds = [_table, _timeline, _model, _columns, _code, _mindmap, _bullets, _image, _boxes, _text]
    make = draw(st.sampled_from(kinds))
    return {**make(draw), "title": draw(st.one_of(SHORT, SHORT, SHORT, TEXT))}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slide=hostile_slides(), theme=st.sampled_from(["lecture", "contrast"]))
def test_hostile_sizes_are_refused_at_check_time_or_drawn_readably(
    tmp_path_factory: pytest.TempPathFactory, slide: dict[str, Any], theme: str
) -> None:
    """The proof of the guarantee: load → plan → fit → layout (what `deck check` runs) either refuses with a
    located error, or both renderers draw the deck, and the PPTX has every shape on the slide and every text
    at least sizes.min (read back from the file, independently of the layout)."""
    folder = course(tmp_path_factory.mktemp("k"), slide)
    for name, size in PICTURES.items():
        Image.new("RGB", size, "teal").save(folder / name)
    try:
        (planned,) = load_and_plan([folder], theme)
    except DeckError as exc:
        assert located(str(exc)), str(exc)
        event(f"{slide['kind']} refused: " + str(exc).split(": ", 1)[-1][:50])
        return
    event(f"{slide['kind']} drawn")
    assert_renders_readably(planned)


def assert_renders_readably(planned: PlannedCourse) -> None:
    """Both renderers draw every lecture; in the PPTX every shape lies on the slide, every run of the body is
    at least the theme's sizes.min (in pt) and every table column has room for its text."""
    for laid in planned.laid:
        theme = load_theme(laid.deck.theme)
        assert render_markdown(laid, lambda path: path.name).count("\n---\n") >= len(laid.slides) - 1
        prs = Presentation(io.BytesIO(render_pptx(laid, theme)))
        width, height, low = prs.slide_width, prs.slide_height, theme.sizes.min * 0.75
        tolerance = Emu(round(0.5 * 9525))
        for number, page in enumerate(prs.slides, start=1):
            for shape in page.shapes:
                where = f"slide {number}, {shape.name}"
                assert shape.left >= -tolerance and shape.top >= -tolerance, where
                assert shape.left + shape.width <= width + tolerance, where
                assert shape.top + shape.height <= height + tolerance, where
                for size in _run_sizes(shape):
                    assert shape.name.startswith("Footer") or size >= low - 0.01, f"{where}: {size} pt"
                if shape.has_table:
                    margins = [c.margin_left + c.margin_right for c in shape.table.rows[0].cells]
                    widths = [column.width for column in shape.table.columns]
                    assert all(w > m for w, m in zip(widths, margins, strict=True)), where


def _run_sizes(shape: Any) -> list[float]:
    frames = [shape.text_frame] if shape.has_text_frame else []
    if shape.has_table:
        frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
    return [
        run.font.size.pt
        for frame in frames
        for paragraph in frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None and run.text.strip()
    ]
