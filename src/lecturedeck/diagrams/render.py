"""What the Marp renderer and the build need for diagram and mind-map slides.

The HTML shows each drawing as an SVG image file next to the deck (`images/`): marp-cli runs without
`--html`, so inline <svg> is not allowed, and markdown-it refuses `data:image/svg+xml` URLs. Each file
is named by a digest of its content; `asset_url` (the same as for images) gives its URL and
`graphic_files` the files the build writes.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from lecturedeck.diagrams.flowchart import layout_mermaid
from lecturedeck.diagrams.mermaid import parse_flowchart
from lecturedeck.diagrams.svg import flowchart_svg, mindmap_svg
from lecturedeck.diagrams.tree import layout_mindmap
from lecturedeck.inline import Inline, plain_text, text_span
from lecturedeck.mathtext import height_steps
from lecturedeck.plan import model as m
from lecturedeck.plan.geometry import Box, body_box
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import MATH_ROW_EM, block_gap
from lecturedeck.render.marp_escape import image_alt, to_markdown
from lecturedeck.themes import Theme, load_theme

Graphic = m.DiagramBlock | m.MindmapBlock
MINDMAP_LINK = {
    "zh": "打开交互式思维导图",
    "ja": "インタラクティブなマインドマップを開く",
    "en": "Open the interactive mind map",
}


def mindmap_link_label(lang: str) -> str:
    return MINDMAP_LINK.get(lang.split("-")[0], MINDMAP_LINK["en"])


def below_height(theme: Theme, block: Graphic, lang: str, width: float) -> float:
    """Height of what stands under the drawing (caption or link), gap included; 0 if nothing."""
    measure = measurer(theme)
    text: Inline = block.caption if isinstance(block, m.DiagramBlock) else ()
    if isinstance(block, m.MindmapBlock):
        text = text_span(mindmap_link_label(lang))
    if not plain_text(text):
        return 0.0
    return measure.text_height(text, width, size=theme.sizes.small) + block_gap(theme)


def drawing_box(theme: Theme, block: Graphic, box: Box, lang: str) -> Box:
    """The part of a block's box the drawing gets: the box less the caption or link below it."""
    return Box(box.x, box.y, box.w, max(box.h - below_height(theme, block, lang, box.w), box.h * 0.5))


def alt_text(block: Graphic) -> str:
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


@lru_cache(maxsize=64)
def _svg(block: Graphic, theme: Theme, box: Box, lang: str) -> str:
    title = alt_text(block)
    if isinstance(block, m.DiagramBlock):
        return flowchart_svg(layout_mermaid(block.mermaid, theme, box.w, box.h), theme, lang, title)
    return mindmap_svg(layout_mindmap(block, theme, box.w, box.h), theme, lang, title)


def graphic_svg(deck: m.Deck, slide: m.Slide, block: Graphic) -> tuple[Path, str, Box]:
    """(virtual path for asset_url, SVG text, drawing box) of a graphic block on a slide."""
    theme = load_theme(deck.theme)
    box = drawing_box(theme, block, body_box(theme, slide.title_lines), deck.lang)
    svg = _svg(block, theme, box, deck.lang)
    kind = "diagram" if isinstance(block, m.DiagramBlock) else "mindmap"
    digest = hashlib.sha256(svg.encode()).hexdigest()[:12]
    return Path(f"{kind}-{digest}.svg"), svg, box


def graphic_files(deck: m.Deck) -> dict[Path, str]:
    """Every SVG file a deck's markdown refers to (virtual path → SVG text)."""
    out: dict[Path, str] = {}
    for slide in deck.slides:
        for block in slide.blocks:
            if isinstance(block, Graphic):
                path, svg, _ = graphic_svg(deck, slide, block)
                out[path] = svg
    return out


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


def mindmap_link(deck: m.Deck, block: m.MindmapBlock) -> str:
    """The markdown link from a mind-map slide to its interactive page."""
    return f"[{to_markdown(text_span(mindmap_link_label(deck.lang)))}]({mindmap_page(deck, block)})"


def math_height_steps(deck: m.Deck, block: m.MathBlock) -> int:
    """The height a display formula gets (class math-h-N of templates/css/math.css.j2), the same as the fit
    step and the PPTX picture: mathtext.height_steps."""
    return height_steps(block.latex, load_theme(deck.theme).sizes.base, MATH_ROW_EM)


# Globals for templates/marp/blocks/diagram.md.j2, mindmap.md.j2 and math.md.j2 (registered in
# render/markdown.py).
TEMPLATE_GLOBALS = {
    "graphic_svg": graphic_svg,
    "graphic_alt": lambda block: image_alt(alt_text(block)),
    "mindmap_link": mindmap_link,
    "math_height_steps": math_height_steps,
}
