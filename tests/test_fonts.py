"""Font resolution: fontconfig asked in-process picks exactly the faces the `fc-match` command picks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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
    return [(f.path, f.index) for f in widths.latin_faces], [(f.path, f.index) for f in widths.cjk_faces]


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
    assert [(f.path, f.families[0]) for f in found] == [(liberation.path, "Liberation Sans")]
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


MEASURE = """
import json, sys
from lecturedeck.plan import fonts
from lecturedeck.themes import load_theme
widths = fonts.glyph_widths(load_theme("lecture").fonts, False, False)
ems = [widths.em(ch) for ch in "Wi中文，→ü"]
fonts.keep_measured()
print(json.dumps({"ems": ems, "pillow": "PIL" in sys.modules}))
"""


def _measured_in_a_new_process(cache: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    run = subprocess.run(
        [sys.executable, "-c", MEASURE], capture_output=True, text=True, check=True, env=env, timeout=60
    )
    return dict(json.loads(run.stdout))


@needs_fontconfig
def test_measured_widths_are_kept_for_the_next_run(tmp_path: Path) -> None:
    """The first run measures with Pillow and keeps the widths; the next gives the same widths without loading
    Pillow; a damaged cache file is measured again and written anew."""
    first = _measured_in_a_new_process(tmp_path)
    assert first["pillow"] is True
    (entry,) = (tmp_path / "lecturedeck" / fonts.GLYPHS).glob("*.json")
    assert _measured_in_a_new_process(tmp_path) == {"ems": first["ems"], "pillow": False}
    entry.write_text("{not json", encoding="utf-8")
    assert _measured_in_a_new_process(tmp_path) == first
    assert len(json.loads(entry.read_text(encoding="utf-8"))) == len("Wi中文，→ü")


@needs_fontconfig
def test_kept_widths_belong_to_the_face_files_they_were_measured_in(tmp_path: Path) -> None:
    """The cache names the faces by their files' path, size and time: a changed font file is measured anew."""
    face = fonts.fc_match("Liberation Sans")
    assert face is not None
    copy = tmp_path / "face.ttf"
    shutil.copy(face.path, copy)
    stack = load_theme("lecture").fonts

    def entry() -> Path | None:
        return fonts.GlyphWidths((fonts.Face(str(copy)),), (), stack, False, False)._entry

    before = entry()
    assert before is not None and before == entry()
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 10**9))
    assert entry() not in (None, before)
    copy.unlink()
    assert entry() is None  # a face whose file cannot be looked at: nothing is kept
