"""Mind map: a root topic and nested branches (up to 4 levels), laid out as a tree, drawn as an SVG
image (HTML) and native shapes (PPTX), with an interactive markmap page linked under it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.bullets import list_item
from lecturedeck.layout.drawing import layout_drawing
from lecturedeck.outline.fields import BulletItem, Item, SlideBase, Text, nested_at_most
from lecturedeck.plan.model import Block, MindmapBlock

MAX_MINDMAP_DEPTH = 4


class MindmapSlide(SlideBase):
    """A tree: the root topic and nested branches (like a markmap outline)."""

    kind: Literal["mindmap"]
    root: Text
    items: list[BulletItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _max_depth(cls, items: list[Item]) -> list[Item]:
        problem = f"mind map branches nest at most {MAX_MINDMAP_DEPTH} levels below the root"
        return nested_at_most(items, MAX_MINDMAP_DEPTH, problem)


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
)
