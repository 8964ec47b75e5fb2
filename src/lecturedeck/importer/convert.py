"""One titled part of a deck (a Marp slide, or a heading and what follows it) → outline slides.

Lists and paragraphs become bullets (text when there is no list); a blockquote a quote (a definition
when a list follows it or is in it; numbered bullets after the quote's text when that list is numbered);
tables, code, `$$` formulas, mermaid flowcharts and pictures their own kinds.
A slide that mixes kinds becomes several outline slides under the same title, in order; a picture or a
formula alone with text takes that text as its bullets (a formula keeps the paragraphs before it above it,
as its intro).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lecturedeck.diagrams.mermaid import MermaidError, parse_flowchart
from lecturedeck.importer.images import SHOWN, ImageStore, image_syntax, local_file
from lecturedeck.importer.inline import INLINE_TAG, code_text, notes_text, outline_text
from lecturedeck.importer.markmap import markmap_tree, overview_depth
from lecturedeck.importer.read import Block, Code, Heading, Html, Image, Item, ListBlock, Math, Paragraph, Quote, Table
from lecturedeck.importer.report import DeckReport
from lecturedeck.kinds.bullets import MAX_BULLET_DEPTH
from lecturedeck.kinds.mindmap import MAX_MINDMAP_BRANCHES
from lecturedeck.mathtext import math_error

Slide = dict[str, object]
STYLE = re.compile(r"^\s*<style\b", re.IGNORECASE)
UNSPACED_MARKER = re.compile(r"^\+(?=[^\s+])")
SOURCE_LINE = re.compile(r"^\s*(?:—|――|--|–|-)\s*(.+)$", re.DOTALL)


@dataclass
class Part:
    """A titled piece of the deck: its title (outline markup), heading level (7: a bold first line, 8: no
    title of its own) and blocks after the title, notes and Marp classes."""

    title: str
    level: int
    line: int
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    kind: str | None = None  # lecturedeck's own output: the kind the slide was built from


@dataclass
class Converter:
    folder: Path  # the deck's folder, where its pictures are
    images: ImageStore
    report: DeckReport
    prose_to_notes: bool = False
    fragments: bool = False  # a Marp deck: its `*` lists show their items one at a time

    def text(self, raw: str, line: int) -> str:
        return outline_text(raw, lambda message: self.report.warn(line, message))

    def paragraphs(self, blocks: Sequence[Block]) -> list[str]:
        """The outline text of the blocks' paragraphs (other blocks left out)."""
        return [self.text(b.text, b.line) for b in blocks if isinstance(b, Paragraph)]

    def slides(self, part: Part) -> list[Slide]:
        """The part's outline slides; its notes go on the first."""
        blocks = [b for block in part.blocks for b in self.usable(block)]
        extra_notes: list[str] = []
        if self.prose_to_notes and any(not isinstance(b, Paragraph) for b in blocks):
            extra_notes = [notes_text(INLINE_TAG.sub("", b.text)) for b in blocks if isinstance(b, Paragraph)]
            blocks = [b for b in blocks if not isinstance(b, Paragraph)]
        slides = [s for s in (_filled(s) for s in self.kinds(part.title, blocks)) if s is not None]
        notes = "\n\n".join(n.strip() for n in [*part.notes, *extra_notes] if n.strip())
        if slides and notes:
            slides[0]["notes"] = notes
        elif notes:
            self.report.warn(part.line, f"the notes of '{part.title}' have no slide to go on: kept as a text slide")
            slides = [{"kind": "text", "title": part.title, "paragraphs": [notes]}]
        elif not slides and part.title:
            self.report.warn(part.line, f"'{part.title}' has nothing under it: left out")
        return slides

    def usable(self, block: Block) -> Iterator[Block]:
        """The block, or what stands in for it: a heading inside a slide as a bold line, a missing picture
        as a visible placeholder, raw HTML as its text; each loss reported."""
        if isinstance(block, Heading):
            if block.text:
                yield Paragraph(
                    line=block.line, text=block.text if block.text.startswith("**") else f"**{block.text}**"
                )
        elif isinstance(block, Html):
            yield from self.html(block)
        elif isinstance(block, Image):
            yield from self.image(block)
        else:
            yield block

    def html(self, block: Html) -> Iterator[Block]:
        if STYLE.match(block.html):
            tag = "<style scoped>" if re.match(r"^\s*<style\s+scoped", block.html) else "<style>"
            self.report.warn(block.line, f"{tag} CSS not carried over: the theme styles every slide")
            return
        text = INLINE_TAG.sub(" ", block.html).strip()
        self.report.warn(block.line, "raw HTML not carried over" + (" (its text is kept)" if text else ""))
        if text:
            yield Paragraph(line=block.line, text=re.sub(r"\s+", " ", text))

    def image(self, block: Image) -> Iterator[Block]:
        path = local_file(block.src, self.folder)
        problem = None
        if path is None:
            problem = "a picture on the internet is not shown (built decks load nothing from the internet)"
        elif not path.is_file():
            problem = "image not found"
        elif path.suffix.lower() not in SHOWN:
            problem = f"{path.suffix} pictures are not shown (PNG, JPEG, GIF, BMP, TIFF or SVG are)"
        if problem is None:
            yield block
            return
        self.report.warn(
            block.line,
            f"{problem}: {block.src}; the slide shows a placeholder line instead: put the picture "
            "into the course's images/ folder and make the slide an image slide",
        )
        yield Paragraph(line=block.line, text=f"［图片缺失 / missing image: `{block.src}`］")

    def kinds(self, title: str, blocks: list[Block]) -> Iterator[Slide]:
        texts = [b for b in blocks if isinstance(b, Paragraph | ListBlock)]
        others = [b for b in blocks if not isinstance(b, Paragraph | ListBlock)]
        if len(others) == 1 and isinstance(others[0], Image | Math) and texts:
            slide = self.single(title, others[0])
            before = blocks[: blocks.index(others[0])]
            if slide.get("kind") == "math" and before and all(isinstance(b, Paragraph) for b in before):
                # the paragraphs leading into the formula ("…可以表示为：") stay above it
                slide = {"kind": "math", "title": title, "intro": self.paragraphs(before), "formula": slide["formula"]}
                texts = texts[len(before) :]
            if slide.get("kind") in ("image", "math") and texts:
                slide["items"] = self.items(texts)
            yield slide
            if slide.get("kind") not in ("image", "math"):
                yield self.text_slide(title, texts)
            return
        run: list[Block] = []
        pending_quote: Quote | None = None
        for block in [*blocks, None]:
            if isinstance(block, Paragraph | ListBlock):
                run.append(block)
                continue
            if run:
                if pending_quote is not None and any(isinstance(b, ListBlock) for b in run):
                    yield self.definition(title, pending_quote, run)
                else:
                    if pending_quote is not None:
                        yield self.quote(title, pending_quote)
                    yield self.text_slide(title, run)
                pending_quote, run = None, []
            elif pending_quote is not None:
                yield self.quote(title, pending_quote)
                pending_quote = None
            if isinstance(block, Quote):
                pending_quote = block
            elif isinstance(block, Code) and block.language.lower() == "markmap":
                yield from self.markmap(title, block)
            elif block is not None:
                yield self.single(title, block)

    def text_slide(self, title: str, run: Sequence[Block]) -> Slide:
        if any(isinstance(b, ListBlock) for b in run):
            # paragraphs leading into the one list after them stay paragraphs, above it (its intro)
            lead = len(run) - 1 if isinstance(run[-1], ListBlock) else 0
            if any(isinstance(b, ListBlock) for b in run[:lead]):
                lead = 0
            intro, listed = run[:lead], run[lead:]
            # one numbered list alone: numbered bullets (from its first number); mixed with text, typed numbers
            start = listed[0].start if len(listed) == 1 and isinstance(listed[0], ListBlock) else None
            slide: Slide = {"kind": "bullets", "title": title}
            if intro:
                slide["intro"] = self.paragraphs(intro)
            slide["items"] = self.items(listed, numbered=start is not None)
            if start is not None:
                slide["numbered"] = start if start > 1 else True
            if self.fragments and any(isinstance(b, ListBlock) and b.marker == "*" for b in run):
                slide["reveal"] = True
            return slide
        return {"kind": "text", "title": title, "paragraphs": self.paragraphs(run)}

    def items(self, run: Sequence[Block], numbered: bool = False) -> list[object]:
        """The run's paragraphs and lists as outline items; a numbered list's numbers typed into its items' text
        unless `numbered` (the slide numbers them)."""
        out: list[object] = []
        for block in run:
            if isinstance(block, Paragraph):  # "+item" without its space was meant as an item too
                out.append(self.text(UNSPACED_MARKER.sub("", block.text), block.line))
            elif isinstance(block, ListBlock):
                listed = block.items if numbered else block.typed_numbers()
                out += [i for item in listed for i in self.item(item, block.line, 1)]
        return out

    def item(self, item: Item, line: int, level: int) -> list[object]:
        """An item and its children; levels below the deepest lecturedeck draws join the deepest."""
        line = item.line or line
        text = self.text(item.text, line)
        children = [c for child in item.children for c in self.item(child, line, level + 1)]
        if level >= MAX_BULLET_DEPTH:
            if level == MAX_BULLET_DEPTH and children:
                self.report.warn(line, f"items nested more than {level} levels deep are shown at level {level}")
            return [text, *children] if text else children
        if not text:
            return children
        return [{"text": text, "items": children}] if children else [text]

    def quote(self, title: str, block: Quote) -> Slide:
        paragraphs = list(block.paragraphs)
        text, _, last_line = paragraphs[-1].rpartition("\n")
        if text and SOURCE_LINE.match(last_line):  # `> words` then `> — source` on the next line: one paragraph
            paragraphs[-1:] = [text, last_line]
        source = SOURCE_LINE.match(paragraphs[-1]) if len(paragraphs) > 1 else None
        if source:
            paragraphs.pop()
        slide: Slide = {"kind": "quote", "title": title, "quote": self.text(" ".join(paragraphs), block.line)}
        if source:
            slide["source"] = self.text(source.group(1), block.line)
        return slide

    def definition(self, title: str, block: Quote, run: Sequence[Block]) -> Slide:
        """A quote and the list after it (or in it); a numbered list that ends the run is numbered bullets
        instead, the quote's text first in their intro (a definition's items are not numbered)."""
        text = " ".join(block.paragraphs)
        steps = self.text_slide(title, [*([Paragraph(line=block.line, text=text)] if text else []), *run])
        if steps.get("numbered"):
            return steps
        return {
            "kind": "definition",
            "title": title,
            "term": title,
            "definition": self.text(text, block.line),
            "items": self.items(run),
        }

    def single(self, title: str, block: Block) -> Slide:
        if isinstance(block, Table):
            return {
                "kind": "table",
                "title": title,
                "header": [self.text(c, block.line) for c in block.header],
                "rows": [[self.text(c, block.line) for c in row] for row in block.rows] or [["" for _ in block.header]],
            }
        if isinstance(block, Code):
            return self.code(title, block)
        if isinstance(block, Math):
            problem = math_error(block.latex)
            if problem is None:
                return {"kind": "math", "title": title, "formula": block.latex}
            self.report.warn(block.line, f"formula kept as a LaTeX listing: {problem.splitlines()[0]}")
            return {"kind": "code", "title": title, "language": "latex", "code": block.latex}
        if isinstance(block, Image):
            return self.picture(title, block)
        assert isinstance(block, Quote)
        return self.quote(title, block)

    def code(self, title: str, block: Code) -> Slide:
        code = code_text(block.code.rstrip("\n").replace("\r", "")) or " "
        if block.language.lower() == "mermaid":
            try:
                parse_flowchart(code)
                return {"kind": "diagram", "title": title, "mermaid": code}
            except MermaidError as exc:
                self.report.warn(
                    block.line,
                    f"mermaid kept as a listing: lecturedeck draws flowcharts (graph LR/TD) only ({exc.message})",
                )
        return {"kind": "code", "title": title, "language": block.language or "text", "code": code}

    def markmap(self, title: str, block: Code) -> Iterator[Slide]:
        """A mind map of the fence's first levels, then each main branch with all under it as bullets."""
        root = markmap_tree(block.code, self.report.path, block.line, title)
        if not root.children:
            yield self.code(title, block)
            return
        branches = root.children[:MAX_MINDMAP_BRANCHES]
        if len(root.children) > len(branches):
            self.report.warn(block.line, f"the mind map shows its first {len(branches)} branches (all are bullets)")
        depth = overview_depth(root)
        items = [i for topic in branches for i in self.item(topic.item(depth), topic.line, 1)]
        yield {"kind": "mindmap", "title": title, "root": self.text(root.text, root.line), "items": items}
        for topic in root.children:
            if topic.children:
                rest = [i for c in topic.children for i in self.item(c.item(None), c.line, 1)]
                yield {"kind": "bullets", "title": self.text(topic.text, topic.line), "items": rest}

    def picture(self, title: str, block: Image) -> Slide:
        path = local_file(block.src, self.folder)
        assert path is not None
        syntax = image_syntax(block.alt)
        if syntax.dropped:
            self.report.warn(block.line, f"image keywords not carried over: {' '.join(syntax.dropped)}")
        placement = (syntax.side or "background") if syntax.background else "full"
        slide: Slide = {
            "kind": "image",
            "title": title,
            "src": self.images.add(path),
            "alt": self.text(syntax.alt, block.line) or path.stem,
            "placement": placement,
        }
        if syntax.width is not None and placement != "background":
            slide["width"] = round(max(0.2, min(1.0, syntax.width)), 2)
        return slide


NEEDS = {"text": "paragraphs", "bullets": "items", "quote": "quote"}  # what a slide of the kind cannot lack


def _filled(slide: Slide) -> Slide | None:
    """The slide without empty lines (text that was only markup or HTML); None when it has nothing left to
    show, and a definition without its text as bullets."""
    for key in ("paragraphs", "items"):
        if key in slide:
            slide[key] = [line for line in slide[key] if line]  # type: ignore[attr-defined]
    if slide["kind"] == "definition" and not slide["definition"]:
        slide = {"kind": "bullets", "title": slide["title"], "items": slide["items"]}
    need = NEEDS.get(str(slide["kind"]))
    return None if need and not slide[need] else slide
