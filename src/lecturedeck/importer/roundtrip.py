"""Marp markdown that lecturedeck wrote → the outline it came from.

Its slides say what they are (`_class: content kind-bullets laid`): the title, agenda, section and summary
slides become the lecture's title, objectives, sections and summary; each content slide is read by its
kind, using the `<div class="…">` around its blocks (a definition's term, a quote's source, a picture's
caption, the two columns, the pieces of a model card, timeline or quiz); continuation slides join the
slide they continue (merge.py). Diagrams and mind maps come back as their drawings (SVG image slides).
"""

from __future__ import annotations

import html
import re

from lecturedeck.importer.convert import Converter, Part, Slide
from lecturedeck.importer.marp import RawSlide
from lecturedeck.importer.read import Block, Heading, Html, Image, ListBlock, Math, Paragraph
from lecturedeck.importer.structure import Section, Shape, part_of

KIND_CLASS = re.compile(r"^kind-([a-z]+)$")
TAG = re.compile(r"<[^>]+>")
CODE_LINE = re.compile(
    r'<span class="line[^"]*">(?:<span class="ln">\d+</span>)?(.*?)</span>(?=<span class="line|</code>)'
)


def is_lecturedeck(raw: list[RawSlide]) -> bool:
    """Whether lecturedeck wrote the deck: every slide carries its kind class."""
    return bool(raw) and all(_kind(s.classes) for s in raw)


def _kind(classes: list[str]) -> str | None:
    return next((m.group(1) for c in classes if (m := KIND_CLASS.match(c))), None)


def course_title(directives: dict[str, object], lecture: str) -> str:
    """The course title, from the footer lecturedeck writes ("course · lecture")."""
    footer = str(directives.get("footer") or "")
    suffix = f" · {lecture}"
    return footer[: -len(suffix)] if footer.endswith(suffix) else footer


def shape(raw: list[RawSlide], converter: Converter, fallback: str) -> tuple[Shape, dict[str, object]]:
    report = converter.report
    result = Shape(fallback)
    extra: dict[str, object] = {}
    for slide in raw:
        part = part_of(slide, report)
        part.kind = _kind(slide.classes)
        if part.kind == "title":
            lines = [converter.text(b.text, b.line) for b in part.blocks if isinstance(b, Paragraph)]
            result.title = part.title
            result.subtitle = lines[0] if len(lines) > 1 else ""
            result.notes = part.notes
        elif part.kind == "agenda":
            extra.update(_agenda(part, converter))
        elif part.kind == "section":
            result.sections.append(Section(part.title, part.line, notes=part.notes))
        elif part.kind == "summary":
            items = converter.items([b for b in part.blocks if isinstance(b, ListBlock)])
            extra["summary"] = items
            if part.notes:
                extra["summary_notes"] = "\n\n".join(part.notes)
        else:
            if not result.sections:
                result.sections.append(Section(result.title, part.line))
            result.sections[-1].parts.append(part)
    return result, extra


def _agenda(part: Part, converter: Converter) -> dict[str, object]:
    """The objectives: the first column's bullets when the agenda has two columns (the second lists the
    sections, which the agenda is made from)."""
    lists = [b for b in part.blocks if isinstance(b, ListBlock)]
    out: dict[str, object] = {}
    if len(lists) > 1:
        out["objectives"] = converter.items(lists[:1])
    if part.notes:
        out["agenda_notes"] = "\n\n".join(part.notes)
    return out


def slides(part: Part, converter: Converter) -> list[Slide]:
    """The outline slide a content slide was built from."""
    blocks = [b for b in part.blocks if not (isinstance(b, Html) and b.html.lstrip().startswith("<style"))]
    notes = "\n\n".join(part.notes)
    slide = _read(part.kind or "", part.title, blocks, converter)
    if slide is None:
        return converter.slides(Part(part.title, part.level, part.line, blocks, part.notes, part.classes))
    if notes:
        slide["notes"] = notes
    return [slide]


def _read(kind: str, title: str, blocks: list[Block], converter: Converter) -> Slide | None:
    text = converter.text
    if kind == "code":
        found = next((b for b in blocks if isinstance(b, Html) and "code-lines" in b.html), None)
        if found is None:
            return None
        lines = [html.unescape(TAG.sub("", line)) for line in CODE_LINE.findall(found.html)]
        return {"kind": "code", "title": title, "language": "text", "code": "\n".join(lines) or " "}
    if kind == "definition":
        inside = [b for b in blocks if isinstance(b, Paragraph) and b.within("definition")]
        after = [b for b in blocks if isinstance(b, ListBlock)]
        if len(inside) < 2 and not inside:
            return None
        term = inside[0].text if inside[0].text.startswith("**") else ""
        body = inside[1:] if term else inside
        slide: Slide = {
            "kind": "definition",
            "title": title,
            "term": text(term.strip("*"), inside[0].line) if term else title,
            "definition": " ".join(text(b.text, b.line) for b in body),
        }
        if after:
            slide["items"] = converter.items(after)
        return slide
    if kind == "quote":
        quote = [b for b in blocks if isinstance(b, Paragraph) and not b.within("source")]
        source = [b for b in blocks if isinstance(b, Paragraph) and b.within("source")]
        slide = {"kind": "quote", "title": title, "quote": " ".join(text(b.text, b.line) for b in quote)}
        if source:
            slide["source"] = text(source[0].text.lstrip("— "), source[0].line)
        return slide
    if kind in ("image", "diagram", "mindmap"):
        return _picture(kind, title, blocks, converter)
    if kind == "math":
        formula = next((b for b in blocks if isinstance(b, Math)), None)
        if formula is None:
            return None
        slide = {"kind": "math", "title": title, "formula": formula.latex}
        items = [b for b in blocks if isinstance(b, ListBlock)]
        if items:
            slide["items"] = converter.items(items)
        return slide
    if kind == "columns":
        return _columns(title, blocks, converter)
    if kind in ("model", "timeline", "quiz"):
        return _graphic(kind, title, blocks, converter)
    return None


def _picture(kind: str, title: str, blocks: list[Block], converter: Converter) -> Slide | None:
    image = next((b for b in blocks if isinstance(b, Image)), None)
    if image is None:
        return None
    [slide] = (list(converter.image(image)) and [converter.picture(title, image)]) or [None]
    if slide is None:
        return None
    captions = {
        name: [converter.text(b.text, b.line) for b in blocks if isinstance(b, Paragraph) and b.within(name)]
        for name in ("caption", "credit")
    }
    for name, found in captions.items():
        if found:
            slide[name] = " ".join(found)
    items = [b for b in blocks if isinstance(b, ListBlock)]
    if items:
        slide["items"] = converter.items(items)
    return slide


def _columns(title: str, blocks: list[Block], converter: Converter) -> Slide:
    columns: list[list[Block]] = []
    last: tuple[str, ...] | None = None
    for block in blocks:
        if not block.within("column"):
            continue
        if block.context != last or (isinstance(block, Heading) and columns and columns[-1]):
            columns.append([])
            last = block.context
        columns[-1].append(block)
    sides = []
    for column in ([*columns, [], []])[:2]:
        spec: dict[str, object] = {}
        heading = next((b for b in column if isinstance(b, Heading)), None)
        if heading is not None:
            spec["heading"] = converter.text(heading.text, heading.line)
        lists = [b for b in column if isinstance(b, ListBlock)]
        if lists:
            spec["items"] = converter.items(lists)
        paragraphs = [b for b in column if isinstance(b, Paragraph)]
        if paragraphs:
            spec["text"] = "\n\n".join(converter.text(b.text, b.line) for b in paragraphs)
        sides.append(spec)
    comparison = any(b.within("comparison") for b in blocks)
    slide: Slide = {"kind": "columns", "title": title, "left": sides[0], "right": sides[1]}
    if comparison:
        slide["comparison"] = True
    return slide


def _graphic(kind: str, title: str, blocks: list[Block], converter: Converter) -> Slide | None:
    """A model card, timeline or quiz from the roles of its pieces (`<div class="g gN ROLE">`)."""
    pieces: list[tuple[str, list[str]]] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        role = next((c.split()[2] for c in block.context if c.startswith("g ") and len(c.split()) > 2), "")
        value = converter.text(block.text, block.line)
        if pieces and pieces[-1][0] == role and block.context == _last_context(blocks, block):
            pieces[-1][1].append(value)
        else:
            pieces.append((role, [value]))
    if kind == "quiz":
        return _quiz(title, blocks, converter)
    return {"kind": "bullets", "title": title, "items": [v for _, values in pieces for v in values]} if pieces else None


def _last_context(blocks: list[Block], block: Block) -> tuple[str, ...]:
    index = blocks.index(block)
    earlier = [b for b in blocks[:index] if isinstance(b, Paragraph)]
    return earlier[-1].context if earlier else ()


def _quiz(title: str, blocks: list[Block], converter: Converter) -> Slide | None:
    question = ""
    choices: list[dict[str, object]] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        role = next((c.split()[2] for c in block.context if c.startswith("g ") and len(c.split()) > 2), "")
        value = converter.text(block.text, block.line)
        if role == "question":
            question = value
        elif role.endswith("-text"):
            choices.append({"text": value})
    marks = [b.html for b in blocks if isinstance(b, Html)]
    del marks
    if not question or len(choices) < 2:
        return None
    return {"kind": "quiz", "title": title, "question": question, "choices": choices}
