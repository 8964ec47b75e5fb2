"""Quality figures of a PPTX deck, shared by `bench/bench_pptx.py` and the tests.

Structure (python-pptx): title placeholders, text shapes per slide, notes, Kangxi radicals, text
fidelity against the outline. Rendering (LibreOffice headless → PDF, then PyMuPDF): page count,
text lines off the page, overlapping text lines. The criteria follow the independent measuring tool
(`shared/tools/measure pptx`): a line is off the page when it sticks out by more than 1 pt, two lines
overlap when their boxes share more than 30% of the smaller box's area (on one row of text: when
their glyphs do, see `overlapping`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from lecturedeck.inline import parse_inline, plain_text
from lecturedeck.outline import schema as s

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
KANGXI = re.compile("[\u2f00-\u2fdf]")
CJK = re.compile("[\u3400-\u9fff]")
FOOTER = "Footer"  # the renderer's name for the footer text box (not content)
OFF_PAGE_PT = 1.0
OVERLAP_SHARE = 0.3
GLYPH_SHARE = 0.5
SAME_ROW_PT = 1.5  # two line boxes this close at top and bottom are one row of text
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any whitespace (line breaks and wrapping differ between tools)."""
    return _SPACE.sub("", text)


# --- outline text ---------------------------------------------------------------------------


def _inline(text: str) -> str:
    return unicodedata.normalize("NFC", plain_text(parse_inline(text)))


def _items(items: list[s.Item]) -> Iterator[str]:
    for item in items:
        yield _inline(item.text)
        yield from _items(item.items)


def slide_texts(spec: s.SlideSpec) -> list[str]:
    """Every text of one outline slide a reader must find on the slide (plain, NFC)."""
    out = [_inline(spec.title)] if spec.title else []
    if isinstance(spec, (s.BulletsSlide, s.DefinitionSlide, s.ImageSlide, s.MathSlide, s.MindmapSlide)):
        out += _items(spec.items)
    if isinstance(spec, s.TextSlide):
        out += map(_inline, spec.paragraphs)
    elif isinstance(spec, s.DefinitionSlide):
        out += [_inline(spec.term), _inline(spec.definition)]
    elif isinstance(spec, s.QuoteSlide):
        out += [_inline(spec.quote), _inline(spec.source)]
    elif isinstance(spec, s.ColumnsSlide):
        for col in (spec.left, spec.right):
            out += [_inline(col.heading), _inline(col.text), *_items(col.items)]
    elif isinstance(spec, s.TableSlide):
        out += [_inline(c) for c in (*spec.header, *(c for row in spec.rows for c in row))]
    elif isinstance(spec, s.ImageSlide):
        out += [_inline(spec.caption), _inline(spec.credit)]
    elif isinstance(spec, s.CodeSlide):
        out += [unicodedata.normalize("NFC", line) for line in spec.code.splitlines()]
    return [t for t in out if t.strip()]


def lecture_texts(lecture: s.Lecture) -> list[str]:
    """Every text of a lecture outline that must appear on its slides."""
    out = [_inline(lecture.title), *map(_inline, lecture.objectives), *map(_inline, lecture.summary)]
    if lecture.subtitle:
        out.append(_inline(lecture.subtitle))
    for section in lecture.sections:
        out.append(_inline(section.title))
        for spec in section.slides:
            out += slide_texts(spec)
    return [t for t in out if t.strip()]


def lecture_notes(lecture: s.Lecture) -> list[str]:
    """The speaker notes written in a lecture outline, in slide order: title, agenda, each section's divider and
    slides, summary."""
    sections = [note for sec in lecture.sections for note in (sec.notes, *(spec.notes for spec in sec.slides))]
    notes = [lecture.notes, lecture.agenda_notes, *sections, lecture.summary_notes if lecture.summary else ""]
    return [n for n in notes if n.strip()]


# --- PPTX structure -------------------------------------------------------------------------


def _shape_texts(shapes) -> Iterator[tuple[object, str]]:
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shape_texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape, shape.text_frame.text
        elif getattr(shape, "has_table", False) and shape.has_table:
            cells = [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
            yield shape, "\n".join(cells)


@dataclass
class PptxFigures:
    slides: int
    titled: int  # slides with a non-empty title placeholder
    untitled_slides: list[int]
    text_shapes: list[int]  # per slide: shapes (text frames, tables) holding text
    notes: list[str]  # per slide (empty when none)
    kangxi: int
    titles_text: str  # all slide titles, squashed
    body_text: str  # all other slide text except footers, squashed, in slide order
    missing: list[str] = field(default_factory=list)  # outline texts not found (after `check_fidelity`)
    checked: int = 0

    @property
    def titled_pct(self) -> float:
        return 100.0 * self.titled / max(self.slides, 1)

    @property
    def notes_count(self) -> int:
        return sum(1 for n in self.notes if n.strip())

    @property
    def text_shapes_per_slide(self) -> float:
        return sum(self.text_shapes) / max(self.slides, 1)

    @property
    def fidelity_pct(self) -> float:
        return 100.0 * (self.checked - len(self.missing)) / max(self.checked, 1)

    def check_fidelity(self, texts: list[str]) -> list[str]:
        """Outline texts (plain, NFC) not present in the slides' text; whitespace is ignored."""
        self.checked = len(texts)
        self.missing = [t for t in texts if squash(t) not in self.titles_text and squash(t) not in self.body_text]
        return self.missing


def pptx_figures(path: Path) -> PptxFigures:
    prs = Presentation(str(path))
    titled, untitled, shapes_per_slide, notes, titles, body, everything = 0, [], [], [], [], [], []
    for number, slide in enumerate(prs.slides, start=1):
        has_title, count = False, 0
        for shape, text in _shape_texts(slide.shapes):
            if not text.strip():
                continue
            count += 1
            everything.append(text)
            is_title = shape.is_placeholder and shape.placeholder_format.type in TITLES
            if is_title:
                has_title = True
                titles.append(text)
            elif shape.name != FOOTER:
                body.append(text)
        titled += has_title
        if not has_title:
            untitled.append(number)
        shapes_per_slide.append(count)
        note = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        notes.append(note)
        everything.append(note)
    return PptxFigures(
        slides=len(prs.slides),
        titled=titled,
        untitled_slides=untitled,
        text_shapes=shapes_per_slide,
        notes=notes,
        kangxi=len(KANGXI.findall("".join(everything))),
        titles_text=squash("".join(titles)),
        body_text=squash("".join(body)),
    )


# --- LibreOffice rendering ------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(files: list[Path], out_dir: Path, timeout: float = 600) -> list[Path]:
    """Convert PPTX files to PDF with LibreOffice headless, in one call with a private profile."""
    exe = soffice()
    if exe is None:
        raise FileNotFoundError("soffice (LibreOffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, files),
            ],
            env={**os.environ, "HOME": profile},
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    pdfs = [out_dir / f"{f.stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return pdfs


Box = tuple[float, float, float, float]


@dataclass
class TextLine:
    page: int
    text: str
    box: Box
    glyphs: tuple[Box, ...] = ()


@dataclass
class PdfFigures:
    pages: int
    off_page: list[TextLine]
    overlaps: list[tuple[TextLine, TextLine]]
    text: str  # all text, page by page (PyMuPDF)

    @property
    def off_page_slides(self) -> list[int]:
        return sorted({line.page for line in self.off_page})

    @property
    def overlap_slides(self) -> list[int]:
        return sorted({a.page for a, _ in self.overlaps})


def _area(box: Box) -> float:
    return max(box[2] - box[0], 0.0) * max(box[3] - box[1], 0.0)


def _overlap(a: Box, b: Box) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _collide(a: Box, b: Box, share: float = OVERLAP_SHARE) -> bool:
    shared = _overlap(a, b)
    return shared > 0 and shared > share * min(_area(a), _area(b))


def _same_row(a: TextLine, b: TextLine) -> bool:
    return abs(a.box[1] - b.box[1]) < SAME_ROW_PT and abs(a.box[3] - b.box[3]) < SAME_ROW_PT


def overlapping(a: TextLine, b: TextLine) -> bool:
    """Two text lines drawn over each other.

    A glyph the renderer took from a fallback font (e.g. `ᵀ` in a code line) comes out as a line of
    its own inside the box of the line it belongs to; on the same row, only glyphs drawn over each other
    count (more than half of the smaller glyph box: neighbouring glyph boxes of italic text share ~40%).
    """
    if not _collide(a.box, b.box):
        return False
    if _same_row(a, b):
        return any(_collide(g, h, GLYPH_SHARE) for g in a.glyphs for h in b.glyphs if g[2] > g[0] and h[2] > h[0])
    return True


def pdf_figures(pdf: Path) -> PdfFigures:
    """Page count, text lines off the page and pairs of overlapping text lines of a PDF."""
    import pymupdf

    doc = pymupdf.open(str(pdf))
    flags = pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_MEDIABOX_CLIP  # keep text outside the page
    off, overlaps, texts = [], [], []
    for number, page in enumerate(doc, start=1):
        rect = page.rect
        lines = []
        for block in page.get_text("rawdict", flags=flags)["blocks"]:
            for line in block.get("lines", []):
                chars = [c for span in line["spans"] for c in span["chars"]]
                text = "".join(c["c"] for c in chars)
                if text.strip():
                    glyphs = tuple(tuple(c["bbox"]) for c in chars if not c["c"].isspace())
                    lines.append(TextLine(number, text, tuple(line["bbox"]), glyphs))
        texts.append("\n".join(line.text for line in lines))
        for line in lines:
            x0, y0, x1, y1 = line.box
            if (
                x0 < rect.x0 - OFF_PAGE_PT
                or y0 < rect.y0 - OFF_PAGE_PT
                or x1 > rect.x1 + OFF_PAGE_PT
                or y1 > rect.y1 + OFF_PAGE_PT
            ):
                off.append(line)
        for i, a in enumerate(lines):
            overlaps += [(a, b) for b in lines[i + 1 :] if overlapping(a, b)]
    pages = len(doc)
    doc.close()
    return PdfFigures(pages, off, overlaps, "\n".join(texts))


def pdftotext(pdf: Path) -> str:
    """The PDF's text as poppler extracts it (what copy-paste and search engines see)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise FileNotFoundError("pdftotext (poppler-utils) is not installed")
    return subprocess.run([exe, str(pdf), "-"], check=True, capture_output=True, text=True, timeout=120).stdout


# --- Marp HTML ------------------------------------------------------------------------------

_SECTION = re.compile(r"<section\b([^>]*)>", re.I)
_ADVANCED_BG = re.compile(r"""data-marpit-advanced-background\s*=\s*["'](background|pseudo)["']""", re.I)


def html_slide_count(html: str) -> int:
    """Slides of a Marp HTML deck: `<section>` elements, not the advanced-background helpers."""
    return sum(1 for attrs in _SECTION.findall(html) if not _ADVANCED_BG.search(attrs))
