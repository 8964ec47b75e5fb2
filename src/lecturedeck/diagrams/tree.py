"""Mind-map layout: one column per level, each parent centred on its children; text measured with the
theme's fonts and the whole tree fitted to a box.

Two arrangements are tried and the one that keeps the larger text wins: the root on the left with
every branch to its right, or the root in the centre with the branches split between both sides
(balanced by height, order kept: the first branches on the right, the rest on the left).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache, partial

from lecturedeck.diagrams.base import Fitted, Label, fit_best, measure_label
from lecturedeck.inline import Inline
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import ListItem, MindmapBlock
from lecturedeck.themes import Theme

ROOT_SCALE = 1.15  # root text relative to branch text
LEVEL_EM = (7, 9, 11, 13, 13)  # text of a node at depth d wraps at this many em
# Narrower wraps tried (× LEVEL_EM, never narrower than a node's longest word) and the px of text size
# each must gain to be chosen.
WRAPS = ((0.0, 1.0), (0.5, 0.85), (1.0, 0.7))
PAD_EM = (0.6, 0.45, 0.25, 0.25, 0.25)  # padding around a node's text, by depth
COMPACT_PAD_EM = 0.1  # the compact arrangement: unboxed text (depth 2 and more) closer together
COMPACT_GAP_EM = 0.2  # and the gap between siblings (else 0.35 em)
PENALTY_COMPACT = 0.5


@dataclass(frozen=True)
class TreeNode:
    rect: Box
    label: Label
    depth: int  # 0 = root
    branch: int  # index of the top-level branch it belongs to (-1 for the root)
    parent: int  # index of the parent in TreeLayout.nodes (-1 for the root)
    side: int = 1  # 1: right of the root (links leave a parent's right side), -1: left of it


@dataclass(frozen=True)
class TreeLayout:
    width: float
    height: float
    nodes: tuple[TreeNode, ...]  # depth-first: root first, each parent before its children

    @property
    def text_size(self) -> float:
        return self.nodes[0].label.size / ROOT_SCALE  # branch and leaf text

    @property
    def smallest_text(self) -> float:
        return min(n.label.size for n in self.nodes)

    def scaled(self, s: float, dx: float, dy: float) -> TreeLayout:
        nodes = tuple(replace(n, rect=n.rect.scaled(s, dx, dy), label=n.label.scaled(s)) for n in self.nodes)
        return TreeLayout(self.width * s + 2 * dx, self.height * s + 2 * dy, nodes)

    def links(self) -> list[tuple[TreeNode, TreeNode]]:
        return [(self.nodes[n.parent], n) for n in self.nodes if n.parent >= 0]


def link_ends(parent: TreeNode, child: TreeNode) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a link leaves the parent and reaches the child: the sides facing each other."""
    if child.side == 1:
        return (parent.rect.right, parent.rect.cy), (child.rect.x, child.rect.cy)
    return (parent.rect.x, parent.rect.cy), (child.rect.right, child.rect.cy)


@lru_cache(maxsize=64)
def fit_mindmap(block: MindmapBlock, theme: Theme, width: float, height: float) -> Fitted[TreeLayout]:
    """The arrangement (one-sided or two-sided, normal or narrower text) and size that show the largest
    text in width × height px, never below sizes.min while `readable` (see base.fit_best)."""
    tried = [
        (penalty + PENALTY_COMPACT * compact, partial(_natural, block, theme, two_sided=two, wrap=w, compact=compact))
        for compact in (False, True)
        for penalty, w in WRAPS
        for two in (False, True)
    ]
    return fit_best(tried, theme, width, height)


def layout_mindmap(block: MindmapBlock, theme: Theme, width: float, height: float) -> TreeLayout:
    return fit_mindmap(block, theme, width, height).layout


@dataclass
class _Box:
    label: Label
    w: float
    h: float
    depth: int
    branch: int
    children: list[_Box]
    subtree_h: float = 0.0


def _natural(
    block: MindmapBlock, theme: Theme, size: float, two_sided: bool = False, wrap: float = 1.0, compact: bool = False
) -> TreeLayout:
    measure = measurer(theme)
    vgap, hgap = (COMPACT_GAP_EM if compact else 0.35) * size, 2.2 * size

    def make(spans: Inline, children: tuple[ListItem, ...], depth: int, branch: int) -> _Box:
        text_size = size * ROOT_SCALE if depth == 0 else size
        label = measure_label(measure, spans, text_size, LEVEL_EM[depth] * wrap * size, bold=depth <= 1)
        pad = (COMPACT_PAD_EM if compact and depth >= 2 else PAD_EM[depth]) * size
        kids = [make(c.text, c.children, depth + 1, i if depth == 0 else branch) for i, c in enumerate(children)]
        box = _Box(label, label.w + 2 * pad, label.h + 2 * pad, depth, branch, kids)
        box.subtree_h = max(box.h, _stack_h(kids, vgap))
        return box

    root = make(block.root, block.branches, 0, -1)
    split = _split(root.children, vgap) if two_sided else len(root.children)
    sides = {1: root.children[:split], -1: root.children[split:]}
    columns: dict[tuple[int, int], float] = {}  # (side, depth) → column width

    def widths(box: _Box, side: int) -> None:
        columns[side, box.depth] = max(columns.get((side, box.depth), 0.0), box.w)
        for k in box.children:
            widths(k, side)

    for side, kids in sides.items():
        for k in kids:
            widths(k, side)
    left_w = sum(w + hgap for (side, _), w in columns.items() if side == -1)
    edges = {(0, 0): left_w}  # (side, depth) → the column's edge nearest the root
    for side in (1, -1):
        x = left_w + root.w / 2 + side * (root.w / 2 + hgap)
        for depth in range(1, 1 + max((d for (sd, d) in columns if sd == side), default=0)):
            edges[side, depth] = x
            x += side * (columns[side, depth] + hgap)
    height = max(root.h, *(_stack_h(kids, vgap) for kids in sides.values()))
    nodes: list[TreeNode] = [TreeNode(Box(left_w, (height - root.h) / 2, root.w, root.h), root.label, 0, -1, -1)]

    def place(box: _Box, top: float, parent: int, side: int) -> None:
        cy = top + box.subtree_h / 2
        index = len(nodes)
        edge = edges[side, box.depth]
        x = edge if side == 1 else edge - box.w
        nodes.append(TreeNode(Box(x, cy - box.h / 2, box.w, box.h), box.label, box.depth, box.branch, parent, side))
        place_all(box.children, cy, index, side)

    def place_all(kids: list[_Box], cy: float, parent: int, side: int) -> None:
        y = cy - _stack_h(kids, vgap) / 2
        for k in kids:
            place(k, y, parent, side)
            y += k.subtree_h + vgap

    for side, kids in sides.items():
        place_all(kids, height / 2, 0, side)
    width = max(n.rect.right for n in nodes)
    return TreeLayout(width, height, tuple(nodes))


def _stack_h(boxes: list[_Box], gap: float) -> float:
    return sum(b.subtree_h for b in boxes) + gap * max(0, len(boxes) - 1)


def _split(branches: list[_Box], gap: float) -> int:
    """How many of the first branches go right so that both sides are about as tall."""
    if len(branches) < 2:
        return len(branches)
    return min(range(1, len(branches)), key=lambda k: abs(_stack_h(branches[:k], gap) - _stack_h(branches[k:], gap)))
