"""Plan-time validation of diagram and mind-map slides, located in the user's YAML file: mermaid outside
the supported subset, and drawings too big for one slide at the theme's minimum text size."""

from __future__ import annotations

from lecturedeck.diagrams.mermaid import MermaidError, parse_flowchart
from lecturedeck.errors import DeckError, Location
from lecturedeck.outline.yaml_source import KeyPath, SourceMap
from lecturedeck.plan import model as m
from lecturedeck.themes import Theme, load_theme


def check_diagram(
    spec: object,
    source: SourceMap,
    at: KeyPath,
    slide: m.Slide | None = None,
    theme: str | Theme | None = None,
    lang: str = "en",
) -> None:
    """Raise a DeckError at file:line:col when a diagram slide's mermaid is outside the supported subset,
    or (given the planned slide and the theme) when a diagram or mind map cannot be drawn on the slide
    with every text at least the theme's sizes.min in any arrangement."""
    kind = getattr(spec, "kind", "")
    if kind == "diagram":
        try:
            parse_flowchart(spec.mermaid)  # type: ignore[attr-defined]
        except MermaidError as exc:
            where = mermaid_location(source, (*at, "mermaid"), exc.line, exc.col)
            raise DeckError(f"mermaid: {exc.message}", where) from None
    if slide is None or theme is None or kind not in ("diagram", "mindmap"):
        return
    problem = too_big(slide, load_theme(theme) if isinstance(theme, str) else theme, lang)
    if problem:
        key = "mermaid" if kind == "diagram" else "items"
        where = mermaid_location(source, (*at, key), 1, 1) if key == "mermaid" else source.locate((*at, key))
        raise DeckError(problem, where)


def too_big(slide: m.Slide, theme: Theme, lang: str) -> str | None:
    """Why the slide's drawing cannot be shown readably (None if it can): what it needs and how to fix it."""
    # deferred: the layouts pull in the measuring code and (for flowcharts) grandalf
    from lecturedeck.diagrams.area import drawing_box
    from lecturedeck.diagrams.flowchart import fit_mermaid
    from lecturedeck.diagrams.tree import fit_mindmap
    from lecturedeck.plan.geometry import body_box
    from lecturedeck.plan.measure import measurer

    block = next((b for b in slide.blocks if isinstance(b, m.DiagramBlock | m.MindmapBlock)), None)
    if block is None:
        return None
    lines = max(slide.title_lines, measurer(theme).title_lines(slide.title))
    box = drawing_box(measurer(theme), block, body_box(theme, lines), lang)
    low = theme.sizes.min
    if isinstance(block, m.DiagramBlock):
        fitted = fit_mermaid(block.mermaid, theme, box.w, box.h)
        if fitted.readable:
            return None
        n = len(parse_flowchart(block.mermaid).nodes)
        shown = fitted.layout.smallest_text
        return (
            f"diagram too big for one slide: its {n} nodes fit the slide only with text of {shown:.0f} px, "
            f"below the theme's minimum of {low:g} px, even wrapped into rows or turned; split it into two "
            f"diagrams on two slides (e.g. the first {(n + 1) // 2} nodes and the other {n // 2}), or shorten "
            "the node and link texts"
        )
    fitted_map = fit_mindmap(block, theme, box.w, box.h)
    if fitted_map.readable:
        return None
    shown = fitted_map.layout.smallest_text
    return (
        f"mind map too big for one slide: its {len(fitted_map.layout.nodes)} topics fit the slide only with text "
        f"of {shown:.0f} px, below the theme's minimum of {low:g} px; split it into two mind maps on two "
        "slides (some branches on each), or shorten the texts"
    )


def mermaid_location(source: SourceMap, key: KeyPath, line: int, col: int) -> Location:
    """Map (line, col) inside the mermaid text to the YAML file: a block scalar (`|`) starts on the
    next line at its indentation; a one-line scalar where its value starts (after a quote)."""
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
    return Location(value.path, value.line + line - 1, col)
