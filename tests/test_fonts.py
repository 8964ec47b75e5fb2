"""Font resolution: fontconfig asked in-process picks exactly the faces the `fc-match` command picks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from lecturedeck.plan import fonts
from lecturedeck.themes import available_themes, load_theme

needs_fontconfig = pytest.mark.skipif(
    fonts._libfontconfig() is None or shutil.which("fc-match") is None,
    reason="needs both libfontconfig and the fc-match command",
)


@pytest.fixture
def fresh_matches() -> Iterator[None]:
    """Empty the per-pattern cache before and after, so each way of matching really runs."""
    fonts.fc_match.cache_clear()
    yield
    fonts.fc_match.cache_clear()


def _resolved(mono: bool, bold: bool, theme: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    widths = fonts.glyph_widths.__wrapped__(load_theme(theme).fonts, mono, bold)  # uncached
    return [(f.path, f.index) for f in widths.latin], [(f.path, f.index) for f in widths.cjk]


@needs_fontconfig
@pytest.mark.usefixtures("fresh_matches")
@pytest.mark.parametrize("theme", available_themes())
def test_in_process_matching_chooses_the_faces_fc_match_chooses(theme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    styles = [(mono, bold) for mono in (False, True) for bold in (False, True)]
    in_process = [_resolved(mono, bold, theme) for mono, bold in styles]
    fonts.fc_match.cache_clear()
    monkeypatch.setattr(fonts, "_libfontconfig", lambda: None)
    with_command = [_resolved(mono, bold, theme) for mono, bold in styles]
    assert in_process == with_command
    assert all(latin for latin, _ in in_process)


@needs_fontconfig
@pytest.mark.usefixtures("fresh_matches")
@pytest.mark.parametrize(
    "pattern",
    ["Noto Sans", "No Such Family:bold", "Menlo:spacing=mono", "Noto Sans CJK SC:bold:lang=zh-cn", ":", "Foo:weight=x"],
)
def test_pattern_matches_like_fc_match(pattern: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = fonts._libfontconfig()
    assert lib is not None
    asked = (fonts.FC_FORMAT, "%{charset}")  # the face fc_match gives, the code points _charset reads
    in_process = [fonts._fc_format_in_process(lib, pattern, fmt) for fmt in asked]
    monkeypatch.setattr(fonts, "_libfontconfig", lambda: None)
    assert in_process == [fonts._fc_format(pattern, fmt) for fmt in asked]


def test_without_fontconfig_the_width_model_stands_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_faces", lambda families, suffix: ())
    widths = fonts.glyph_widths.__wrapped__(load_theme("lecture").fonts, False, False)
    assert widths.em("中") == 1.0
    assert widths.em("a") == fonts._model_em("a", mono=False, bold=False)


@needs_fontconfig
@pytest.mark.usefixtures("fresh_matches")
def test_generic_substitutes_of_later_families_are_not_measured() -> None:
    """The first family counts with fontconfig's substitute (LibreOffice uses it for the name the PPTX gives);
    a later family counts only when installed (Chromium skips a missing one; fontconfig would say DejaVu Sans)."""
    first = fonts.fc_match("No Such Family Xyz")
    liberation = fonts.fc_match("Liberation Sans")
    assert first is not None and liberation is not None
    found = fonts._faces(("Liberation Sans", "No Such Family Xyz"), "")
    assert [(f.path, f.font.family) for f in found] == [(liberation.path, "Liberation Sans")]
    found = fonts._faces(("No Such Family Xyz", "Liberation Sans"), "")
    assert {f.path for f in found} == {first.path, liberation.path}


@needs_fontconfig
@pytest.mark.parametrize("theme", available_themes())
def test_theme_stacks_measure_the_faces_the_clients_render_with(theme: str) -> None:
    """Arial → Liberation Sans, Courier New → Liberation Mono (metric-compatible aliases), and the East Asian
    stack → Noto Sans CJK: the families tests/test_font_parity.py finds in Chromium and LibreOffice."""
    stack = load_theme(theme).fonts
    body = fonts.glyph_widths.__wrapped__(stack, False, False)
    mono = fonts.glyph_widths.__wrapped__(stack, True, False)
    assert [f.font.family for f in body.latin] == ["Liberation Sans"]
    assert [f.font.family for f in mono.latin] == ["Liberation Mono"]
    assert {f.font.family.startswith("Noto Sans") and "CJK" in f.font.family for f in body.cjk} == {True}


@needs_fontconfig
def test_narrow_characters_are_measured_in_the_face_that_draws_them() -> None:
    """A character the first Latin face has is as wide as in that face (Chromium and the PPTX draw it there, not
    in Noto Sans CJK, whose Latin letters are wider); one it lacks is as wide as in the East Asian face."""
    stack = load_theme("lecture").fonts
    widths = fonts.glyph_widths.__wrapped__(stack, False, True)
    (latin,) = widths.latin
    for ch in "aW“×→":
        assert fonts.latin_has(stack, False, True, ch)
        assert widths.em(ch) == latin.getlength(ch) / fonts.REFERENCE_SIZE, ch
    for ch in "⊃∈":
        assert not fonts.latin_has(stack, False, True, ch)
        assert widths.em(ch) == max(f.getlength(ch) for f in widths.cjk) / fonts.REFERENCE_SIZE, ch
