"""A ```markmap fence (a mind map written as Markdown headings and lists) → a mindmap slide of its first
two levels, then a bullets slide for each main branch with everything under it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lecturedeck.importer.read import Heading, Item, ListBlock, Paragraph, read_blocks

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)
MOST_TOPICS = 32  # a two-level mind map stays readable on a slide (kinds/mindmap: 8 branches of 3 are)


@dataclass
class Topic:
    text: str
    line: int
    children: list[Topic] = field(default_factory=list)

    def item(self, depth: int | None) -> Item:
        """The topic as a list item, its sub-topics `depth` levels deep (None: all of them)."""
        if depth is not None and depth <= 1:
            return Item(self.text, line=self.line)
        return Item(self.text, tuple(c.item(None if depth is None else depth - 1) for c in self.children), self.line)

    def count(self, depth: int) -> int:
        return sum(1 + (c.count(depth - 1) if depth > 1 else 0) for c in self.children)


def markmap_tree(code: str, path: Path, line: int, fallback: str) -> Topic:
    """The fence's topics under one root: its single `#` heading, else its front matter's title, else
    `fallback` (the slide's title)."""
    found = FRONT_MATTER.match(code)
    title = TITLE.search(found.group(1)) if found else None
    skipped = found.group(0).count("\n") if found else 0
    root = Topic(title.group(1).strip().strip("\"'") if title else fallback, line)
    path_of: list[tuple[int, Topic]] = [(0, root)]  # (heading level, topic) from the root down
    for block in read_blocks(code[found.end() if found else 0 :], path, line + skipped):
        if isinstance(block, Heading):
            if block.level == 1 and len(path_of) == 1 and not root.children:
                root.text, root.line = block.text, block.line
                continue
            while len(path_of) > 1 and path_of[-1][0] >= block.level:
                path_of.pop()
            topic = Topic(block.text, block.line)
            path_of[-1][1].children.append(topic)
            path_of.append((block.level, topic))
        elif isinstance(block, ListBlock):
            path_of[-1][1].children += [_topic(i, block.line) for i in block.items]
        elif isinstance(block, Paragraph):
            path_of[-1][1].children.append(Topic(block.text, block.line))
    return root


def _topic(item: Item, line: int) -> Topic:
    return Topic(item.text, item.line or line, [_topic(c, line) for c in item.children])


def overview_depth(root: Topic) -> int:
    """How many levels of the tree the mind map slide shows: two when they stay readable, else one."""
    return 2 if root.count(2) <= MOST_TOPICS else 1
