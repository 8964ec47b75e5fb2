"""One deck → one lecture outline (plain data, ready to write), with its report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lecturedeck.errors import DeckError, Location
from lecturedeck.importer import roundtrip
from lecturedeck.importer.convert import Converter, Slide
from lecturedeck.importer.images import ImageStore
from lecturedeck.importer.marp import RawSlide, is_marp, split_slides
from lecturedeck.importer.merge import merged
from lecturedeck.importer.read import read_source
from lecturedeck.importer.report import DeckReport
from lecturedeck.importer.structure import Shape, part_of, shape_marp, shape_notes
from lecturedeck.outline.schema import LANGUAGE_TAG
from lecturedeck.themes import available_themes

NOTHING = "the deck has no slide with content to import: nothing to write"
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@dataclass
class ImportedLecture:
    path: Path
    outline: dict[str, object]  # the lecture file's content
    lang: str
    course: dict[str, str]  # what the deck says of its course: title, author, date
    report: DeckReport


def import_deck(path: Path, images: ImageStore, prose_to_notes: bool = False) -> ImportedLecture:
    """The lecture a deck makes; a located DeckError when it cannot be read (bad front matter, an unclosed
    fence) or holds no slide."""
    report = DeckReport(path)
    source = read_source(path)
    directives, raw = split_slides(source, report)
    if not any(s.has_content() for s in raw):
        raise DeckError(NOTHING, Location(path, 1, 1))
    report.slides_in = len(raw)
    report.notes_in = sum(len(s.notes) for s in raw)
    fallback = str(directives.get("title") or source.front_matter.get("title") or path.stem)
    marp = is_marp(source)
    converter = Converter(path.parent, images, report, prose_to_notes, fragments=marp)
    own = roundtrip.is_lecturedeck(raw)
    if own:  # its directives are lecturedeck's own layout (footers, page numbers): nothing is lost
        report.warnings.clear()
        shape, extra = roundtrip.shape(raw, converter, fallback)
    else:
        parts = [part_of(s, report) for s in raw]
        shape = (shape_marp if marp else shape_notes)(parts, fallback, report)
        extra = {}
        _theme_warnings(directives, source.front_matter_line, report)
    sections = _sections(shape, converter, own, report)
    if not sections:
        raise DeckError(NOTHING, Location(path, 1, 1))
    outline: dict[str, object] = {"title": shape.title or path.stem}
    if shape.subtitle:
        outline["subtitle"] = converter.text(shape.subtitle, 1)
    outline.update(extra)
    if shape.notes:
        outline["notes"] = "\n\n".join(shape.notes)
    outline["sections"] = sections
    report.slides_out = sum(len(s["slides"]) for s in sections)  # type: ignore[arg-type,misc]
    report.notes_out = _notes_carried(raw, outline)
    lang = str(directives.get("lang") or "")
    if lang and not LANGUAGE_TAG.fullmatch(lang):
        report.warn(source.front_matter_line or 1, f"lang '{lang}' is not a language tag such as zh-CN or en: ignored")
    if not LANGUAGE_TAG.fullmatch(lang):
        lang = "zh-CN" if CJK.search(str(outline)) else "en"
    course = roundtrip.course_fields(source.front_matter, shape) if own else {}
    if directives.get("author"):
        course.setdefault("author", str(directives["author"]))
    return ImportedLecture(path, outline, lang, course, report)


def _sections(shape: Shape, converter: Converter, own: bool, report: DeckReport) -> list[dict[str, object]]:
    sections: list[dict[str, object]] = []
    for section in shape.sections:
        slides: list[Slide] = []
        for part in section.parts:
            slides += roundtrip.slides(part, converter) if own else converter.slides(part)
        title = section.title or shape.title or report.path.stem
        slides = [s if s["title"] else {**s, "title": title} for s in merged(slides, cut_at_blank=own)]
        notes = "\n\n".join(n.strip() for n in section.notes if n.strip())
        if not slides:
            report.warn(section.line, f"the section '{section.title}' has no slides: left out")
            continue
        entry: dict[str, object] = {"title": title}
        if notes:
            entry["notes"] = notes
        entry["slides"] = slides
        sections.append(entry)
    return sections


def _theme_warnings(directives: dict[str, object], line: int, report: DeckReport) -> None:
    theme = directives.get("theme")
    if theme and str(theme) not in available_themes():
        report.warn(
            line or 1,
            f"the Marp theme '{theme}' is not carried over: the course uses lecturedeck's default theme; "
            "to restyle it, add a course theme (themes/NAME/theme.yaml, see 'deck themes')",
        )
    if directives.get("style"):
        report.warn(line or 1, "the deck's own CSS (style:) is not carried over: the theme styles every slide")


def _notes_carried(raw: list[RawSlide], outline: dict[str, object]) -> int:
    """How many of the deck's speaker notes are in the outline's notes (a quiz's without its answer)."""
    found: list[str] = []

    def collect(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                collect(v, k)
        elif isinstance(value, list):
            for v in value:
                collect(v, key)
        elif isinstance(value, str) and key.endswith("notes"):
            found.append(value)

    collect(outline)
    everything = "\n".join(found)
    kept = (roundtrip.ANSWER.split(note, maxsplit=1)[0].strip() for s in raw for note in s.notes)
    return sum(note in everything for note in kept)  # a quiz's answer is written again by the build
