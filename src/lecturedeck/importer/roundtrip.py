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
from dataclasses import replace

from lecturedeck.importer.convert import STYLE, Converter, Part, Slide
from lecturedeck.importer.marp import RawSlide
from lecturedeck.importer.read import Block, Heading, Html, Image, ListBlock, Math, Paragraph
from lecturedeck.importer.structure import Section, Shape, part_of
from lecturedeck.plan.labels import LABELS

KIND_CLASS = re.compile(r"^kind-([a-z]+)$")
SIZE_WORDS = re.compile(r"\s[wh]:[\d.]+")
CHOICE_TEXT = re.compile(r"choice-([a-z])-text")
YEAR = re.compile(r"\d{3,4}(?:\.\d+)?")
REVEALABLE = frozenset(["bullets", "text", "columns", "definition", "model", "timeline"])
ANSWER = re.compile(
    "^(?:" + "|".join(re.escape(words["answer"].strip()) for words in LABELS.values()) + ")", re.MULTILINE
)
RIGHT_CHOICE = re.compile(r"\bchoice-([a-z])-right\b")
TAG = re.compile(r"<[^>]+>")
CODE_LINE = re.compile(
    r'<span class="line[^"]*">(?:<span class="ln">\d+</span>)?(.*?)</span>(?=<span class="line|</code>)'
)


def is_lecturedeck(raw: list[RawSlide]) -> bool:
    """Whether lecturedeck wrote the deck: every slide carries its kind class."""
    return bool(raw) and all(_kind(s.classes) for s in raw)


def _kind(classes: list[str]) -> str | None:
    return next((m.group(1) for c in classes if (m := KIND_CLASS.match(c))), None)


def course_fields(front_matter: dict[str, object], shape: Shape) -> dict[str, str]:
    """The course's title, author and date: the footer lecturedeck writes is "course · lecture", the
    title slide's last line "course · author · date"."""
    footer = str(front_matter.get("footer") or "")
    suffix = f" · {shape.title}"
    title = footer[: -len(suffix)] if footer.endswith(suffix) else footer
    fields = {"title": title}
    if title and shape.byline.startswith(f"{title} · "):
        rest = shape.byline[len(title) + 3 :].split(" · ")
        author = str(front_matter.get("author") or "")
        if author and rest[0] == author:
            fields["author"] = rest.pop(0)
        if rest:
            fields["date"] = " · ".join(rest)
    return {k: v for k, v in fields.items() if v}


def shape(raw: list[RawSlide], converter: Converter, fallback: str) -> tuple[Shape, dict[str, object]]:
    report = converter.report
    result = Shape(fallback)
    extra: dict[str, object] = {}
    for slide in raw:
        part = part_of(slide, report)
        part.kind = _kind(slide.classes)
        if part.kind == "title":
            lines = converter.paragraphs(part.blocks)
            result.title = part.title
            result.subtitle = lines[0] if len(lines) > 1 else ""
            result.byline = lines[-1] if lines else ""
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
    blocks = [b for b in part.blocks if not (isinstance(b, Html) and STYLE.match(b.html))]
    found = _read(part, blocks, converter)
    notes = "\n\n".join(part.notes)
    if part.kind == "quiz":  # the answer (and explanation) the notes end with are made from the quiz
        notes = ANSWER.split(notes, maxsplit=1)[0].rstrip()
    if found is not None and notes:
        found["notes"] = notes
    result = [found] if found is not None else converter.slides(replace(part, blocks=blocks))
    if any(b.within("step") or (isinstance(b, ListBlock) and b.marker == "*") for b in blocks):
        for slide in result:
            if slide["kind"] in REVEALABLE:
                slide["reveal"] = True
    return result


def _read(part: Part, blocks: list[Block], converter: Converter) -> Slide | None:
    kind, title, text = part.kind or "", part.title, converter.text
    if kind == "code":
        found = next((b for b in blocks if isinstance(b, Html) and "code-lines" in b.html), None)
        if found is None:
            return None
        lines = [html.unescape(TAG.sub("", line)) for line in CODE_LINE.findall(found.html)]
        return {"kind": "code", "title": title, "language": "text", "code": "\n".join(lines) or " "}
    if kind == "definition":
        inside = [b for b in blocks if isinstance(b, Paragraph) and b.within("definition")]
        after = [b for b in blocks if isinstance(b, ListBlock)]
        if not inside:
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
        return _picture(part, blocks, converter)
    if kind == "math":
        formula = next((b for b in blocks if isinstance(b, Math)), None)
        if formula is None:
            return None
        slide = {"kind": "math", "title": title}
        intro = converter.paragraphs(blocks[: blocks.index(formula)])
        if intro:
            slide["intro"] = intro
        slide["formula"] = formula.latex
        items = [b for b in blocks if isinstance(b, ListBlock)]
        if items:
            slide["items"] = converter.items(items)
        return slide
    if kind == "columns":
        return _columns(title, blocks, converter)
    if kind in ("model", "timeline", "quiz", "poll", "join"):
        return _graphic(kind, title, blocks, converter)
    return None


def _picture(part: Part, blocks: list[Block], converter: Converter) -> Slide | None:
    kind, title = part.kind, part.title
    image = next((b for b in blocks if isinstance(b, Image)), None)
    if image is None:
        return None
    if kind != "image":  # a drawing: its size is the layout's, not the outline's
        image = Image(line=image.line, context=image.context, src=image.src, alt=SIZE_WORDS.sub("", image.alt))
    if not isinstance(next(converter.image(image)), Image):
        return None  # the drawing is gone: the placeholder text stands in
    slide = converter.picture(title, image)
    placement = next((c.removeprefix("image-") for c in part.classes if c.startswith("image-")), None)
    if placement:
        slide["placement"] = placement
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
    """A model card, timeline, quiz, poll or join slide from the roles of its pieces (`<div class="g gN ROLE">`)."""
    pieces: dict[str, tuple[str, list[str]]] = {}  # piece class → its role and its paragraphs
    for block in blocks:
        piece = next((c for c in block.context if c.startswith("g ")), None)
        if piece is None or not isinstance(block, Paragraph):
            continue
        role = piece.split()[2] if len(piece.split()) > 2 else ""
        pieces.setdefault(piece, (role, []))[1].append(converter.text(block.text, block.line))
    found = list(pieces.values())
    if kind == "model":
        return _model(title, found)
    if kind == "timeline":
        return _timeline(title, found)
    if kind == "join":
        text = " ".join(_values(found, "join-text"))
        return {"kind": "join", "title": title, **({"text": text} if text else {})}
    if kind == "poll":
        return _poll(title, found)
    right = {m.group(1) for b in blocks if isinstance(b, Html) for m in RIGHT_CHOICE.finditer(b.html)}
    return _quiz(title, found, right)


def _values(pieces: list[tuple[str, list[str]]], role: str) -> list[str]:
    return [v for r, values in pieces if r == role for v in values]


def _model(title: str, pieces: list[tuple[str, list[str]]]) -> Slide | None:
    names = _values(pieces, "name")
    if not names:
        return None
    slide: Slide = {"kind": "model", "title": title, "name": names[0]}
    meta = " · ".join(_values(pieces, "meta")).split(" · ")
    if meta and YEAR.fullmatch(meta[-1]):
        slide["year"] = meta.pop()
    if any(meta):
        slide["org"] = " · ".join(meta)
    labels, values = _values(pieces, "label"), _values(pieces, "value")
    keys = {words[key]: key for words in LABELS.values() for key in ("architecture", "params")}
    for label, value in zip(labels, values, strict=False):
        if label in keys:
            slide[keys[label]] = value
    for key, role in (("modalities", "chip-text"), ("highlights", "highlights")):
        if _values(pieces, role):
            slide[key] = _values(pieces, role)
    return slide


def _timeline(title: str, pieces: list[tuple[str, list[str]]]) -> Slide | None:
    periods: list[dict[str, object]] = []
    events: list[tuple[str, str]] = []
    homes: dict[int, list[dict[str, str]]] = {}  # period index → its events
    for role, values in pieces:
        if role == "period-name":
            period: dict[str, object] = {"name": values[0]}
            if len(values) > 1:
                period["span"] = values[1]
            periods.append(period)
        elif role == "summary" and periods:
            periods[-1]["summary"] = " ".join(values)
        elif role == "event" and len(values) > 1:
            events.append((values[0], " ".join(values[1:])))
    if not periods:
        return None
    for year, text in events:
        home = next((n for n, p in enumerate(periods) if _in_span(year, str(p.get("span", "")))), len(periods) - 1)
        homes.setdefault(home, []).append({"year": year, "text": text})
    for n, found in homes.items():
        periods[n]["events"] = found
    return {"kind": "timeline", "title": title, "periods": periods}


def _in_span(year: str, span: str) -> bool:
    """Whether an event's year falls in a period's span ("1950–2005", "2020–至今")."""
    numbers = [int(n) for n in re.findall(r"\d{4}", span)]
    first = re.match(r"\d{4}", year)
    if not numbers or first is None:
        return False
    last = numbers[-1] if len(numbers) > 1 else 9999
    return numbers[0] <= int(first.group()) <= last


def _choices(pieces: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """Each choice's letter and text, in order."""
    return [(letter.group(1), " ".join(values)) for role, values in pieces if (letter := CHOICE_TEXT.fullmatch(role))]


def _question(pieces: list[tuple[str, list[str]]]) -> tuple[str, bool]:
    """The question's text without the words the layout adds when several choices may be picked (in any course
    language), and whether it had them."""
    question = " ".join(_values(pieces, "question"))
    several = next((w["choose_several"] for w in LABELS.values() if question.endswith(w["choose_several"])), "")
    return question.removesuffix(several), bool(several)


def _quiz(title: str, pieces: list[tuple[str, list[str]]], right: set[str]) -> Slide | None:
    """A quiz; the words a quiz with several right choices says after its question come off."""
    question, _ = _question(pieces)
    choices: list[dict[str, object]] = [
        {"text": text, "correct": True} if letter in right else {"text": text} for letter, text in _choices(pieces)
    ]
    if not question or len(choices) < 2:
        return None
    slide: Slide = {"kind": "quiz", "title": title, "question": question, "choices": choices}
    explanation = " ".join(_values(pieces, "explanation"))
    if explanation:
        slide["explanation"] = explanation
    return slide


def _poll(title: str, pieces: list[tuple[str, list[str]]]) -> Slide | None:
    """A poll; the words a `multiple: true` poll's question ends with (in any course language) come off."""
    question, several = _question(pieces)
    choices = [text for _, text in _choices(pieces)]
    if not question or len(choices) < 2:
        return None
    slide: Slide = {"kind": "poll", "title": title, "question": question, "choices": choices}
    if several:
        slide["multiple"] = True
    return slide
