"""The text layer of a PDF Chromium printed: CJK ideographs that came out as their radical look-alikes.

A CJK font draws a Kangxi radical (U+2F00–U+2FDF) or a CJK radical (U+2E80–U+2EFF) with the same glyph as the
ideograph it looks like (⼤ U+2F24 and 大 U+5927). Chromium's PDF writer maps each glyph back to one code
point in the font's ToUnicode table, and sometimes picks the radical, so copied or searched text holds ⼤
where the slide says 大 (seen in the text of SVG images: diagrams). The tables are rewritten with the
ideograph the font gives the same glyph to. A radical the author really wrote has that same glyph, so it
reads as the ideograph too: one glyph has one meaning in a ToUnicode table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from lecturedeck.plan.fonts import fc_match

if TYPE_CHECKING:
    import pikepdf

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
IDEOGRAPHS = (range(0x4E00, 0xA000), range(0x3400, 0x4DC0), range(0x20000, 0x323B0))  # Unified Ideographs
HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")


def _font_equivalents(family: str) -> dict[int, int]:
    """Radical → ideograph drawn with the same glyph, in the face fontconfig picks for `family`."""
    face = fc_match(family)
    return {} if face is None else _face_equivalents(face.path, face.index)


@cache
def _face_equivalents(path: str, index: int) -> dict[int, int]:
    """Radical → ideograph drawn with the same glyph, in one face (a stack's families often share a face)."""
    from fontTools.ttLib import TTFont

    try:
        cmap = TTFont(path, fontNumber=index, lazy=True)["cmap"].getBestCmap()
    except Exception:  # an unreadable font only loses this repair
        return {}
    ideograph: dict[str, int] = {}
    for code, glyph in sorted(cmap.items()):
        if any(code in block for block in IDEOGRAPHS):
            ideograph.setdefault(glyph, code)
    return {code: ideograph[glyph] for code, glyph in cmap.items() if code in RADICALS and glyph in ideograph}


def radical_equivalents(families: Iterable[str]) -> dict[int, int]:
    """Radical → ideograph for text drawn with `families` (the first family that has one wins); a Kangxi
    radical none of them draws like an ideograph maps to its compatibility equivalent (NFKC)."""
    table: dict[int, int] = {}
    for code in RADICALS:
        folded = unicodedata.normalize("NFKC", chr(code))
        if folded != chr(code) and len(folded) == 1:
            table[code] = ord(folded)
    for family in reversed(tuple(families)):
        table.update(_font_equivalents(family))
    return table


def _utf16(code: int) -> bytes:
    """A BMP code point as a CMap writes it (4 upper-case hex digits)."""
    return chr(code).encode("utf-16-be").hex().upper().encode()


def fixed_cmap(cmap: bytes, table: dict[int, int]) -> bytes:
    """A ToUnicode CMap with every destination that is a radical in `table` replaced; a range that counts up
    through one is written out code by code (an array of destinations)."""
    radicals = {_utf16(code): _utf16(ideograph) for code, ideograph in table.items()}

    def destination(match: re.Match[bytes]) -> bytes:
        return b"<" + radicals.get(match[1].upper(), match[1]) + b">"

    def chars(block: re.Match[bytes]) -> bytes:
        lines = re.findall(rb"(<[0-9A-Fa-f]+>)\s*<([0-9A-Fa-f]+)>", block[1])
        body = b"".join(b"%s <%s>\n" % (src, radicals.get(dst.upper(), dst)) for src, dst in lines)
        return b"beginbfchar\n" + body + b"endbfchar"

    def ranges(block: re.Match[bytes]) -> bytes:
        body = b""
        for low, high, target in RANGE.findall(block[1]):
            if target.startswith(b"["):
                target = HEX.sub(destination, target)
            elif len(target) == 6:  # one BMP code point, counting up over the range
                codes = [_utf16(int(target[1:-1], 16) + step) for step in range(int(high, 16) - int(low, 16) + 1)]
                if any(code in radicals for code in codes):  # written out code by code
                    target = b"[" + b" ".join(b"<%s>" % radicals.get(code, code) for code in codes) + b"]"
            body += b"<%s> <%s> %s\n" % (low, high, target)
        return b"beginbfrange\n" + body + b"endbfrange"

    return BFRANGE.sub(ranges, BFCHAR.sub(chars, cmap))


def unify_radicals(pdf: pikepdf.Pdf, families: Iterable[str]) -> None:
    """Rewrite every ToUnicode table of the PDF that maps a glyph to a radical the fonts draw as an ideograph
    (the fonts of its pages, of the forms they draw such as SVG images, and of Type 3 fonts' glyphs)."""
    import pikepdf

    table = radical_equivalents(families)
    for font in pdf.objects:
        if isinstance(font, pikepdf.Dictionary) and isinstance(cmap := font.get("/ToUnicode"), pikepdf.Stream):
            data = cmap.read_bytes()
            if (fixed := fixed_cmap(data, table)) != data:
                cmap.write(fixed)
