"""Mind map: a root topic and nested branches (up to 4 levels), laid out as a tree, drawn as an SVG
image (HTML) and native shapes (PPTX), with an interactive markmap page linked under it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from lecturedeck.diagrams.check import check_mindmap
from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.bullets import list_item
from lecturedeck.layout.drawing import layout_drawing
from lecturedeck.outline.fields import BulletItem, Item, SlideBase, Text, nested_at_most
from lecturedeck.plan.model import Block, MindmapBlock

MAX_MINDMAP_DEPTH = 4
# Measured on the lecture theme's body at its 18 px minimum: 22 branches of one topic are drawn at 19 px,
# 24 below 18 px; 8 branches of 3 topics (32 in all) at 25 px, 8 of 5 (48) below 18 px.
MAX_MINDMAP_BRANCHES = 22  # sub-topics of one topic
MAX_MINDMAP_TOPICS = 60  # below the root, in all


class MindmapSlide(SlideBase):
    """A tree: the root topic and nested branches (like a markmap outline)."""

    kind: Literal["mindmap"]
    root: Text
    items: list[BulletItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _max_depth(cls, items: list[Item]) -> list[Item]:
        problem = f"mind map branches nest at most {MAX_MINDMAP_DEPTH} levels below the root"
        return _at_most_topics(nested_at_most(items, MAX_MINDMAP_DEPTH, problem))


def _at_most_topics(items: list[Item]) -> list[Item]:
    """The items, if no topic has more than MAX_MINDMAP_BRANCHES sub-topics and there are at most
    MAX_MINDMAP_TOPICS in all; a validation error saying the limit and the fix otherwise."""
    total, pending = 0, [items]
    while pending:
        level = pending.pop()
        if len(level) > MAX_MINDMAP_BRANCHES:
            raise ValueError(
                f"a topic has {len(level)} branches, and a mind map shows at most {MAX_MINDMAP_BRANCHES} per topic "
                "readably on one slide: group them under fewer topics, or split the mind map over several slides"
            )
        total += len(level)
        pending += [i.items for i in level if i.items]
    if total > MAX_MINDMAP_TOPICS:
        raise ValueError(
            f"the mind map has {total} topics, and at most {MAX_MINDMAP_TOPICS} stay readable on one slide: split it "
            "into several mind maps on several slides (some branches on each)"
        )
    return items


def plan(spec: MindmapSlide, folder: Path) -> tuple[Block, ...]:
    return (MindmapBlock(parse_inline(spec.root), tuple(list_item(i.text, i.items) for i in spec.items)),)


KIND = Kind(
    name="mindmap",
    spec=MindmapSlide,
    block=MindmapBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout_drawing,
    pptx="lecturedeck.kinds.mindmap.pptx:add_mindmap",
    fills_box=True,
    check=check_mindmap,
)
