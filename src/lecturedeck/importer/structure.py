"""A deck's slides → the lecture's shape: its title, sections and titled parts.

Marp decks: the first `lead` slide is the title slide; a later lead slide, a slide with only a heading,
or a heading above the deck's usual slide-title level starts a section (the usual level is the most
common one; a bold first line counts as a title below every heading). Markdown notes: the shallowest
heading level starts sections when there are deeper ones; a heading with nothing under it but deeper
headings is put before their titles. Slides without a title continue the one before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lecturedeck.importer.convert import Part
from lecturedeck.importer.inline import outline_text
from lecturedeck.importer.marp import RawSlide
from lecturedeck.importer.read import Comment, Heading, Html, Image, Paragraph
from lecturedeck.importer.report import DeckReport
from lecturedeck.plan.labels import LABELS

BOLD_LINE = re.compile(r"^(\*\*|__)(?!\s)((?:(?!\1)[^\n])+?)(?<!\s)\1$")  # one bold run, the whole line
WRAPPED = re.compile(r"^(\*\*|__|\*|_)(?!\s)((?:(?!\1).)+?)(?<!\s)\1$")  # emphasis around all of it
CONTINUED = tuple(sorted({labels["continued"].strip() for labels in LABELS.values()}, key=len, reverse=True))
PSEUDO, UNTITLED = 7, 8
MAX_BOLD_TITLE = 80  # characters: a longer bold paragraph is text, not a title
LEAD = frozenset(["lead", "title"])


@dataclass
class Section:
    title: str
    line: int
    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Shape:
    title: str
    subtitle: str = ""
    byline: str = ""  # lecturedeck's own title slide: "course · author · date"
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def part_of(slide: RawSlide, report: DeckReport) -> Part:
    """A slide with its title taken out of its blocks."""
    blocks = [b for b in slide.blocks if not isinstance(b, Comment)]
    title, level = "", UNTITLED
    first = next((b for b in blocks if not isinstance(b, Html | Image)), None)  # <style>, ![bg] may come first
    if isinstance(first, Heading):
        title, level = first.text, first.level
        blocks.remove(first)
    elif isinstance(first, Paragraph) and _bold_line(first.text):
        title, level = first.text, PSEUDO
        blocks.remove(first)
    line = first.line if first else slide.line
    return Part(clean_title(title, line, report), level, line, blocks, list(slide.notes), slide.classes)


def _bold_line(text: str) -> bool:
    """A short line in bold, written as a slide's title."""
    return len(text) <= MAX_BOLD_TITLE and BOLD_LINE.match(text) is not None


def clean_title(raw: str, line: int, report: DeckReport) -> str:
    """A title without emphasis around all of it and without a continuation mark."""
    text = raw.strip()
    while (found := WRAPPED.match(text)) is not None:
        text = found.group(2).strip()
    for mark in CONTINUED:
        if text.endswith(mark) and len(text) > len(mark):
            text = text[: -len(mark)].rstrip()
            break
    return outline_text(text, lambda message: report.warn(line, message)) if text else ""


def shape_marp(parts: list[Part], fallback_title: str, report: DeckReport) -> Shape:
    shape = Shape(fallback_title)
    if parts and LEAD & set(parts[0].classes) and parts[0].title:
        head = parts.pop(0)
        shape.title = head.title
        shape.subtitle = " ".join(b.text for b in head.blocks if isinstance(b, Paragraph))
        shape.notes = head.notes
    levels = Counter(p.level for p in parts if p.level < UNTITLED)
    usual = max(levels, key=lambda level: (levels[level], level)) if levels else UNTITLED
    for part in parts:
        starts = bool(LEAD & set(part.classes)) or not part.blocks or part.level < usual
        _place(shape, part, starts and bool(part.title), report)
    return shape


def shape_notes(parts: list[Part], fallback_title: str, report: DeckReport) -> Shape:
    shape = Shape(fallback_title)
    tops = [n for n, p in enumerate(parts) if p.level == 1]
    if len(tops) == 1 and all(p.level == UNTITLED for p in parts[: tops[0]]):  # one # heading, before any other
        head = parts.pop(tops[0])
        shape.title, shape.notes = head.title, head.notes
        if head.blocks:  # what comes before the first section: a slide under the lecture's title
            _place(shape, Part(head.title, UNTITLED, head.line, head.blocks), False, report)
    levels = sorted({p.level for p in parts if p.level <= 6})
    top = levels[0] if len(levels) > 1 else None
    prefixes: list[tuple[int, str]] = []  # empty headings above the current part: (level, title)
    for n, part in enumerate(parts):
        prefixes = [(lv, t) for lv, t in prefixes if lv < part.level]
        if part.level == top:
            _place(shape, part, True, report)
            continue
        later = parts[n + 1] if n + 1 < len(parts) else None
        if not part.blocks and not part.notes and later is not None and later.level > part.level:
            prefixes.append((part.level, part.title))
            continue
        if prefixes:
            part.title = " · ".join([*(t for _, t in prefixes), part.title])
        _place(shape, part, False, report)
    return shape


def _place(shape: Shape, part: Part, starts_section: bool, report: DeckReport) -> None:
    """The part into the lecture: a section start opens a section (and is a slide too when it has content)."""
    if starts_section:
        if not shape.sections or shape.sections[-1].title != part.title:
            shape.sections.append(Section(part.title, part.line, notes=[] if part.blocks else part.notes))
        if not part.blocks:
            return
        first = part.blocks[0]
        if isinstance(first, Paragraph) and _bold_line(first.text) and len(part.blocks) > 1:
            part.title, part.blocks = clean_title(first.text, first.line, report), part.blocks[1:]
    if not shape.sections:
        shape.sections.append(Section(part.title or shape.title, part.line))
    section = shape.sections[-1]
    if not part.title:
        part.title = section.parts[-1].title if section.parts else section.title
    section.parts.append(part)
