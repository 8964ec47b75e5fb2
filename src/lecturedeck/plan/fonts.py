"""Glyph advance widths (in em) of the fonts a theme's text may render with, cached per character.

The faces measured are the ones the two clients use: the PPTX names the first family of each stack
(Arial, Microsoft YaHei, Courier New), which LibreOffice resolves through fontconfig, substitutes
included (Arial → Liberation Sans, a metric-compatible alias; Microsoft YaHei with lang zh-cn → Noto
Sans CJK SC); Chromium takes the first family of the CSS stack that is installed or has such an alias.
So a stack's faces are fontconfig's face for its first family and the face of every later family
that is really installed (fontconfig's generic fallback for a missing later family, e.g. DejaVu Sans
for "PingFang SC", is used by neither client and is skipped). A narrow character the first Latin face
has (`latin_has`, from fontconfig's charset of that face) is measured in the Latin faces only: both
clients draw it there (Chromium takes the first family of the CSS stack that has it; the PPTX names
that face in `a:latin`, and as the run's East Asian font too where a client would pick that slot,
render/pptx/slots.py). Wide characters, and narrow ones that face lacks, are measured in the East
Asian faces, where both clients fall back to. Over the faces measured the widest advance wins.
Lecturers' machines use Arial and Courier New (the same metrics as Liberation Sans / Mono) and
Microsoft YaHei or PingFang SC (full-width CJK, as Noto Sans CJK); the measurer's safety margin
covers the rest. Without fontconfig or Pillow a calibrated width model stands in.

Fontconfig is asked in-process through libfontconfig (the library `fc-match` runs, so the same faces
are chosen); where that library cannot be loaded, the `fc-match` command is run once per pattern.

The widths measured are kept in the user cache (`glyphs/`, one file per style and set of faces, each face
known by its file's path, size and time), so a later run measures only characters it has not met; Pillow
loads only then.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lecturedeck.convert.node_tools import user_cache
from lecturedeck.inline import is_wide
from lecturedeck.output.cached import read_entry, store_entry
from lecturedeck.themes import Fonts

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

REFERENCE_SIZE = 1000  # px at which glyphs are measured; widths are stored as em fractions
GLYPHS = "glyphs"  # in the user cache: the widths measured, per style and set of faces


@dataclass(frozen=True, order=True)
class Face:
    path: str
    index: int = 0
    families: tuple[str, ...] = field(default=(), compare=False)  # the face's family names


FC_FORMAT = "%{file}\n%{index}\n%{family}"  # what is asked of the matched pattern, in-process or from fc-match
FC_MATCH_PATTERN = 0  # FcMatchKind FcMatchPattern


def _face(formatted: str) -> Face | None:
    file, index, families = formatted.split("\n")
    return Face(file, int(index or 0), tuple(f.strip() for f in families.split(",") if f.strip())) if file else None


@cache
def _libfontconfig() -> ctypes.CDLL | None:
    """libfontconfig with the signatures `fc_match` uses, or None where it cannot be loaded by that name."""
    try:
        lib = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return None
    ptr = ctypes.c_void_p
    lib.FcNameParse.argtypes, lib.FcNameParse.restype = [ctypes.c_char_p], ptr
    lib.FcConfigSubstitute.argtypes = [ptr, ptr, ctypes.c_int]
    lib.FcDefaultSubstitute.argtypes = [ptr]
    lib.FcFontMatch.argtypes, lib.FcFontMatch.restype = [ptr, ptr, ctypes.POINTER(ctypes.c_int)], ptr
    lib.FcPatternFormat.argtypes, lib.FcPatternFormat.restype = [ptr, ctypes.c_char_p], ptr
    lib.FcPatternDestroy.argtypes = [ptr]
    lib.FcStrFree.argtypes = [ptr]
    return lib


def _fc_format_in_process(lib: ctypes.CDLL, pattern: str, fmt: str) -> str | None:
    """What `fc-match -f fmt pattern` prints, by the calls fc-match makes (≈ 0.3 ms rather than ≈ 5 ms)."""
    pat = lib.FcNameParse(pattern.encode())
    if not pat:
        return None
    lib.FcConfigSubstitute(None, pat, FC_MATCH_PATTERN)
    lib.FcDefaultSubstitute(pat)
    match = lib.FcFontMatch(None, pat, ctypes.byref(ctypes.c_int()))
    lib.FcPatternDestroy(pat)
    if not match:
        return None
    formatted = lib.FcPatternFormat(match, fmt.encode())
    lib.FcPatternDestroy(match)
    if not formatted:
        return None
    raw = ctypes.string_at(formatted)
    lib.FcStrFree(formatted)
    try:
        return raw.decode()
    except ValueError:
        return None


def _fc_format(pattern: str, fmt: str) -> str | None:
    """What `fc-match -f fmt pattern` prints: asked in-process, or from fc-match where libfontconfig is missing."""
    if (lib := _libfontconfig()) is not None:
        return _fc_format_in_process(lib, pattern, fmt)
    if shutil.which("fc-match") is None:
        return None
    try:
        return subprocess.run(
            ["fc-match", "-f", fmt, pattern], capture_output=True, text=True, timeout=5, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


@cache
def fc_match(pattern: str) -> Face | None:
    """The font file fontconfig picks for a pattern (a substitute if the family is missing)."""
    formatted = _fc_format(pattern, FC_FORMAT)
    try:
        return None if formatted is None else _face(formatted)
    except ValueError:
        return None


@cache
def _charset(pattern: str) -> frozenset[int] | None:
    """The code points the face fontconfig picks for a pattern has glyphs for (its ranges, e.g. `20-7e a0-36f`),
    or None where fontconfig cannot say."""
    formatted = _fc_format(pattern, "%{charset}")
    if not formatted:
        return None
    codes: set[int] = set()
    try:
        for item in formatted.split():
            first, _, last = item.partition("-")
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
    except ValueError:
        return None
    return frozenset(codes)


def _style(mono: bool, bold: bool) -> str:
    """The fontconfig pattern suffix for a style (after the family name)."""
    return (":bold" if bold else "") + (":spacing=mono" if mono else "")


def latin_has(fonts: Fonts, mono: bool, bold: bool, ch: str) -> bool:
    """Whether the face of the first Latin (or mono) family has a glyph for `ch`: the face the PPTX's `a:latin`
    names and Chromium tries first. True where fontconfig cannot tell."""
    codes = _charset(f"{(fonts.mono if mono else fonts.latin)[0]}{_style(mono, bold)}")
    return codes is None or ord(ch) in codes


@cache
def _load(face: Face) -> FreeTypeFont | None:
    from PIL import ImageFont  # only to measure a character the kept widths lack

    try:
        return ImageFont.truetype(face.path, REFERENCE_SIZE, index=face.index)
    except OSError:
        return None


def _loaded(faces: tuple[Face, ...]) -> tuple[FreeTypeFont, ...]:
    return tuple(font for face in faces if (font := _load(face)) is not None)


def family_key(family: str) -> str:
    """A family name as fontconfig compares it (case and spaces ignored)."""
    return family.replace(" ", "").casefold()


def _faces(families: tuple[str, ...], suffix: str) -> tuple[Face, ...]:
    """The faces a stack renders with: fontconfig's face for the first family (substitute included: what
    LibreOffice uses for the family the PPTX names), and the face of every later family that is installed."""
    found = set()
    for i, name in enumerate(families):
        face = fc_match(f"{name}{suffix}")
        if face is not None and (i == 0 or family_key(name) in {family_key(f) for f in face.families}):
            found.add(face)
    return tuple(sorted(found))


def _identity(face: Face) -> list[object] | None:
    """The face as the kept widths know it: its file's path, size and time, and its index in the file."""
    try:
        stat = os.stat(face.path)
    except OSError:
        return None
    return [face.path, face.index, stat.st_size, stat.st_mtime_ns]


def _model_em(ch: str, mono: bool, bold: bool) -> float:
    """Calibrated fallback: the widest of DejaVu Sans, Liberation Sans and Noto Sans CJK, rounded up."""
    if is_wide(ch):
        return 1.0
    if mono:
        return 0.61
    if ch.isspace():
        em = 0.32
    elif ch.isdigit():
        em = 0.64
    elif ch.isupper() or ch in "mwMW@%&":
        em = 0.78
    else:
        em = 0.6
    return em * (1.1 if bold else 1.0)


@dataclass
class GlyphWidths:
    """Per-character advance widths in em for one style (body or mono, regular or bold)."""

    latin_faces: tuple[Face, ...]
    cjk_faces: tuple[Face, ...]
    stack: Fonts  # the theme's families, for `latin_has`
    mono: bool
    bold: bool
    _cache: dict[str, float] = field(default_factory=dict)
    _kept: int = 0  # how many widths the user cache held when last read or written

    @cached_property
    def latin(self) -> tuple[FreeTypeFont, ...]:
        return _loaded(self.latin_faces)

    @cached_property
    def cjk(self) -> tuple[FreeTypeFont, ...]:
        return _loaded(self.cjk_faces)

    def em(self, ch: str) -> float:
        width = self._cache.get(ch)
        if width is None:
            width = self._cache[ch] = self._measure(ch)
        return width

    def _measure(self, ch: str) -> float:
        if unicodedata.category(ch) in ("Cc", "Cs"):
            return 0.0  # control characters and lone surrogates draw nothing (and make the shaper fail)
        if is_wide(ch):
            fonts = self.cjk  # Latin faces lack wide characters and would report .notdef
        elif self.latin and latin_has(self.stack, self.mono, self.bold, ch):
            fonts = self.latin
        else:
            fonts = self.cjk or self.latin
        if not fonts:
            return _model_em(ch, self.mono, self.bold)
        width = max(f.getlength(ch) for f in fonts) / REFERENCE_SIZE
        return max(width, 1.0) if is_wide(ch) else width

    @cached_property
    def _entry(self) -> Path | None:
        """Where the user cache keeps these widths: named after the style and the faces (None when a face's
        file cannot be looked at)."""
        faces = [[_identity(face) for face in faces] for faces in (self.latin_faces, self.cjk_faces)]
        if any(identity is None for identity in (*faces[0], *faces[1])):
            return None
        first = (self.stack.mono if self.mono else self.stack.latin)[0]  # whose charset `latin_has` reads
        key = json.dumps([REFERENCE_SIZE, self.mono, self.bold, first, faces])
        return user_cache() / GLYPHS / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def _read_kept(self) -> dict[str, float]:
        data = read_entry(self._entry) if self._entry is not None else None
        try:
            kept = json.loads(data) if data is not None else {}
        except ValueError:
            return {}  # damaged: measured again, and written anew
        if not isinstance(kept, dict):
            return {}
        return {ch: float(em) for ch, em in kept.items() if isinstance(em, (int, float)) and not isinstance(em, bool)}

    def take_kept(self) -> None:
        """Add the widths the user cache keeps for these faces."""
        kept = self._read_kept()
        self._cache = {**kept, **self._cache}
        self._kept = len(self._cache)

    def keep(self) -> None:
        """Write the widths measured since they were last read or written to the user cache (with what another
        process may have added meanwhile); a cache that cannot be written costs time only."""
        if self._entry is None or len(self._cache) <= self._kept:
            return
        self._cache = {**self._read_kept(), **self._cache}
        store_entry(self._entry, json.dumps(self._cache, ensure_ascii=False, sort_keys=True).encode())
        self._kept = len(self._cache)


_made: list[GlyphWidths] = []


@cache
def glyph_widths(fonts: Fonts, mono: bool, bold: bool) -> GlyphWidths:
    """Glyph widths for the theme's body (Latin + East Asian) or mono stack, with those the user cache keeps."""
    style = _style(mono, bold)
    widths = GlyphWidths(
        _faces(fonts.mono if mono else fonts.latin, style),
        _faces(fonts.east_asian, f"{style}:lang=zh-cn"),
        fonts,
        mono,
        bold,
    )
    widths.take_kept()
    _made.append(widths)
    return widths


def keep_measured() -> None:
    """Keep every width this process measured in the user cache, for the next run (see GlyphWidths.keep)."""
    for widths in _made:
        widths.keep()
