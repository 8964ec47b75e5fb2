"""A small parser for mermaid flowcharts (`graph` / `flowchart`) into a graph model.

Supported: a `graph|flowchart [LR|RL|TD|TB|BT]` header; nodes `A`, `A[rect]`, `A(round)`, `A{diamond}`,
`A((circle))`, `A([stadium])` with plain or `"quoted"` text; links `-->`, `---`, `-.->`, `-.-`, `==>`, `===`
(longer forms too), labels as `-- text -->` or `-->|text|`; chains `A --> B --> C` and `A & B --> C`;
`subgraph id [title]` … `end`; `%%` comments; `;` between statements. Styling statements (`classDef`,
`class`, `style`, `linkStyle`, `direction`, `:::name`) are accepted and ignored: the theme styles the drawing.
Everything else raises MermaidError with a 1-based line and column in the source.

A graph is at most MAX_NODES nodes and MAX_LINKS links, no node with more than MAX_NODE_LINKS links: more
is never readable on one slide (see README, Diagrams), and the parser stops at the first node or link
over a limit, so no amount of mermaid costs more than reading it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Direction = Literal["LR", "RL", "TB", "BT"]
Shape = Literal["rect", "round", "diamond", "circle", "stadium"]
LineStyle = Literal["solid", "dotted", "thick"]

DIRECTIONS = {"LR": "LR", "RL": "RL", "TB": "TB", "TD": "TB", "BT": "BT"}
IGNORED_STATEMENTS = ("classDef", "class", "style", "linkStyle", "direction", "click")
OTHER_DIAGRAMS = (
    "sequenceDiagram", "classDiagram", "stateDiagram", "stateDiagram-v2", "erDiagram", "gantt", "pie",
    "journey", "gitGraph", "mindmap", "timeline", "quadrantChart", "requirementDiagram", "C4Context",
    "sankey-beta", "xychart-beta", "block-beta",
)  # fmt: skip

# Node shapes: opening delimiter → (closing delimiter, shape). Longest openers first.
SHAPES: tuple[tuple[str, str, Shape], ...] = (
    ("((", "))", "circle"),
    ("([", "])", "stadium"),
    ("[", "]", "rect"),
    ("(", ")", "round"),
    ("{", "}", "diamond"),
)
UNSUPPORTED_SHAPES = ("[[", "[(", "{{", "[/", "[\\", ">", "(((")
NODE_ID = re.compile(r"[\w\u00b7]+")
# A link: the operator, with its text inline (`-- text -->`) or after it (`-->|text|`).
LINK_PLAIN = re.compile(r"(?P<op>-{2,}>|-{3,}|-\.+->|-\.+-|={2,}>|={3,})")
LINK_INLINE = re.compile(
    r"(?P<open>--|-\.|==)(?![->.=])\s*(?P<text>[^|]+?)\s*(?P<op>-{2,}>|-{3,}|\.-+>|\.-+|={2,}>|={3,})"
)
UNSUPPORTED_LINKS = re.compile(r"<-+>|<=+>|--[ox]|==[ox]|-\.-?[ox]|~~~")
# Measured on the lecture theme's 16:9 body at its 18 px minimum: a chain of 40 short nodes is drawn at
# 26 px, one node fanning out to 20 at 20 px, a 20-node graph of 40 links at 19 px; a fan-out of 24, or
# 30 nodes with 60 links, is below 18 px in every arrangement.
MAX_NODES = 40
MAX_LINKS = 60
MAX_SUBGRAPH_DEPTH = 6  # subgraphs inside subgraphs: deeper is unreadable (and recursed 1,000 deep)
MAX_NODE_LINKS = 20  # links to and from one node
SPLIT_HINT = "split it into several diagrams on several slides"


class MermaidError(ValueError):
    """A problem at (line, col) of the mermaid source (both 1-based)."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.message}"


@dataclass
class Node:
    id: str
    label: str
    shape: Shape = "rect"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    style: LineStyle = "solid"
    arrow: bool = True


@dataclass
class Subgraph:
    id: str
    title: str
    nodes: list[str] = field(default_factory=list)  # ids of the nodes first used inside it
    parent: str | None = None  # the enclosing subgraph


@dataclass
class Graph:
    direction: Direction = "TB"
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    subgraphs: list[Subgraph] = field(default_factory=list)

    @property
    def horizontal(self) -> bool:
        return self.direction in ("LR", "RL")

    def links_of(self, node: str) -> int:
        """How many links start or end at the node."""
        return sum((e.source == node) + (e.target == node) for e in self.edges)


@dataclass
class _Cursor:
    """One statement being read: its text, where it sits in the source, and a read position."""

    text: str
    line: int
    offset: int  # column (0-based) of text[0] in the source line
    pos: int = 0

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    @property
    def done(self) -> bool:
        return self.pos >= len(self.text)

    def error(self, message: str, pos: int | None = None) -> MermaidError:
        return MermaidError(message, self.line, self.offset + (self.pos if pos is None else pos) + 1)


def parse_flowchart(source: str) -> Graph:
    """Parse mermaid flowchart source; raises MermaidError for anything outside the supported subset."""
    graph = Graph()
    stack: list[Subgraph] = []
    header_seen = False
    for number, raw in enumerate(source.split("\n"), start=1):
        for text, offset in _statements(raw):
            cursor = _Cursor(text, number, offset)
            if not header_seen:
                _header(cursor, graph)
                header_seen = True
            else:
                _statement(cursor, graph, stack)
    if not header_seen:
        raise MermaidError("empty diagram: start with 'graph LR' or 'graph TD'", 1, 1)
    if stack:
        raise MermaidError(f"subgraph '{stack[-1].id}' is never closed: add 'end'", source.count("\n") + 1, 1)
    if not graph.nodes:
        raise MermaidError("the diagram has no nodes", 1, 1)
    return graph


def _statements(line: str) -> list[tuple[str, int]]:
    """The statements of one source line (split at `;` outside quotes), without comments and blanks."""
    if line.lstrip().startswith("%%"):
        return []
    out, start, quoted = [], 0, False
    for i, ch in enumerate(line + ";"):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            part = line[start:i]
            if part.strip():
                lead = len(part) - len(part.lstrip())
                out.append((part.strip(), start + lead))
            start = i + 1
    return out


def _header(cursor: _Cursor, graph: Graph) -> None:
    words = cursor.text.split()
    if words[0] not in ("graph", "flowchart"):
        kind = "'" + words[0] + "' diagrams are" if words[0] in OTHER_DIAGRAMS else "this is"
        raise cursor.error(f"{kind} not supported: a diagram slide takes a mermaid flowchart ('graph LR' / 'graph TD')")
    if len(words) > 2:
        raise cursor.error(f"unexpected '{words[2]}' after the diagram direction", cursor.text.index(words[2], 5))
    if len(words) == 2:
        if words[1] not in DIRECTIONS:
            where = cursor.text.index(words[1], len(words[0]))
            raise cursor.error(f"unknown direction '{words[1]}': use LR, RL, TD, TB or BT", where)
        graph.direction = DIRECTIONS[words[1]]  # type: ignore[assignment]


def _statement(cursor: _Cursor, graph: Graph, stack: list[Subgraph]) -> None:
    word = cursor.text.split()[0]
    if word == "end":
        if not stack:
            raise cursor.error("'end' without a matching 'subgraph'")
        if cursor.text != "end":
            raise cursor.error("unexpected text after 'end'", 3)
        stack.pop()
        return
    if word == "subgraph":
        _subgraph(cursor, graph, stack)
        return
    if word in IGNORED_STATEMENTS and not _is_node_statement(cursor.text):
        return
    _chain(cursor, graph, stack)


def _is_node_statement(text: str) -> bool:
    """`class --> x` uses a node named like a keyword; `class a,b big` is a styling statement."""
    rest = text.split(None, 1)[1] if " " in text else ""
    return bool(LINK_PLAIN.match(rest) or LINK_INLINE.match(rest))


def _subgraph(cursor: _Cursor, graph: Graph, stack: list[Subgraph]) -> None:
    cursor.pos = len("subgraph")
    cursor.skip_space()
    rest = cursor.text[cursor.pos :]
    if not rest:
        raise cursor.error("a subgraph needs a name: 'subgraph id [title]'")
    match = NODE_ID.match(rest)
    if match and rest[match.end() :].lstrip().startswith("[") and rest.endswith("]"):
        sub_id = match.group()
        title = _unquote(rest[match.end() :].strip()[1:-1].strip())
    else:  # `subgraph Some title` or `subgraph "Some title"`: the title is the id
        sub_id = title = _unquote(rest)
    if any(s.id == sub_id for s in graph.subgraphs):
        raise cursor.error(f"subgraph '{sub_id}' is defined twice")
    if len(stack) == MAX_SUBGRAPH_DEPTH:
        raise cursor.error(
            f"subgraphs are nested more than {MAX_SUBGRAPH_DEPTH} deep: draw the inner ones as another diagram"
        )
    sub = Subgraph(sub_id, title, parent=stack[-1].id if stack else None)
    graph.subgraphs.append(sub)
    stack.append(sub)


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def _chain(cursor: _Cursor, graph: Graph, stack: list[Subgraph]) -> None:
    """`group (link group)*` where a group is `node (& node)*`."""
    previous = _group(cursor, graph, stack)
    while True:
        cursor.skip_space()
        if cursor.done:
            return
        start = cursor.pos
        label, style, arrow = _link(cursor)
        cursor.skip_space()
        if cursor.done:
            raise cursor.error("a link needs a node after it")
        current = _group(cursor, graph, stack)
        loops = [a for a in previous if a in current]
        if loops:
            raise cursor.error(f"node '{loops[0]}' links to itself: self-loops are not supported", start)
        _check_links(cursor, graph, previous, current, start)
        graph.edges.extend(Edge(a, b, label, style, arrow) for a in previous for b in current)
        previous = current


def _check_links(cursor: _Cursor, graph: Graph, sources: list[str], targets: list[str], at: int) -> None:
    """Refuse the links `sources` → `targets` (before making them) if the graph would exceed a limit."""
    if len(graph.edges) + len(sources) * len(targets) > MAX_LINKS:
        raise cursor.error(
            f"too many links: a diagram has at most {MAX_LINKS} links to stay readable on one slide; {SPLIT_HINT}", at
        )
    for node, added in (*((s, len(targets)) for s in sources), *((t, len(sources)) for t in targets)):
        if graph.links_of(node) + added > MAX_NODE_LINKS:
            raise cursor.error(
                f"node '{node}' has more than {MAX_NODE_LINKS} links: no slide shows that many readably; group its "
                f"neighbours into fewer nodes, or {SPLIT_HINT}",
                at,
            )


def _group(cursor: _Cursor, graph: Graph, stack: list[Subgraph]) -> list[str]:
    ids = [_node(cursor, graph, stack)]
    while True:
        saved = cursor.pos
        cursor.skip_space()
        if cursor.text.startswith("&", cursor.pos):
            cursor.pos += 1
            cursor.skip_space()
            ids.append(_node(cursor, graph, stack))
        else:
            cursor.pos = saved
            return ids


def _node(cursor: _Cursor, graph: Graph, stack: list[Subgraph]) -> str:
    match = NODE_ID.match(cursor.text, cursor.pos)
    if not match:
        found = cursor.text[cursor.pos : cursor.pos + 12]
        raise cursor.error(f"expected a node id, found '{found}'")
    node_id, start = match.group(), cursor.pos
    cursor.pos = match.end()
    label, shape = _shape(cursor)
    node = graph.nodes.get(node_id)
    if node is None and len(graph.nodes) >= MAX_NODES:
        raise cursor.error(
            f"too many nodes: '{node_id}' would be node {MAX_NODES + 1}, and a diagram has at most {MAX_NODES} "
            f"to stay readable on one slide; {SPLIT_HINT}",
            start,
        )
    if node is None:
        node = graph.nodes[node_id] = Node(node_id, label if label is not None else node_id, shape or "rect")
    elif label is not None:
        node.label, node.shape = label, shape or "rect"
    if cursor.text.startswith(":::", cursor.pos):  # a CSS class: styling, ignored
        cls = NODE_ID.match(cursor.text, cursor.pos + 3)
        cursor.pos = cls.end() if cls else cursor.pos + 3
    if stack and node_id not in stack[-1].nodes and not any(node_id in s.nodes for s in graph.subgraphs):
        stack[-1].nodes.append(node_id)
    return node_id


def _shape(cursor: _Cursor) -> tuple[str | None, Shape | None]:
    """The `[text]`-like part after a node id, if any: (label, shape)."""
    text, start = cursor.text, cursor.pos
    for opener in UNSUPPORTED_SHAPES:
        if text.startswith(opener, start):
            raise cursor.error(f"unsupported node shape '{opener}…': use [rect], (round), {{diamond}}, ((circle))")
    for opener, closer, shape in SHAPES:
        if not text.startswith(opener, start):
            continue
        body_start = start + len(opener)
        rest = text[body_start:]
        stripped = rest.lstrip()
        if stripped.startswith('"'):
            q0 = body_start + len(rest) - len(stripped)
            q1 = text.find('"', q0 + 1)
            if q1 < 0:
                raise cursor.error("unterminated quoted text: add the closing '\"'", q0)
            end = q1 + 1
            while end < len(text) and text[end] == " ":
                end += 1
            if not text.startswith(closer, end):
                raise cursor.error(f"expected '{closer}' after the quoted text", end)
            cursor.pos = end + len(closer)
            return text[q0 + 1 : q1], shape
        end = text.find(closer, body_start)
        if end < 0:
            raise cursor.error(f"missing '{closer}' to close this node's text", start)
        label = text[body_start:end].strip()
        if not label:
            raise cursor.error("empty node text", start)
        cursor.pos = end + len(closer)
        return label, shape
    return None, None


def _link(cursor: _Cursor) -> tuple[str, LineStyle, bool]:
    text, pos = cursor.text, cursor.pos
    bad = UNSUPPORTED_LINKS.match(text, pos)
    if bad:
        raise cursor.error(f"unsupported link '{bad.group()}': use -->, ---, -.->, ==> (optionally with |text|)")
    match = LINK_PLAIN.match(text, pos) or LINK_INLINE.match(text, pos)
    if not match:
        found = text[pos : pos + 12]
        raise cursor.error(f"expected a link such as '-->' or the end of the statement, found '{found}'")
    op = match.group("op")
    inline = match.groupdict().get("open")
    label = _unquote(match.group("text")) if inline else ""
    kind = inline or op
    style: LineStyle = "dotted" if "." in kind or "." in op else "thick" if kind.startswith("=") else "solid"
    arrow = op.endswith(">")
    cursor.pos = match.end()
    if text.startswith("|", cursor.pos):
        close = text.find("|", cursor.pos + 1)
        if close < 0:
            raise cursor.error("missing the closing '|' of the link text")
        label = _unquote(text[cursor.pos + 1 : close].strip())
        cursor.pos = close + 1
    return label, style, arrow
