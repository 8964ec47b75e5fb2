"""Diagram and mind-map drawings for the Marp deck: SVG files drawn from the laid-out frames.

The HTML shows each drawing as an SVG image file next to the deck (`images/`): marp-cli runs without
`--html`, so inline <svg> is not allowed, and markdown-it refuses `data:image/svg+xml` URLs. Each file
is named by a digest of its content; `asset_url` (the same as for images) gives its URL and
`drawing_files` the files the build writes. Mind maps also get an interactive markmap page
(convert/markmap.py), linked under the drawing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

from lecturedeck.diagrams.flowchart import FlowchartLayout
from lecturedeck.diagrams.mermaid import parse_flowchart
from lecturedeck.inline import plain_text
from lecturedeck.layout.model import DrawingGeometry, Frame, LaidOutDeck
from lecturedeck.plan import model as m
from lecturedeck.render.marp_escape import image_alt, to_markdown
from lecturedeck.render.svg import flowchart_svg, mindmap_svg
from lecturedeck.themes import load_theme

Drawing = m.DiagramBlock | m.MindmapBlock


def alt_text(block: Drawing) -> str:
    """The drawing's text for the image's alt attribute: every node label, in order."""
    if isinstance(block, m.DiagramBlock):
        graph = parse_flowchart(block.mermaid)
        arrows = [f"{graph.nodes[e.source].label} → {graph.nodes[e.target].label}" for e in graph.edges]
        lone = [n.label for n in graph.nodes.values() if not any(n.id in (e.source, e.target) for e in graph.edges)]
        return "; ".join([*arrows, *lone])
    parts: list[str] = []

    def walk(items: tuple[m.ListItem, ...]) -> None:
        for item in items:
            parts.append(plain_text(item.text))
            walk(item.children)

    walk(block.branches)
    return f"{plain_text(block.root)} — " + ", ".join(parts)


def drawing_svg(deck: m.Deck, frame: Frame) -> tuple[Path, str]:
    """(virtual path for asset_url, SVG text) of a laid-out drawing."""
    geometry = frame.detail
    assert isinstance(geometry, DrawingGeometry) and isinstance(frame.block, Drawing)
    theme, title = load_theme(deck.theme), alt_text(frame.block)
    if isinstance(geometry.layout, FlowchartLayout):
        svg, kind = flowchart_svg(geometry.layout, theme, deck.lang, title), "diagram"
    else:
        svg, kind = mindmap_svg(geometry.layout, theme, deck.lang, title), "mindmap"
    digest = hashlib.sha256(svg.encode()).hexdigest()[:12]
    return Path(f"{kind}-{digest}.svg"), svg


def drawing_files(laid: LaidOutDeck) -> dict[Path, str]:
    """Every SVG file a deck's markdown refers to (virtual path → SVG text)."""
    return dict(
        drawing_svg(laid.deck, frame)
        for slide in laid.slides
        for frame in slide.frames
        if isinstance(frame.detail, DrawingGeometry)
    )


def mindmap_blocks(deck: m.Deck) -> list[m.MindmapBlock]:
    """The deck's mind maps in order, each once (its page number is its position + 1)."""
    seen: list[m.MindmapBlock] = []
    for slide in deck.slides:
        for block in slide.blocks:
            if isinstance(block, m.MindmapBlock) and block not in seen:
                seen.append(block)
    return seen


def mindmap_page(deck: m.Deck, block: m.MindmapBlock) -> str:
    """File name of a mind map's interactive markmap page, next to the deck's HTML."""
    return f"{deck.stem}-mindmap-{mindmap_blocks(deck).index(block) + 1}.html"


def mindmap_link(deck: m.Deck, frame: Frame) -> str:
    """The markdown link from a mind-map slide to its interactive page."""
    geometry, block = frame.detail, frame.block
    assert isinstance(geometry, DrawingGeometry) and isinstance(block, m.MindmapBlock)
    return f"[{to_markdown(geometry.below_text)}](<{quote(mindmap_page(deck, block))}>)"


# Globals for kinds/diagram/slide.md.j2 and kinds/mindmap/slide.md.j2 (registered in render/markdown.py).
TEMPLATE_GLOBALS = {
    "drawing_svg": drawing_svg,
    "drawing_alt": lambda block: image_alt(alt_text(block)),
    "mindmap_link": mindmap_link,
}
