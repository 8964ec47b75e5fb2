"""Hostile text and YAML (issue 10, items 4–6 and the size limits): one text policy for every text field in
both outputs, bounded size and nesting, and never a traceback."""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pptx import Presentation
from pptx.presentation import Presentation as Pptx

from lecturedeck.build import load_and_plan
from lecturedeck.errors import DeckError, DeckErrors
from lecturedeck.inline import parse_inline
from lecturedeck.outline import limits
from lecturedeck.outline.text_policy import problem
from lecturedeck.render.markdown import render_markdown
from lecturedeck.render.pptx import render_pptx
from lecturedeck.themes import load_theme
from tests.conftest import deck, require_marp, run_deck
from tests.courses import write_course
from tests.marp_html import read_deck

LECTURE = """\
title: {lecture}
sections:
  - title: Part
    slides:
      - kind: bullets
        title: {title}
        items: [{bullet}, plain]
        notes: {notes}
  - title: More
    slides:
      - kind: table
        title: Table
        header: [{cell}, b]
        rows: [[c, d]]
"""
FIELDS = ("lecture", "title", "bullet", "notes", "cell")
INVISIBLE = "\u00ad\u200b"  # soft hyphens and zero-width spaces: the fit step may add them to long words
MD = MarkdownIt("commonmark")


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: printable ASCII as is, every other character as an escape."""
    out = []
    for ch in text:
        n = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= n < 0x7F:
            out.append(ch)
        elif n <= 0xFF:
            out.append(f"\\x{n:02x}")
        elif n <= 0xFFFF:
            out.append(f"\\u{n:04x}")
        else:
            out.append(f"\\U{n:08x}")
    return '"' + "".join(out) + '"'


def text_course(folder: Path, text: str | None = None, **values: str) -> Path:
    """A one-lecture course: the lecture file's `text`, or the template with `values` in its fields as
    double-quoted YAML."""
    if text is None:
        text = LECTURE.format(**{f: quoted(values.get(f, "x")) for f in FIELDS})
    return write_course(folder, {"01.yaml": text})


def render(folder: Path) -> tuple[str, Pptx, int]:
    """Load, plan and lay out the course, then render its lecture to Marp markdown and PPTX (in-process)."""
    [course] = load_and_plan([folder])
    [laid] = course.laid
    pptx = render_pptx(laid, load_theme(laid.deck.theme))
    return render_markdown(laid, lambda p: p.name), Presentation(io.BytesIO(pptx)), len(laid.slides)


def body(markdown: str) -> str:
    """The markdown after its front matter."""
    return markdown.split("\n---\n", 1)[1]


def structure(markdown: str) -> Counter[str]:
    """The blocks CommonMark reads (slide rules, headings, lists, HTML …), and inline HTML and images: user
    text may add inline markup (bold, links, code), never these."""
    kinds: Counter[str] = Counter()
    for token in MD.parse(body(markdown)):
        kinds[token.type] += 1
        for child in token.children or ():
            if child.type in ("html_inline", "image"):
                kinds[child.type] += 1
    return kinds


def md_text(markdown: str) -> str:
    """The text CommonMark shows (escapes resolved), all tokens in order."""
    return " ".join(
        child.content
        for token in MD.parse(body(markdown))
        for child in token.children or ()
        if child.type in ("text", "code_inline")
    )


def pptx_text(deck: Pptx) -> str:
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(texts)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate({ord(c): None for c in INVISIBLE})).strip()


def located_in(exc: DeckError, name: str) -> list[DeckError]:
    errors = exc.errors if isinstance(exc, DeckErrors) else [exc]
    for error in errors:
        assert error.location is not None and error.location.path.name == name and error.location.line > 0, error
    return errors


def refused_text(value: str, field: str) -> str | None:
    limit = limits.MAX_NOTES_CHARS if field == "notes" else limits.MAX_TEXT_CHARS
    return "too long" if len(value) > limit else problem(value)


# --- (a) arbitrary text in every kind of field --------------------------------------------------------------

FRAGMENTS = [
    "---",
    "<!--",
    "-->",
    "<script>alert(1)</script>",
    "{{ x }}",
    "{% if x %}",
    "![bg](x.png)",
    "$",
    "$x^2$",
    "*",
    "_",
    "`",
    "[a](b)",
    "# h",
    "| a |",
    "\\",
    "\n",
    "\t",
    "\r",
    "\x0b",
    "\x01",
    "\x7f",
    "\x85",
    "\x9f",
    "\u2028",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\U0001fffe",
    "\ud800",
    "\udfff",
    "\ud83d\ude00",
    "\u200d",
    "👩\u200d💻",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u00ad",
    "\u200b",
    "\u2060",
    "\ufeff",
    "\u00a0",
    "\ue000",
    "中文",
    "&amp;",
    "_x000B_",
]
HOSTILE = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(exclude_categories=()), max_size=6)),
    min_size=1,
    max_size=5,
).map("".join)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Counter[str]]:
    """The markdown structure of the course with plain text, with notes (True) and without (False)."""
    return {
        notes: structure(render(text_course(tmp_path_factory.mktemp("baseline"), notes="x" if notes else ""))[0])
        for notes in (True, False)
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(value=HOSTILE, field=st.sampled_from(FIELDS))
def test_any_text_in_any_field_is_a_located_error_or_the_same_text_in_both_outputs(
    value: str, field: str, baseline: dict[bool, Counter[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = text_course(tmp_path_factory.mktemp("course"), **{field: value})
    refused = refused_text(value, field)
    try:
        markdown, deck, slides = render(folder)
    except DeckError as exc:
        errors = located_in(exc, "01.yaml")  # a refused character, or a formula mathtext cannot draw
        if refused is not None:
            assert any(refused in e.message for e in errors), exc
        event("refused")
        return
    event("built")
    assert refused is None, f"the policy refuses {value!r} ({refused}), yet it was built"
    plain = baseline[field != "notes" or bool(value.strip())]
    assert structure(markdown) == plain, "user text added markdown structure (a rule, HTML, an image …)"
    assert len(deck.slides) == slides == plain["hr"] + 1
    shown = pptx_text(deck)
    escapes = re.compile(r"_x[0-9A-Fa-f]{4}_")  # how python-pptx writes a control character
    assert set(escapes.findall(shown)) <= set(escapes.findall(value)), "python-pptx escaped a control character"
    if field == "notes":
        notes = deck.slides[3].notes_slide.notes_text_frame.text if deck.slides[3].has_notes_slide else ""
        assert notes == "\n".join(value.strip().splitlines())
        assert value.strip().replace("-->", "--\u200b>") in markdown
        return
    for span in parse_inline(value):
        if not span.math:  # formulas are drawn (MathJax) or written as Unicode (PPTX), not copied
            assert normalise(span.text) in normalise(shown), span
            assert normalise(span.text) in normalise(md_text(markdown)), span


def test_invisible_characters_that_shape_text_survive_both_outputs(tmp_path: Path) -> None:
    kept = "👩\u200d💻 a\u200cb \u202eabc\u202c \u2067x\u2069 \u200fשלום co\u00adop wo\u2060rd \ufeffz \ue000 a\u00a0b"
    markdown, deck, _ = render(text_course(tmp_path, title=kept, bullet=kept, cell=kept, notes=kept))
    shown = pptx_text(deck)
    assert shown.count(kept) == 3, "title, bullet and cell keep every invisible character in the PPTX"
    assert deck.slides[3].notes_slide.notes_text_frame.text == kept
    assert markdown.count(kept) >= 2 and md_text(markdown).count(kept) == 3


# --- the policy, per character class --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "said"),
    [
        ("\x01", "control character U+0001"),
        ("\x0b", "vertical tab (U+000B)"),
        ("\x0c", "form feed (U+000C)"),
        ("\x7f", "control character U+007F"),
        ("\x9b", "control character U+009B"),
        ("\u2028", "line separator (U+2028)"),
        ("\ufffe", "U+FFFE, a Unicode non-character"),
        ("\ufdd0", "U+FDD0, a Unicode non-character"),
        ("\U0010ffff", "U+10FFFF, a Unicode non-character"),
        ("\ud800", "U+D800, half of a surrogate pair"),
        ("\t", "tab (U+0009)"),
    ],
)
def test_each_refused_character_class_is_named(char: str, said: str) -> None:
    message = problem(f"C:{char}x 1")
    assert message is not None and said in message, message


def test_code_keeps_tabs_and_nothing_else_refused() -> None:
    assert problem("\tx = 1\n", code=True) is None
    assert problem("x\x0b", code=True) is not None
    assert problem("$PATH\nabla", code=True) is None, "code is not read as LaTeX"


@pytest.mark.parametrize(
    "kept", ["\u200d", "\u200c", "\u200b", "\u2060", "\u00ad", "\u200e", "\u202e", "\u2066", "\ufeff", "\u00a0", "\n"]
)
def test_invisible_characters_are_kept(kept: str) -> None:
    assert problem(f"a{kept}b") is None


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ('"A $3 \\times 3$ kernel"', "'A $3 \\times 3$ kernel'"),
        ('"C:\\temp\\file"', "'C:\\temp\\file'"),
        ('"\\beta decay"', "'\\beta decay'"),
        ('"Vector \\vec v"', "'Vector \\vec v'"),
    ],
)
def test_a_yaml_escape_mistake_shows_the_single_quoted_form(written: str, suggested: str, tmp_path: Path) -> None:
    lecture = LECTURE.format(lecture=written, title="x", bullet="x", notes="x", cell="x")
    folder = text_course(tmp_path, lecture)
    with pytest.raises(DeckError) as raised:
        load_and_plan([folder])
    [error] = located_in(raised.value, "01.yaml")
    assert (error.location.line, error.location.col) == (1, 8) if error.location else False
    assert suggested in error.message, error.message


def test_an_escape_mistake_beside_half_a_surrogate_pair_is_located_without_a_fix_that_would_be_refused(
    tmp_path: Path,
) -> None:
    """The suggested single-quoted text would hold the lone surrogate: no output (and no error report) can
    hold it, so the message names the mistake and how to write the text, without quoting it back."""
    lecture = LECTURE.format(lecture='"\\x85\\ud800"', **dict.fromkeys(FIELDS[1:], "x"))
    with pytest.raises(DeckError) as raised:
        load_and_plan([text_course(tmp_path, lecture)])
    [error] = located_in(raised.value, "01.yaml")
    assert error.location is not None and (error.location.line, error.location.col) == (1, 8)
    assert error.message.endswith("where backslashes stay") and "U+0085" in error.message


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u3000 \u2003"])
def test_text_of_only_spaces_is_empty_text(blank: str, tmp_path: Path) -> None:
    """A bullet or title of spaces (no-break, ideographic …) would show as an empty bullet or an untitled slide."""
    with pytest.raises(DeckError) as raised:
        load_and_plan([text_course(tmp_path, bullet=blank, title=blank)])
    errors = located_in(raised.value, "01.yaml")
    assert sorted(e.message for e in errors) == ["'text' must not be empty", "'title' must not be empty"]


# --- (b) YAML structure -------------------------------------------------------------------------------------

KEYS = st.sampled_from(["title", "sections", "slides", "kind", "items", "text", "notes", "header", "rows", "x", "<<"])
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(["bullets", "table", "text", "", "~", "[", "*a"]),
    st.text(max_size=4),
)
DATA = st.recursive(
    LEAVES, lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(KEYS, kids, max_size=3)), max_leaves=20
)
SOUP_TOKENS = [
    *("[", "]", "{", "}", ": ", "- ", "\n", "  ", "&a ", "*a", "!!python/object/apply:os.system ", "'", '"', "#"),
    *("---\n", "...\n", "? ", "|\n", ">\n", "<<: *a\n", "x", "title: ", "sections:\n", "\t", "%YAML 1.1\n"),
    *("\\", "\\x", "\ufeff", "\x85", "\u2028", '"\\U00110000"', '"\\UFFFFFFFF"', '"\\uD800"', '"\\x'),
]
SOUP = st.lists(st.sampled_from(SOUP_TOKENS), max_size=40).map("".join)


def slide_with(data: object) -> dict[str, object]:
    return {"kind": "bullets", "title": "t", "items": data}


WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=6)
BULLETS = st.lists(
    st.recursive(
        WORDS,
        lambda kids: st.fixed_dictionaries({"text": WORDS, "items": st.lists(kids, min_size=1, max_size=2)}),
        max_leaves=6,
    ),
    min_size=1,
    max_size=3,
)  # nested up to 3 levels they build; deeper, they are refused


LECTURES = st.one_of(
    DATA,
    DATA.map(lambda d: {"title": "L", "sections": [{"title": "S", "slides": [d]}]}),
    DATA.map(lambda d: {"title": "L", "sections": [{"title": "S", "slides": [slide_with(d)]}]}),
    BULLETS.map(lambda b: {"title": "L", "sections": [{"title": "S", "slides": [slide_with(b)]}]}),
).map(lambda d: yaml.safe_dump(d, allow_unicode=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(LECTURES, SOUP, st.integers(0, 60).map(lambda n: "title: x\nsections: " + "[" * n + "]" * n)))
def test_any_yaml_is_a_located_error_or_builds(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = text_course(tmp_path_factory.mktemp("yaml"), text)
    try:
        render(folder)
    except DeckError as exc:
        located_in(exc, "01.yaml")
        event("refused")
    else:
        event("built")


# --- limits ---------------------------------------------------------------------------------------------


def test_limits_are_far_above_the_flagship_course() -> None:
    root = Path(__file__).resolve().parents[1] / "slides" / "llm-course"
    files = list(root.glob("*.yaml"))
    assert max(f.stat().st_size for f in files) * 10 < limits.MAX_FILE_BYTES
    assert sum(f.stat().st_size for f in files) * 10 < limits.MAX_COURSE_BYTES
    [course] = load_and_plan([root])
    assert len(course.decks) * 10 < limits.MAX_LECTURES
    assert max(len(deck.slides) for deck in course.decks) * 10 < limits.MAX_DECK_SLIDES
    for loaded in course.loaded.lectures:
        assert sum(len(s.slides) for s in loaded.lecture.sections) * 5 < limits.MAX_SLIDES


def one_slide(extra: str = "", items: str = "[x]") -> str:
    """A lecture with one bullet slide (`extra`: more keys of the slide)."""
    slide = f"      - kind: bullets\n        title: T\n        items: {items}\n{extra}"
    return f"title: L\nsections:\n  - title: S\n    slides:\n{slide}"


CLI_CASES = {
    "raw bell byte": (one_slide().replace("title: T", "title: a\x07b"), "01.yaml:6:17", "control character U+0007"),
    "raw NUL byte": ("title: L\x00\n", "01.yaml:1:9", "control character U+0000"),
    "U+FFFE in a bullet": (one_slide(items='["c\\uFFFEd"]'), "01.yaml:7:17", "U+FFFE, a Unicode non-character"),
    "vertical tab in the lecture title": ('title: "L\\v one"\nsections: []\n', "01.yaml:1:8", "vertical tab"),
    "\\x01 in a bullet": (one_slide(items='["a\\x01b"]'), "01.yaml:7:17", "control character U+0001"),
    "10,000-deep flow YAML": ("title: x\nsections: " + "[" * 10_000 + "]" * 10_000, "01.yaml:2:34", "nested more"),
    "10,000-deep block sequence": ("title: x\nsections:\n" + "- " * 10_000 + "x\n", "01.yaml:3:", "nested more"),
    "a value nested in itself by an alias": ("title: x\nsections: &a [*a]\n", "01.yaml:", "nested more"),
    "600 nested mermaid subgraphs": (
        "title: L\nsections:\n  - title: S\n    slides:\n      - kind: diagram\n        title: D\n        mermaid: |\n"
        + "          graph TD\n"
        + "".join(f"          subgraph s{i}\n" for i in range(600))
        + "          A --> B\n"
        + "          end\n" * 600,
        "01.yaml:15:",
        "subgraphs are nested more than 6 deep",
    ),
    "50,000 values": (
        "title: x\nsections: [" + "1," * limits.MAX_NODES + "]\n",
        "01.yaml:2:",
        "more than 50,000 values",
    ),
    "a billion laughs": (
        "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
        + "title: x\n",
        "01.yaml:",
        "or use fewer aliases (*name)",
    ),
    "escape beyond Unicode": ('title: "\\U00110000"\n', "01.yaml:1:11", "beyond U+10FFFF, the last one in Unicode"),
    "unknown escape": ('title: "\\gamma"\n', "01.yaml:1:10", "write LaTeX and Windows paths in single quotes"),
    "terminal escape in a key": ('"\\e[2J": x\ntitle: L\nsections: []\n', "01.yaml:1:1", "unknown key '\\x1b[2J'"),
    "text over the limit": (one_slide(items=f"[{'w' * (limits.MAX_TEXT_CHARS + 1)}]"), "01.yaml:7:17", "5,001"),
    "notes over the limit": (one_slide(f"        notes: {'n' * 20_001}\n"), "01.yaml:8:16", "20,001 characters"),
    "too many slides": (
        "title: L\nsections:\n  - title: S\n    slides:\n"
        + "      - {kind: bullets, title: T, items: [x]}\n" * (limits.MAX_SLIDES + 1),
        "01.yaml:3:3",
        f"the lecture has {limits.MAX_SLIDES + 1} slides",
    ),
    "a deck over the limit": (
        one_slide().replace("[x]\n", "[x]\n      - {kind: code, title: C, code: &c " + quoted("x = 1\n" * 700) + "}\n")
        + "      - {kind: code, title: C, code: *c}\n" * 20,
        "01.yaml:3:3",
        f"continue on further slides, more than the {limits.MAX_DECK_SLIDES} one deck may have",
    ),
    "file over the limit": ("title: L\n" + "#" * limits.MAX_FILE_BYTES, "01.yaml:1:1", "larger than 1 MB"),
}


@pytest.mark.parametrize("case", CLI_CASES, ids=list(CLI_CASES))
def test_hostile_input_is_exit_2_with_a_located_message_and_nothing_written(case: str, tmp_path: Path) -> None:
    text, where, said = CLI_CASES[case]
    folder = text_course(tmp_path / "course", text)
    out = tmp_path / "out"
    started = time.perf_counter()
    code, _, stderr = deck("build", folder, "--out", out, "--to", "md,pptx")
    assert time.perf_counter() - started < 15, "refusing bad input must be quick (seconds, not minutes)"
    assert code == 2, stderr
    first = stderr.strip().splitlines()[0]
    assert first.startswith(f"{folder}/{where}"), first
    assert said in first, first
    assert "\x1b" not in stderr and "Traceback" not in stderr
    assert not out.exists(), "invalid input must not create any output"
    assert deck("check", folder)[0] == 2, "deck check refuses what deck build refuses"


def test_too_many_lectures_and_too_large_a_course(tmp_path: Path) -> None:
    many = tmp_path / "many"
    text_course(many, one_slide())
    names = ", ".join(["01.yaml"] * (limits.MAX_LECTURES + 1))
    (many / "course.yaml").write_text(f"title: C\nlectures: [{names}]\n", encoding="utf-8")
    code, _, stderr = deck("check", many)
    assert code == 2 and f"course.yaml:2:11: 'lectures': the course lists {limits.MAX_LECTURES + 1} lectures" in stderr

    large = tmp_path / "large"
    large.mkdir()
    count = limits.MAX_COURSE_BYTES // (limits.MAX_FILE_BYTES - 10) + 1
    for n in range(count):  # each file fails to parse at its first line, so only the sizes cost time
        (large / f"{n:02d}.yaml").write_text(": :\n" + "#" * (limits.MAX_FILE_BYTES - 10), encoding="utf-8")
    (large / "course.yaml").write_text(
        "title: C\nlectures:\n" + "".join(f"  - {n:02d}.yaml\n" for n in range(count)), encoding="utf-8"
    )
    code, _, stderr = deck("check", large)
    assert code == 2, stderr
    assert f"course.yaml:{count + 2}:5: the lecture files up to this one hold" in stderr
    assert "one course may hold: split the course" in stderr


def test_raw_control_byte_through_the_real_command(tmp_path: Path) -> None:
    """The whole path a user takes, in a real process: a control character pasted into a lecture file."""
    folder = text_course(tmp_path / "course", "title: L\nsections:\n  - title: \x07S\n    slides: []\n")
    result = run_deck("build", folder, "--out", tmp_path / "out", "--to", "md")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{folder}/01.yaml:3:12: the file contains the control character U+0007, which YAML does not allow: "
        "remove it (often pasted from a PDF or a terminal)"
    )
    assert not (tmp_path / "out").exists()


# --- deep text in both outputs --------------------------------------------------------------------------

DEEP = {
    "notes, 5,000 brackets": "[" * 5_000 + "]" * 5_000,
    "notes, 2,000 braces": "{a: " * 2_000 + "}" * 2_000,
    "notes, a comment end": "-->\n<!-- _class: lead -->\n--!>",
}


def test_deeply_nested_text_builds_in_every_output(tmp_path: Path) -> None:
    require_marp()
    lecture = yaml.safe_dump(
        {
            "title": "L",
            "sections": [
                {
                    "title": "S",
                    "slides": [
                        {"kind": "bullets", "title": name, "items": ["x"], "notes": notes}
                        for name, notes in DEEP.items()
                    ],
                },
                {
                    "title": "T",
                    "slides": [
                        {
                            "kind": "bullets",
                            "title": "text",
                            "items": ["[" * 2_000 + "y" + "]" * 2_000, "*" * 2_000 + "z" + "*" * 2_000, "_a " * 1_500],
                        }
                    ],
                },
            ],
        },
        width=10**9,
    )
    folder = text_course(tmp_path / "course", lecture)
    out = tmp_path / "out"
    result = run_deck("build", folder, "--out", out)
    assert result.returncode == 0, result.stderr
    _, planned_deck, slides = render(folder)
    html_slides, html_notes = read_deck((out / "course" / "01.html").read_text(encoding="utf-8"))
    assert len(html_slides) == slides == len(planned_deck.slides)
    saved = Presentation(str(out / "course" / "01.pptx"))
    assert len(saved.slides) == slides
    for index, notes in enumerate(DEEP.values(), start=3):
        assert html_notes[index].replace("\u200b", "") == normalise(notes)
        assert saved.slides[index].notes_slide.notes_text_frame.text == notes
    assert 'class="lead"' not in (out / "course" / "01.html").read_text(encoding="utf-8"), "notes became a directive"
