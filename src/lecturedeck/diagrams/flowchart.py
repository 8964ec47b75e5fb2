"""Flowchart layout: grandalf's Sugiyama (layered) layout of a parsed mermaid graph, sized from
measured node text and fitted to a box."""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import pairwise
from typing import Any

from lecturedeck.diagrams.base import Fitted, Label, fit_best, measure_label
from lecturedeck.diagrams.mermaid import Direction, Graph, LineStyle, Shape, parse_flowchart
from lecturedeck.inline import text_span
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.measure import measurer
from lecturedeck.themes import Theme

Point = tuple[float, float]
NODE_TEXT_EM = 9  # node text wraps at this many em
EDGE_TEXT_EM = 7
LABEL_SCALE = 0.8  # edge labels and subgraph titles, relative to node text


@dataclass(frozen=True)
class Arrangement:
    """How a graph is drawn: its direction, the bands (rows of a left-right graph, columns of a
    top-down one) its layers are wrapped into, snake-wise, and the width node text wraps at."""

    direction: Direction
    bands: int = 1
    wrap_em: float = NODE_TEXT_EM
    stagger: bool = False  # every second node of a wide layer moved one layer on (two rows of a fan-out)


@dataclass(frozen=True)
class PlacedNode:
    id: str
    shape: Shape
    rect: Box
    label: Label


@dataclass(frozen=True)
class PlacedEdge:
    source: str
    target: str
    points: tuple[Point, ...]  # from the source's outline to the target's outline
    style: LineStyle
    arrow: bool
    label: Label | None = None
    label_rect: Box | None = None


@dataclass(frozen=True)
class PlacedGroup:
    id: str
    rect: Box
    label: Label
    depth: int = 0


@dataclass(frozen=True)
class FlowchartLayout:
    width: float
    height: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    groups: tuple[PlacedGroup, ...]
    size: float  # node font size
    horizontal: bool
    arrangement: Arrangement

    @property
    def text_size(self) -> float:
        return self.size

    @property
    def smallest_text(self) -> float:
        sizes = [n.label.size for n in self.nodes] + [g.label.size for g in self.groups]
        return min(sizes + [e.label.size for e in self.edges if e.label])

    def scaled(self, s: float, dx: float, dy: float) -> FlowchartLayout:
        def pt(p: Point) -> Point:
            return (p[0] * s + dx, p[1] * s + dy)

        return FlowchartLayout(
            self.width * s + 2 * dx,
            self.height * s + 2 * dy,
            tuple(replace(n, rect=n.rect.scaled(s, dx, dy), label=n.label.scaled(s)) for n in self.nodes),
            tuple(
                replace(
                    e,
                    points=tuple(pt(p) for p in e.points),
                    label=e.label.scaled(s) if e.label else None,
                    label_rect=e.label_rect.scaled(s, dx, dy) if e.label_rect else None,
                )
                for e in self.edges
            ),
            tuple(replace(g, rect=g.rect.scaled(s, dx, dy), label=g.label.scaled(s)) for g in self.groups),
            self.size * s,
            self.horizontal,
            self.arrangement,
        )

    @property
    def node(self) -> dict[str, PlacedNode]:
        return {n.id: n for n in self.nodes}


TURNED: dict[str, Direction] = {"LR": "TB", "RL": "BT", "TB": "LR", "BT": "RL"}
PENALTY_TURNED = 2.0  # px of text size a turned or wrapped drawing must gain over the author's own
PENALTY_BAND = 1.0  # per extra band
PENALTY_NARROW = 1.0
NARROW_EM = 6  # the narrower node text width tried
PENALTY_STAGGER = 1.0
WIDE_LAYER = 4  # a layer of this many nodes or more may be staggered


def arrangements(graph: Graph) -> list[tuple[float, Arrangement]]:
    """The arrangements tried, with their penalties: the author's direction first, then turned; each
    in one band and, for a graph of several layers without subgraphs, wrapped into 2… bands; a graph
    with a wide layer (a fan-out) also with that layer staggered over two."""
    layers = max(_ranks(graph).values(), default=0) + 1
    most = 1 if graph.subgraphs else max(1, min(layers // 2, max(2, math.ceil(math.sqrt(layers)) + 1)))
    staggers = (False, True) if _staggered(graph) else (False,)
    out = []
    rank = _ranks(graph)
    # wrapped only where every link between bands goes on to the next one or, closing a loop, back to the
    # one before (the snake puts a band's last layers next to the next band's first: a short line across
    # the gap); a link over a whole band would cross the drawing
    wraps = [
        b
        for b in range(1, most + 1)
        if all(abs(_band(rank[e.target], b, layers) - _band(rank[e.source], b, layers)) <= 1 for e in graph.edges)
    ]
    for turned, direction in ((False, graph.direction), (True, TURNED[graph.direction])):
        for bands in wraps:
            for stagger in staggers if bands == 1 else (False,):
                for wrap in (NODE_TEXT_EM, NARROW_EM):
                    penalty = PENALTY_TURNED * turned + PENALTY_BAND * (bands - 1)
                    penalty += PENALTY_NARROW * (wrap != NODE_TEXT_EM) + PENALTY_STAGGER * stagger
                    out.append((penalty, Arrangement(direction, bands, wrap, stagger)))
    return out


def _band(rank: int, bands: int, layers: int) -> int:
    """The band a layer goes into when `layers` layers are wrapped into `bands` bands."""
    return rank * bands // layers


def _staggered(graph: Graph) -> set[str]:
    """The nodes a staggered arrangement moves one layer on: every second node of each wide layer."""
    rank = _ranks(graph)
    layers: dict[int, list[str]] = {}
    for nid in graph.nodes:
        layers.setdefault(rank[nid], []).append(nid)
    return {nid for ids in layers.values() if len(ids) >= WIDE_LAYER for nid in ids[1::2]}


@lru_cache(maxsize=64)
def fit_mermaid(source: str, theme: Theme, width: float, height: float) -> Fitted[FlowchartLayout]:
    """Parse (already validated) mermaid source and lay it out in the arrangement and size that show
    the largest text in width × height px (see base.fit_best)."""
    graph = parse_flowchart(source)
    tried = arrangements(graph)
    return fit_best(
        [(penalty, partial(_natural, graph, theme, arrangement=arr)) for penalty, arr in tried], theme, width, height
    )


def layout_mermaid(source: str, theme: Theme, width: float, height: float) -> FlowchartLayout:
    """The drawing of a flowchart fitted to width × height px (text at least sizes.min whenever
    `fit_mermaid(...).readable`, which the planner checks)."""
    return fit_mermaid(source, theme, width, height).layout


def _node_size(shape: Shape, label: Label, size: float) -> tuple[float, float]:
    pad_x, pad_y = 0.8 * size, 0.45 * size
    tw, th = max(label.w, size), label.h
    if shape == "diamond":
        return tw * 1.5 + 2 * pad_x, th * 1.5 + 2 * pad_y
    if shape == "circle":
        d = math.hypot(tw, th) + pad_y * 2
        return d, d
    if shape == "stadium":
        return tw + th + 2 * pad_x, th + 2 * pad_y
    return tw + 2 * pad_x, th + 2 * pad_y


class _View:
    def __init__(self, w: float = 0, h: float = 0) -> None:
        self.w, self.h = w, h
        self.xy: Point = (0.0, 0.0)
        self.path: list[Point] = []

    def setpath(self, points: list[Point]) -> None:
        self.path = list(points)


def _ranks(graph: Graph) -> dict[str, int]:
    """Each node's layer: the longest path to it from a node without incoming links (links closing
    a cycle are left out, in source order)."""
    succ: dict[str, list[str]] = {nid: [] for nid in graph.nodes}
    for e in graph.edges:
        succ[e.source].append(e.target)
    state: dict[str, int] = {}  # 1 on the DFS stack, 2 done
    order: list[str] = []
    back: set[tuple[str, str]] = set()

    def visit(root: str) -> None:
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(succ[nxt])))

    for nid in graph.nodes:
        if nid not in state:
            visit(nid)
    rank = dict.fromkeys(graph.nodes, 0)
    for node in reversed(order):  # a topological order of the graph without back links
        for nxt in succ[node]:
            if (node, nxt) not in back:
                rank[nxt] = max(rank[nxt], rank[node] + 1)
    return rank


@lru_cache(maxsize=1)
def _grandalf() -> tuple[Any, Any, Any, Any]:
    """grandalf's Edge, Graph, Vertex and SugiyamaLayout, loaded only by decks with a flowchart, and without
    numpy: grandalf.utils.geometry imports numpy when it can (~0.12 s) for layouts and curves lecturedeck
    never uses (its DigcoLayout, spline routing); the Sugiyama layout does plain arithmetic either way. numpy
    is kept out whether or not something loaded it before (formulas), so every build computes the same."""
    saved = sys.modules.get("numpy")
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError: the fallback
    try:
        from grandalf.graphs import Edge, Graph, Vertex
        from grandalf.layouts import SugiyamaLayout
    finally:
        if saved is None:
            del sys.modules["numpy"]
        else:
            sys.modules["numpy"] = saved
    return Edge, Graph, Vertex, SugiyamaLayout


def _sugiyama(
    ids: list[str], links: list[tuple[str, str]], dims: dict[str, tuple[float, float]], hz: bool, gaps: Point
) -> tuple[dict[str, Point], list[list[Point]]]:
    """grandalf's layered layout of some nodes and links: node centres and link paths as (cross, along)
    points, layers along, components side by side across from 0."""
    GEdge, GGraph, Vertex, SugiyamaLayout = _grandalf()

    gap_nodes, gap_layers = gaps
    vertices = {nid: Vertex(nid) for nid in ids}
    for nid, v in vertices.items():  # grandalf lays layers out top to bottom: swap for LR/RL
        w, h = dims[nid]
        v.view = _View(h, w) if hz else _View(w, h)
    gedges = []
    for a, b in links:
        ge = GEdge(vertices[a], vertices[b])
        ge.view = _View()
        gedges.append(ge)
    offset, placed = 0.0, {}
    for component in GGraph(list(vertices.values()), gedges).C:
        sug = SugiyamaLayout(component)
        sug.xspace, sug.yspace = gap_nodes, gap_layers
        sug.init_all()
        sug.draw()
        left = min(v.view.xy[0] - v.view.w / 2 for v in component.sV)
        right = max(v.view.xy[0] + v.view.w / 2 for v in component.sV)
        for v in component.sV:
            placed[v.data] = (v.view.xy[0] - left + offset, v.view.xy[1])
        for ge in component.sE:
            ge.view.path = [(x - left + offset, y) for x, y in ge.view.path]
        offset += right - left + gap_nodes * 2
    paths = [list(ge.view.path) or [placed[a], placed[b]] for ge, (a, b) in zip(gedges, links, strict=True)]
    return placed, paths


def _natural(graph: Graph, theme: Theme, size: float, arrangement: Arrangement) -> FlowchartLayout | None:
    """The layout at font size `size`, unscaled, with its top-left corner at (0, 0); None for a wrapped
    arrangement where a straight link between bands would run through a node."""
    measure = measurer(theme)
    small = max(size * LABEL_SCALE, theme.sizes.min)
    wrap = arrangement.wrap_em * size
    labels = {n.id: measure_label(measure, text_span(n.label), size, wrap) for n in graph.nodes.values()}
    dims = {nid: _node_size(graph.nodes[nid].shape, lab, size) for nid, lab in labels.items()}
    edge_labels = [
        measure_label(measure, text_span(e.label), small, EDGE_TEXT_EM * size) if e.label else None for e in graph.edges
    ]
    direction = arrangement.direction
    hz = direction in ("LR", "RL")
    label_room = max(((lab.w if hz else lab.h) for lab in edge_labels if lab), default=0.0)
    gap_layers = max(2.2 * size, label_room + 1.2 * size)
    gap_nodes = 1.2 * size + (1.6 * small if graph.subgraphs else 0)
    links = [(e.source, e.target) for e in graph.edges]
    label_at: dict[int, Point] = {}  # links drawn through a staggered layer: their label's (cross, along) centre
    if arrangement.stagger:
        centres, paths, label_at = _stagger(graph, dims, hz, (gap_nodes, gap_layers))
    elif arrangement.bands <= 1:
        centres, paths = _sugiyama(list(graph.nodes), links, dims, hz, (gap_nodes, gap_layers))
    else:
        centres, paths = _banded(graph, dims, hz, (gap_nodes, gap_layers), arrangement.bands, edge_labels, size)
    # Map (cross, along) coordinates to the graph's direction.
    sign = -1 if direction in ("BT", "RL") else 1

    def to_xy(p: Point) -> Point:
        cross, along = p
        return (sign * along, cross) if hz else (cross, sign * along)

    rects = {}
    for nid, centre in centres.items():
        x, y = to_xy(centre)
        w, h = dims[nid]
        rects[nid] = Box(x - w / 2, y - h / 2, w, h)
    by_id = {nid: PlacedNode(nid, graph.nodes[nid].shape, rects[nid], labels[nid]) for nid in graph.nodes}
    nodes = list(by_id.values())
    edges = []
    for i, (e, raw, lab) in enumerate(zip(graph.edges, paths, edge_labels, strict=True)):
        path = [to_xy(p) for p in raw]
        path[0], path[-1] = (rects[e.source].cx, rects[e.source].cy), (rects[e.target].cx, rects[e.target].cy)
        points = _clip(path, by_id[e.source], by_id[e.target])
        label_rect = None
        if lab:
            mx, my = to_xy(label_at[i]) if i in label_at else _midpoint(points)
            pad = 0.25 * small
            label_rect = Box(mx - lab.w / 2 - pad, my - lab.h / 2, lab.w + 2 * pad, lab.h)
        edges.append(PlacedEdge(e.source, e.target, tuple(points), e.style, e.arrow, lab, label_rect))
    if arrangement.bands > 1 and _through_nodes(graph, edges, rects, arrangement.bands):
        return None
    edges = _separate_labels(edges, hz, 0.25 * small)
    groups = _groups(graph, rects, measure, small)
    layout = FlowchartLayout(0, 0, tuple(nodes), tuple(edges), tuple(groups), size, hz, arrangement)
    return _normalised(layout, size * 0.3)


def _banded(
    graph: Graph,
    dims: dict[str, tuple[float, float]],
    hz: bool,
    gaps: Point,
    bands: int,
    edge_labels: list[Label | None],
    size: float,
) -> tuple[dict[str, Point], list[list[Point]]]:
    """A long graph wrapped snake-wise into `bands` bands of consecutive layers, stacked across the
    flow: the first band runs forward, the second back, and so on; a link from one band to the next
    turns through the gap between them. Returns (cross, along) centres and link paths."""
    rank = _ranks(graph)
    layers = max(rank.values()) + 1
    band = {nid: _band(r, bands, layers) for nid, r in rank.items()}
    labels = zip(graph.edges, edge_labels, strict=True)
    crossing = [lab for e, lab in labels if lab and band[e.source] != band[e.target]]
    gap_bands = max(2.2 * size, max(((lab.h if hz else lab.w) for lab in crossing), default=0.0) + 1.6 * size)
    inside = [i for i, e in enumerate(graph.edges) if band[e.source] == band[e.target]]
    centres_out: dict[str, Point] = {}
    paths_out: dict[int, list[Point]] = {}
    placed = []
    for b in range(bands):
        ids = [nid for nid in graph.nodes if band[nid] == b]
        mine = [i for i in inside if band[graph.edges[i].source] == b]
        links = [(graph.edges[i].source, graph.edges[i].target) for i in mine]
        centres, paths = _sugiyama(ids, links, dims, hz, gaps)
        ext = [_extent(dims[nid], centres[nid], hz) for nid in ids]
        c0, c1 = min(e[0] for e in ext), max(e[1] for e in ext)
        a0, a1 = min(e[2] for e in ext), max(e[3] for e in ext)
        placed.append((ids, mine, centres, paths, c0, c1, a0, a1))
    length = max(a1 - a0 for *_, a0, a1 in placed)
    at, shift = 0.0, 0.0
    for b, (ids, mine, centres, paths, c0, c1, a0, _) in enumerate(placed):

        def move(p: Point, forward: bool = b % 2 == 0, c0: float = c0, a0: float = a0, at: float = at) -> Point:
            along = p[1] - a0
            return (p[0] - c0 + at, along if forward else length - along)

        # line the band's first node up with the node of the band before that links to it (the turn)
        turn = next((e for e in graph.edges if band[e.source] == b - 1 and band[e.target] == b), None)
        if turn is not None:
            shift = centres_out[turn.source][1] - move(centres[turn.target])[1]
        for nid in ids:
            c, a = move(centres[nid])
            centres_out[nid] = (c, a + shift)
        for i, path in zip(mine, paths, strict=True):
            paths_out[i] = [(c, a + shift) for c, a in map(move, path)]
        at += c1 - c0 + gap_bands
    out = []
    for i, e in enumerate(graph.edges):
        # links between bands are straight (the turn is lined up): the same line in the SVG and the PPTX
        out.append(paths_out.get(i) or [centres_out[e.source], centres_out[e.target]])
    return centres_out, out


def _stagger(
    graph: Graph, dims: dict[str, tuple[float, float]], hz: bool, gaps: Point
) -> tuple[dict[str, Point], list[list[Point]], dict[int, Point]]:
    """grandalf's layout with every second node of a wide layer one layer further on: each link into
    such a node from the layer before runs through an invisible point in the layer the node left, its
    label halfway to that point. Returns (cross, along) centres, link paths and the label centres of the
    links moved."""
    rank = _ranks(graph)
    moved = _staggered(graph)
    dims = dict(dims)
    links: list[tuple[str, str]] = []
    via: dict[int, str] = {}
    for i, e in enumerate(graph.edges):
        if e.target in moved and rank[e.source] == rank[e.target] - 1:
            point = f"\0via{i}"
            dims[point] = (1.0, 1.0)
            via[i] = point
            links += [(e.source, point), (point, e.target)]
        else:
            links.append((e.source, e.target))
    for nid in moved:  # a moved node without a link from the layer before: held back by a lone point
        if not any(graph.edges[i].target == nid for i in via):
            point = f"\0hold{nid}"
            dims[point] = (1.0, 1.0)
            links.append((point, nid))
    ids = [*graph.nodes, *(a for a, _ in links if a.startswith("\0") and a not in graph.nodes)]
    ids = list(dict.fromkeys(ids))
    centres, raw = _sugiyama(ids, links, dims, hz, gaps)
    by_link = dict(zip(links, raw, strict=True))
    paths = []
    for i, e in enumerate(graph.edges):
        if i in via:
            first, second = by_link[e.source, via[i]], by_link[via[i], e.target]
            paths.append([*first[:-1], centres[via[i]], *second[1:]])
        else:
            paths.append(by_link[e.source, e.target])
    nodes = {nid: centres[nid] for nid in graph.nodes}
    return nodes, paths, {i: _midpoint(by_link[graph.edges[i].source, point]) for i, point in via.items()}


def _through_nodes(graph: Graph, edges: list[PlacedEdge], rects: dict[str, Box], bands: int) -> bool:
    """Whether a link between two bands (drawn straight) runs through a node other than its ends."""
    rank = _ranks(graph)
    layers = max(rank.values()) + 1
    return any(
        _band(rank[e.source], bands, layers) != _band(rank[e.target], bands, layers)
        and any(
            _segment_hits(e.points[0], e.points[-1], r) for nid, r in rects.items() if nid not in (e.source, e.target)
        )
        for e in edges
    )


def _segment_hits(a: Point, b: Point, r: Box) -> bool:
    """Whether the segment a-b passes through the inside of a rectangle (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - r.x), (dx, r.right - a[0]), (-dy, a[1] - r.y), (dy, r.bottom - a[1])):
        if p == 0:
            if q <= 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t1 - t0 > 1e-9


def _extent(dim: tuple[float, float], centre: Point, hz: bool) -> tuple[float, float, float, float]:
    """(cross start, cross end, along start, along end) of a node centred at a (cross, along) point."""
    w, h = dim
    c, a = (h, w) if hz else (w, h)
    return centre[0] - c / 2, centre[0] + c / 2, centre[1] - a / 2, centre[1] + a / 2


def _separate_labels(edges: list[PlacedEdge], hz: bool, gap: float) -> list[PlacedEdge]:
    """Move an edge label off any label placed before it (e.g. A→B and B→A share a midpoint):
    across the flow, below for left-right graphs and to the right for top-down ones."""
    placed: list[Box] = []
    out = []
    for edge in edges:
        rect = edge.label_rect
        while rect is not None and any(rect.overlaps(other) for other in placed):
            rect = replace(rect, y=rect.y + rect.h + gap) if hz else replace(rect, x=rect.x + rect.w + gap)
        if rect is not None:
            placed.append(rect)
        out.append(replace(edge, label_rect=rect))
    return out


def _groups(graph: Graph, rects: dict[str, Box], measure, small: float) -> list[PlacedGroup]:
    """Subgraph frames around their nodes (and nested subgraphs), with the title on top."""
    children: dict[str | None, list[str]] = {}
    for sub in graph.subgraphs:
        children.setdefault(sub.parent, []).append(sub.id)
    by_id = {s.id: s for s in graph.subgraphs}
    out: dict[str, PlacedGroup] = {}

    def place(sid: str, depth: int) -> Box | None:
        sub = by_id[sid]
        inner = [rects[n] for n in sub.nodes]
        inner += [r for c in children.get(sid, []) if (r := place(c, depth + 1)) is not None]
        if not inner:
            return None
        label = measure_label(measure, text_span(sub.title), small, 1e6, bold=True)
        pad = 0.5 * small
        x0, y0 = min(r.x for r in inner) - pad, min(r.y for r in inner) - pad - label.h
        x1, y1 = max(r.right for r in inner) + pad, max(r.bottom for r in inner) + pad
        rect = Box(x0, y0, max(x1 - x0, label.w + 2 * pad), y1 - y0)
        out[sid] = PlacedGroup(sid, rect, label, depth)
        return rect

    for sid in children.get(None, []):
        place(sid, 0)
    return sorted(out.values(), key=lambda g: g.depth)


def _normalised(layout: FlowchartLayout, margin: float) -> FlowchartLayout:
    """Shift everything so the drawing's bounding box starts at (margin, margin)."""
    boxes = [n.rect for n in layout.nodes] + [g.rect for g in layout.groups]
    boxes += [e.label_rect for e in layout.edges if e.label_rect]
    xs = [p[0] for e in layout.edges for p in e.points]
    ys = [p[1] for e in layout.edges for p in e.points]
    x0 = min([b.x for b in boxes] + xs)
    y0 = min([b.y for b in boxes] + ys)
    x1 = max([b.right for b in boxes] + xs)
    y1 = max([b.bottom for b in boxes] + ys)
    moved = layout.scaled(1.0, margin - x0, margin - y0)
    return replace(moved, width=x1 - x0 + 2 * margin, height=y1 - y0 + 2 * margin)


def _midpoint(points: list[Point]) -> Point:
    """The point halfway along a polyline."""
    lengths = [math.dist(a, b) for a, b in pairwise(points)]
    half = sum(lengths) / 2
    for (a, b), seg in zip(pairwise(points), lengths, strict=True):
        if half <= seg and seg > 0:
            t = half / seg
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        half -= seg
    return points[-1]


def _clip(path: list[Point], source: PlacedNode, target: PlacedNode) -> list[Point]:
    """Trim a centre-to-centre path so it starts and ends on the nodes' outlines."""
    start = boundary_point(source, path[1])
    end = boundary_point(target, path[-2])
    return [start, *path[1:-1], end]


def boundary_point(node: PlacedNode, toward: Point) -> Point:
    """Where the ray from the node's centre toward a point leaves its outline."""
    r = node.rect
    dx, dy = toward[0] - r.cx, toward[1] - r.cy
    if dx == 0 and dy == 0:
        return (r.cx, r.cy)
    hw, hh = r.w / 2, r.h / 2
    if node.shape == "diamond":
        t = 1 / (abs(dx) / hw + abs(dy) / hh)
    elif node.shape == "circle":
        t = 1 / math.hypot(dx / hw, dy / hh)
    else:
        t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return (r.cx + dx * t, r.cy + dy * t)
