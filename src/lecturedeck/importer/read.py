"""A Markdown file → its front matter and its blocks, each with the line it starts on (markdown-it's
source map), in order; `<div class="…">` wrappers are not blocks but the context of the blocks inside
them (lecturedeck's own Marp output is built of them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from lecturedeck.errors import DeckError, Location

COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
DIV_TAG = re.compile(r"<div\b([^>]*)>|</div\s*>", re.IGNORECASE)
EMPTY_DIV = re.compile(r"<div\b[^>]*>\s*</div\s*>", re.IGNORECASE)
CLASS_ATTRIBUTE = re.compile(r"\bclass=\"([^\"]*)\"")
IMAGE = re.compile(r"!\[(?:\\.|[^\]\\])*\]\((?:\\.|[^)\\])*\)")
FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
LIST_TYPES = ("bullet_list", "ordered_list")


@dataclass(frozen=True, kw_only=True)
class Block:
    line: int  # 1-based, in the file
    context: tuple[str, ...] = ()  # the class attributes of the <div> elements around the block, outermost first

    def within(self, name: str) -> bool:
        """Whether a surrounding <div> has the class `name`."""
        return any(name in classes.split() for classes in self.context)


@dataclass(frozen=True, kw_only=True)
class Heading(Block):
    level: int
    text: str


@dataclass(frozen=True, kw_only=True)
class Paragraph(Block):
    text: str


@dataclass(frozen=True)
class Item:
    text: str
    children: tuple[Item, ...] = ()
    line: int = 0  # where the item starts (0: the list's line)


@dataclass(frozen=True, kw_only=True)
class ListBlock(Block):
    items: tuple[Item, ...]  # a numbered list's own items without their numbers (nested ones start with theirs)
    marker: str = "-"  # "*" (or a numbered list's "1)"): Marp shows the items one at a time
    start: int | None = None  # a numbered list: its first number

    def typed_numbers(self) -> tuple[Item, ...]:
        """The items, a numbered list's with their numbers typed in front ("1. …"): for places without numbering."""
        return self.items if self.start is None else _numbers_typed(self.items, self.start)


@dataclass(frozen=True, kw_only=True)
class Table(Block):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, kw_only=True)
class Quote(Block):
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Code(Block):
    language: str
    code: str


@dataclass(frozen=True, kw_only=True)
class Math(Block):
    latex: str


@dataclass(frozen=True, kw_only=True)
class Image(Block):
    src: str
    alt: str  # as written: Marp's keywords (bg, w:300, left:40% …) are words of it


@dataclass(frozen=True, kw_only=True)
class Html(Block):
    html: str


@dataclass(frozen=True, kw_only=True)
class Comment(Block):
    body: str


@dataclass(frozen=True, kw_only=True)
class Rule(Block):
    pass


@dataclass(frozen=True)
class Source:
    path: Path
    front_matter: dict[str, object]
    front_matter_line: int  # the line of the opening ---, 0 without front matter
    blocks: tuple[Block, ...]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def read_source(path: Path) -> Source:
    """The file's front matter and blocks; a located DeckError for front matter YAML cannot read and
    for a code fence that is never closed."""
    try:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise DeckError(f"not UTF-8 text (byte {exc.start}): save the deck as UTF-8", Location(path)) from None
    except OSError as exc:
        raise DeckError(f"cannot read the deck: {exc.strerror}", Location(path)) from None
    lines = text.split("\n")
    front, start = _front_matter(path, lines)
    body = "\n".join(lines[start:])
    _check_fences(path, body, start)
    return Source(path, front, 1 if start else 0, read_blocks(body, path, start))


def read_blocks(markdown: str, path: Path, offset: int) -> tuple[Block, ...]:
    """The blocks of Markdown that starts `offset` lines into `path` (a deck, or a markmap fence in it)."""
    walker = _Walker(path, offset)
    walker.walk(SyntaxTreeNode(_parser().parse(markdown)).children)
    return tuple(walker.blocks)


def _front_matter(path: Path, lines: list[str]) -> tuple[dict[str, object], int]:
    """The YAML between a first line `---` and the next `---` (or `...`), and the index of the line after
    it; a block that YAML reads as anything but a mapping is not front matter (a Markdown rule and text)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, 0
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise DeckError(
            f"the front matter is not valid YAML ({problem}): write one 'key: value' per line between the two "
            "'---' lines, and quote values that contain ': ' or start with a special character",
            Location(path, line, col),
        ) from None
    if data is None:
        return {}, end + 1
    if not isinstance(data, dict):
        return {}, 0
    return {str(k): v for k, v in data.items()}, end + 1


def _check_fences(path: Path, body: str, offset: int) -> None:
    """A code fence that is never closed swallows the rest of the deck: a located error instead. markdown-it
    says where each fence ends; one at the top level that runs to the end of the body without a closing line
    is unclosed (one left open in a list item or a quote ends with it, as Marp shows it)."""
    lines = body.split("\n")
    counted = len(lines) - body.endswith("\n")  # markdown-it's lines: a final newline ends the last one
    for token in _parser().parse(body):
        if token.type != "fence" or token.level != 0 or token.map is None or token.map[1] < counted:
            continue
        first, last = token.map[0], token.map[1] - 1
        opening, closing = FENCE_OPEN.match(lines[first]), FENCE_OPEN.match(lines[last])
        assert opening is not None  # markdown-it opened a fence on this line
        fence = opening.group(1)
        closed = (
            last > first
            and closing is not None
            and closing.group(1)[0] == fence[0]
            and len(closing.group(1)) >= len(fence)
            and not lines[last][closing.end(1) :].strip()
        )
        if not closed:
            raise DeckError(
                f"the code fence {fence} opened here is never closed, so it would swallow the rest of the deck: "
                f"add a line {fence} where the code ends",
                Location(path, offset + first + 1, opening.start(1) + 1),
            )


@dataclass
class _Walker:
    path: Path
    offset: int  # lines before the body (front matter)
    blocks: list[Block] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)  # open <div> class attributes

    def line(self, node: SyntaxTreeNode) -> int:
        return (node.map[0] if node.map else 0) + self.offset + 1

    def add(self, block_type: type[Block], node: SyntaxTreeNode, **values: object) -> None:
        self.blocks.append(block_type(line=self.line(node), context=tuple(self.stack), **values))

    def walk(self, nodes: list[SyntaxTreeNode]) -> None:
        for node in nodes:
            self.node(node)

    def node(self, node: SyntaxTreeNode) -> None:
        kind = node.type
        if kind == "heading":
            text = self.comments_out(node, _inline(node))
            self.add(Heading, node, level=int(node.tag[1]), text=text)
        elif kind == "paragraph":
            self.paragraph(node)
        elif kind in LIST_TYPES:
            items = tuple(self.item(i) for i in node.children)
            marker = "*" if node.markup == ")" else node.markup or "-"
            start = _first_number(node) if kind == "ordered_list" else None
            self.add(ListBlock, node, items=items, marker=marker, start=start)
        elif kind == "blockquote":
            self.quote(node)
        elif kind in ("fence", "code_block"):
            info = node.info.strip().split()
            self.add(Code, node, language=info[0] if info else "", code=node.content)
        elif kind == "table":
            self.table(node)
        elif kind == "html_block":
            self.html(node, node.content)
        elif kind == "hr":
            self.add(Rule, node)

    def paragraph(self, node: SyntaxTreeNode) -> None:
        raw = self.comments_out(node, _inline(node))
        if raw.strip().startswith("$$") and raw.strip().endswith("$$") and len(raw.strip()) > 4:
            self.add(Math, node, latex=raw.strip()[2:-2].strip("\n"))
            return
        inline = node.children[0] if node.children else None
        for child in inline.children if inline else []:
            if child.type == "image":
                self.add(Image, node, src=str(child.attrs.get("src", "")), alt=_alt(child))
        text = IMAGE.sub("", raw).strip()
        if text:
            self.add(Paragraph, node, text=text)

    def quote(self, node: SyntaxTreeNode) -> None:
        """A blockquote's text up to its first list; that list and what follows it are blocks of their own
        (a list keeps its items and its numbers, as one after the quote does)."""
        children = node.children
        cut = next((n for n, c in enumerate(children) if c.type in LIST_TYPES), len(children))
        self.add(Quote, node, paragraphs=tuple(p for p in (_plain_block(c) for c in children[:cut]) if p))
        self.walk(children[cut:])

    def comments_out(self, node: SyntaxTreeNode, raw: str) -> str:
        """Inline HTML comments (`# <!-- fit --> Title`, a directive after text) become Comment blocks."""
        for found in COMMENT.finditer(raw):
            self.add(Comment, node, body=found.group(1))
        return COMMENT.sub("", raw).strip()

    def items(self, node: SyntaxTreeNode) -> tuple[Item, ...]:
        """A list's items; those of a numbered list start with their numbers, as the reader saw them."""
        items = tuple(self.item(i) for i in node.children)
        return _numbers_typed(items, _first_number(node)) if node.type == "ordered_list" else items

    def item(self, node: SyntaxTreeNode) -> Item:
        texts: list[str] = []
        children: list[Item] = []
        for child in node.children:
            if child.type in LIST_TYPES:
                children += self.items(child)
            elif child.type in ("paragraph", "heading"):
                texts.append(self.comments_out(child, _inline(child)))
            else:
                texts.append(_plain_block(child))
        return Item(" ".join(t for t in texts if t), tuple(children), self.line(node))

    def table(self, node: SyntaxTreeNode) -> None:
        rows = [
            tuple(_inline(cell) for cell in row.children)
            for part in node.children
            for row in part.children
            if row.type == "tr"
        ]
        if rows:
            self.add(Table, node, header=rows[0], rows=tuple(rows[1:]))

    def html(self, node: SyntaxTreeNode, html: str) -> None:
        for found in COMMENT.finditer(html):
            self.add(Comment, node, body=found.group(1))
        rest = COMMENT.sub("", html)
        context = tuple(self.stack)
        for tag in DIV_TAG.finditer(rest):
            if tag.group().startswith("</"):
                if self.stack:
                    self.stack.pop()
            else:
                classes = CLASS_ATTRIBUTE.search(tag.group(1) or "")
                self.stack.append(classes.group(1) if classes else "")
        for empty in EMPTY_DIV.finditer(rest):  # a shape of lecturedeck's graphics (a quiz's right answer)
            self.blocks.append(Html(line=self.line(node), context=context, html=empty.group()))
        rest = DIV_TAG.sub("", EMPTY_DIV.sub("", rest))
        if rest.strip():
            self.blocks.append(Html(line=self.line(node), context=context, html=rest.strip()))


def _inline(node: SyntaxTreeNode) -> str:
    """The source of a node's inline content (markup kept, line breaks as new lines)."""
    inline = node.children[0] if node.children else None
    return (inline.content if inline is not None else node.content).strip()


def _alt(image: SyntaxTreeNode) -> str:
    return "".join(c.content for c in image.children if c.type in ("text", "code_inline")) or image.content


def _plain_block(node: SyntaxTreeNode) -> str:
    """A block inside a quote or a list item as one text: paragraphs as written, list items one per line."""
    if node.type in ("paragraph", "heading"):
        return _inline(node)
    if node.type in LIST_TYPES:
        return " ".join(_plain_block(i) for i in node.children)
    if node.children:
        return " ".join(t for t in (_plain_block(c) for c in node.children) if t)
    return node.content.strip()


def _first_number(node: SyntaxTreeNode) -> int:
    """The number an ordered list starts at."""
    return int(str(node.attrs.get("start", 1)))


def _numbers_typed(items: tuple[Item, ...], first: int) -> tuple[Item, ...]:
    """A numbered list's items with their numbers typed in front ("1. …"), counting from `first`."""
    return tuple(Item(f"{first + n}. {i.text}", i.children, i.line) for n, i in enumerate(items))
