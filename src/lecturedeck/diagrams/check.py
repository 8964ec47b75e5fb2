"""Plan-time checks of diagram and mind-map slides (their kinds' `check`), located in the user's YAML file:
mermaid outside the supported subset or over its size limits, and drawings too big for one slide at the
theme's minimum text size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lecturedeck.diagrams.mermaid import MermaidError, parse_flowchart
from lecturedeck.errors import DeckError, Location
from lecturedeck.outline.yaml_source import KeyPath, SourceMap
from lecturedeck.plan import model as m
from lecturedeck.themes import Theme

if TYPE_CHECKING:
    from lecturedeck.plan.geometry import Box


def check_diagram(spec: object, slide: m.Slide, theme: Theme, lang: str, source: SourceMap, at: KeyPath) -> None:
    """Raise a DeckError at file:line:col when a diagram's mermaid is outside the supported subset or over
    its limits (found while parsing, before any layout), or when no arrangement draws it on the slide with
    every text at least the theme's sizes.min."""
    mermaid: str = spec.mermaid  # type: ignore[attr-defined]
    try:
        graph = parse_flowchart(mermaid)
    except MermaidError as exc:
        where = mermaid_location(source, (*at, "mermaid"), exc.line, exc.col)
        raise DeckError(f"mermaid: {exc.message}", where) from None
    from lecturedeck.diagrams.flowchart import fit_mermaid  # deferred: grandalf, only for decks with a flowchart

    block, box = _drawing(slide, theme, lang)
    assert isinstance(block, m.DiagramBlock)
    fitted = fit_mermaid(block.mermaid, theme, box.w, box.h)
    if fitted.readable:
        return
    n = len(graph.nodes)
    problem = (
        f"diagram too big for one slide: its {n} nodes fit the slide only with text of "
        f"{fitted.layout.smallest_text:.0f} px, below the theme's minimum of {theme.sizes.min:g} px, even wrapped into "
        f"rows or turned; split it into two diagrams on two slides (e.g. the first {(n + 1) // 2} nodes and the other "
        f"{n // 2}), or shorten the node and link texts"
    )
    raise DeckError(problem, mermaid_location(source, (*at, "mermaid"), 1, 1))


def check_mindmap(spec: object, slide: m.Slide, theme: Theme, lang: str, source: SourceMap, at: KeyPath) -> None:
    """Raise a DeckError at the mind map's `items` when no arrangement draws it on the slide with every text
    at least the theme's sizes.min."""
    from lecturedeck.diagrams.tree import fit_mindmap

    block, box = _drawing(slide, theme, lang)
    assert isinstance(block, m.MindmapBlock)
    fitted = fit_mindmap(block, theme, box.w, box.h)
    if fitted.readable:
        return
    problem = (
        f"mind map too big for one slide: its {len(fitted.layout.nodes)} topics fit the slide only with text of "
        f"{fitted.layout.smallest_text:.0f} px, below the theme's minimum of {theme.sizes.min:g} px; split it into two "
        "mind maps on two slides (some branches on each), or shorten the texts"
    )
    raise DeckError(problem, source.locate((*at, "items")))


def _drawing(slide: m.Slide, theme: Theme, lang: str) -> tuple[m.Block, Box]:
    """The slide's drawing and the box it gets (the body under the slide's title, less the caption or link)."""
    from lecturedeck.diagrams.area import drawing_box  # deferred: the measuring code
    from lecturedeck.plan.geometry import body_box
    from lecturedeck.plan.measure import measurer

    block = next(b for b in slide.blocks if isinstance(b, m.DiagramBlock | m.MindmapBlock))
    ms = measurer(theme)
    lines = ms.slide_title_lines(slide, slide.title)
    return block, drawing_box(ms, block, body_box(theme, lines), lang)


def mermaid_location(source: SourceMap, key: KeyPath, line: int, col: int) -> Location:
    """Map (line, col) inside the mermaid text to the YAML file: a block scalar (`|`) starts on the
    next line at its indentation; the first line of a quoted scalar where its value starts (after the quote),
    its other lines where the scalar starts; a plain scalar line by line."""
    value = source.locate(key)
    try:
        lines = value.path.read_text(encoding="utf-8").split("\n")
        head = lines[value.line - 1][value.col - 1 :]
    except (OSError, IndexError, UnicodeDecodeError):
        return value
    if head[:1] in ("|", ">"):
        body = [t for t in lines[value.line :] if t.strip()]
        indent = len(body[0]) - len(body[0].lstrip(" ")) if body else 0
        return Location(value.path, value.line + line, indent + col)
    quote = 1 if head[:1] in ("'", '"') else 0
    if line == 1:
        return Location(value.path, value.line, value.col + quote + col - 1)
    if quote:  # a quoted scalar's other lines are \n escapes or folded blank lines: where it starts
        return value
    return Location(value.path, value.line + line - 1, col)
