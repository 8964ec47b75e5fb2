"""Marp's slide structure: separators and headingDivider, directives (front matter, HTML comments,
local and spot), speaker notes in comments. Markdown notes without `marp: true` split at every heading."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from lecturedeck.importer.inline import notes_text
from lecturedeck.importer.read import Block, Comment, Heading, Rule, Source
from lecturedeck.importer.report import DeckReport
from lecturedeck.render.marp_escape import ZERO_WIDTH_SPACE

GLOBAL = frozenset(
    [
        "theme",
        "style",
        "headingDivider",
        "lang",
        "marp",
        "size",
        "math",
        "title",
        "description",
        "author",
        "image",
        "keywords",
        "url",
    ]
)
LOCAL = frozenset(
    [
        "paginate",
        "header",
        "footer",
        "class",
        "backgroundColor",
        "backgroundImage",
        "backgroundPosition",
        "backgroundRepeat",
        "backgroundSize",
        "color",
        "transition",
    ]
)
TOOL_COMMENTS = ("prettier-ignore", "markdownlint", "lint ")  # neither notes nor directives (nor is `fit`)
CARRIED = frozenset(["marp", "paginate", "class", "headingDivider", "lang", "title", "author", "math", "theme"])


@dataclass
class RawSlide:
    """One slide of the deck as written: its blocks, notes and local directives."""

    line: int
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    directives: dict[str, object] = field(default_factory=dict)

    @property
    def classes(self) -> list[str]:
        return str(self.directives.get("class") or "").split()

    def has_content(self) -> bool:
        return any(not isinstance(b, Comment) for b in self.blocks)


def is_marp(source: Source) -> bool:
    return source.front_matter.get("marp") is True


def split_slides(source: Source, report: DeckReport) -> tuple[dict[str, object], list[RawSlide]]:
    """The deck's global directives and its slides. Marp: `---` separates slides and headingDivider splits
    before headings; Markdown notes: every heading starts a part."""
    marp = is_marp(source)
    globals_ = {k: v for k, v in source.front_matter.items() if k in GLOBAL}
    inherited = {k: v for k, v in source.front_matter.items() if k in LOCAL}
    if marp:
        for key, value in source.front_matter.items():
            _not_carried(key, value, source.front_matter_line or 1, report)
    written = [d for b in source.blocks if isinstance(b, Comment) and (d := _directives(b.body.strip()))]
    heading_divider = next((d["headingDivider"] for d in reversed(written) if "headingDivider" in d), None)
    if heading_divider is None:  # a global directive: the last one written counts, in a comment too
        heading_divider = globals_.get("headingDivider")
    divider = _divider(heading_divider) if marp else set(range(1, 7))
    slides = [RawSlide(line=1, directives=dict(inherited))]
    for block in source.blocks:
        current = slides[-1]
        if isinstance(block, Rule):
            if marp:
                slides.append(RawSlide(line=block.line, directives=dict(inherited)))
            continue
        if isinstance(block, Heading) and block.level in divider and current.has_content():
            current = RawSlide(line=block.line, directives=dict(inherited))
            slides.append(current)
        if isinstance(block, Comment):
            _comment(block, current, inherited, globals_, report)
            continue
        if not current.has_content():
            current.line = block.line
        current.blocks.append(block)
    if heading_divider is not None and not divider:
        report.warn(source.front_matter_line or 1, "headingDivider must be a heading level 1-6 or a list of levels")
    return globals_, [s for s in slides if s.has_content() or s.notes]


def _divider(value: object) -> set[int]:
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        return set(range(1, value + 1))
    if isinstance(value, list):
        return {v for v in value if isinstance(v, int) and not isinstance(v, bool)}
    return set()


def _comment(
    block: Comment, slide: RawSlide, inherited: dict[str, object], globals_: dict[str, object], report: DeckReport
) -> None:
    body = block.body.strip()
    if not body or body == "fit" or body.startswith(TOOL_COMMENTS):
        return
    directives = _directives(body)
    if directives is None:  # lecturedeck's own notes: a zero-width space keeps them from reading as directives
        slide.notes.append(notes_text(body.removeprefix(ZERO_WIDTH_SPACE).replace(f"--{ZERO_WIDTH_SPACE}>", "-->")))
        return
    for key, value in directives.items():
        name = key.lstrip("_")
        if name in GLOBAL:
            globals_[name] = value
        elif name in LOCAL:
            slide.directives[name] = value
            if not key.startswith("_"):
                inherited[name] = value
        _not_carried(key, value, block.line, report)


def _not_carried(key: str, value: object, line: int, report: DeckReport) -> None:
    """A warning for a directive lecturedeck has no equivalent of (an empty one changes nothing)."""
    name = key.lstrip("_")
    if name not in GLOBAL | LOCAL:
        report.warn(line, f"unknown directive '{key}: {value}': not carried over")
    elif name == "class" and "laid" not in str(value).split() and set(str(value).split()) - {"lead"}:
        report.warn(line, f"class '{value}' not carried over: only 'lead' is (a title or section slide)")
    elif name == "paginate" and value is not True:
        report.warn(line, f"'{key}: {value}' not carried over: lecturedeck numbers every content slide")
    elif name not in CARRIED and value not in ("", None):
        report.warn(line, f"directive '{key}: {value}' not carried over (lecturedeck's theme and layout decide it)")


def _directives(body: str) -> dict[str, object] | None:
    """A comment that YAML reads as a mapping with a Marp directive or a spot directive (`_name`, known or not);
    None for a note."""
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not any(str(k).lstrip("_") in GLOBAL | LOCAL or str(k)[:1] == "_" for k in data):
        return None
    return {str(k): v for k, v in data.items()}
