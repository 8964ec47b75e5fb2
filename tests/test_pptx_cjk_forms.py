"""LibreOffice draws a deck's CJK text in the glyph forms of the deck's language.

`pdffonts` cannot tell: Noto Sans CJK is one OpenType collection whose faces share one CFF table, so
LibreOffice's PDF names the font `NotoSansCJKjp-…` whichever face (SC, TC, JP, KR) drew the text. The
embedded subset's glyph names can: they are the collection's CIDs (`cid9771`), and each face's cmap maps a
character to its own region's CID. So each probe character's drawn glyph is compared with the one the
language's Noto face maps it to (`fc-match` finds the face, fontTools reads its cmap).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bench.quality import soffice, to_pdf
from fontTools.t1Lib import T1Font
from fontTools.ttLib import TTFont

from tests.conftest import ROOT, require, require_tool, run_deck

PROBES = "直骨化令"  # 化 has a different form in each of SC, TC, JP and KR; the others in some
FACES = {  # deck language → the Noto Sans CJK face whose forms LibreOffice must draw
    "zh-CN": "Noto Sans CJK SC",
    "zh-TW": "Noto Sans CJK TC",
    "ja-JP": "Noto Sans CJK JP",
    "ko-KR": "Noto Sans CJK KR",
}
LECTURE = f"""\
title: Forms
sections:
  - title: Probe
    slides:
      - kind: bullets
        title: Probe
        items: ["{PROBES}"]
"""


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[int]]]:
    """Per deck language: each probe character LibreOffice drew → the CIDs of the glyphs it drew it with."""
    require(soffice() is not None, "LibreOffice (soffice)")
    out = tmp_path_factory.mktemp("out")
    pptx = []
    for lang in FACES:
        src = tmp_path_factory.mktemp("course") / f"forms-{lang}"
        src.mkdir()
        course = f"title: Forms\nlang: {lang}\nlectures: [{lang}.yaml]\n"
        (src / "course.yaml").write_text(course, encoding="utf-8")
        (src / f"{lang}.yaml").write_text(LECTURE, encoding="utf-8")
        result = run_deck("build", src, "--to", "pptx", "--out", out, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        pptx.append(out / src.name / f"{lang}.pptx")
    pdfs = to_pdf(pptx, tmp_path_factory.mktemp("pdf"))
    return {pdf.stem: glyphs_drawn(pdf) for pdf in pdfs}


def glyphs_drawn(pdf: Path) -> dict[str, set[int]]:
    """Probe character → CIDs of the glyphs drawn for it, over every embedded Type 1 font of the PDF: the font's
    ToUnicode CMap gives each code's character, its built-in encoding the code's glyph name."""
    found: dict[str, set[int]] = {}
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for name, font in page.Resources.Font.items():
                descriptor = font.get("/FontDescriptor")
                if descriptor is None or "/FontFile" not in descriptor or "/ToUnicode" not in font:
                    continue
                program = pdf.with_name(f"{pdf.stem}{name[1:]}.pfa")  # fontTools reads Type 1 from a file
                program.write_bytes(descriptor.FontFile.read_bytes())
                type1 = T1Font(str(program))
                type1.parse()
                glyph_of = type1.font["Encoding"]
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                pairs = "".join(re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S))
                for code, text in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", pairs):
                    char = bytes.fromhex(text).decode("utf-16-be")
                    if char in PROBES:
                        found.setdefault(char, set()).add(cid(glyph_of[int(code, 16)]))
    return found


def cid(glyph_name: str) -> int:
    """'cid09809' (the collection's name) or 'cid9809' (the PDF subset's) → 9809."""
    return int(glyph_name.removeprefix("cid"))


def face_glyph(family: str, char: str) -> int:
    """The CID the installed face `family` maps a character to (its collection file and index)."""
    match = subprocess.run(
        [require_tool("fc-match"), f"{family}:style=Regular", "--format=%{family[0]}\n%{file}\n%{index}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    require(match[0] == family, family)
    with TTFont(match[1], fontNumber=int(match[2]), lazy=True) as face:
        return cid(face.getBestCmap()[ord(char)])


@pytest.mark.client
@pytest.mark.parametrize("lang", FACES)
def test_cjk_text_is_drawn_in_the_forms_of_the_deck_language(lang: str, drawn: dict[str, dict[str, set[int]]]) -> None:
    for char in PROBES:
        expected = face_glyph(FACES[lang], char)
        assert drawn[lang].get(char) == {expected}, f"{lang} deck: {char!r} drawn as {drawn[lang].get(char)}"


@pytest.mark.client
def test_the_probes_tell_the_four_regions_apart() -> None:
    forms = {tuple(face_glyph(family, char) for char in PROBES) for family in FACES.values()}
    assert len(forms) == len(FACES)
