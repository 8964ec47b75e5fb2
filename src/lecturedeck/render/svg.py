"""Layouts → standalone SVG documents in the theme's colours and fonts (no external resources).

The HTML shows them as images; every colour and the font stack come from the theme tokens.
"""

from __future__ import annotations

from html import escape

from lecturedeck.diagrams.base import LINE_HEIGHT, Label
from lecturedeck.diagrams.flowchart import FlowchartLayout, PlacedEdge, PlacedNode
from lecturedeck.diagrams.style import branch_colors, flowchart_style, mindmap_style
from lecturedeck.diagrams.tree import ROOT_SCALE, TreeLayout, link_ends
from lecturedeck.plan.geometry import Box
from lecturedeck.themes import Theme


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _document(width: float, height: float, theme: Theme, lang: str, body: list[str], title: str) -> str:
    style = f"text {{ font-family: {theme.css_font_stack()}; }}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
            f'viewBox="0 0 {_num(width)} {_num(height)}" xml:lang="{escape(lang)}" role="img">',
            f"<title>{escape(title, quote=False)}</title>",
            f"<style>{escape(style, quote=False)}</style>",
            *body,
            "</svg>",
            "",
        ]
    )


def text_lines(label: Label, x: float, top: float, color: str, anchor: str = "middle") -> str:
    """A label's lines as one <text>, each line a <tspan>, starting at `top`."""
    pitch = label.size * LINE_HEIGHT
    weight = ' font-weight="700"' if label.bold else ""
    spans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(top + pitch * (i + 0.5))}">{escape(line, quote=False)}</tspan>'
        for i, line in enumerate(label.lines)
    )
    return (
        f'<text font-size="{_num(label.size)}" fill="{color}" text-anchor="{anchor}" '
        f'dominant-baseline="central"{weight}>{spans}</text>'
    )


def _shape(node: PlacedNode, fill: str, stroke: str, width: float) -> str:
    r = node.rect
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{_num(width)}"'
    if node.shape == "diamond":
        pts = [(r.cx, r.y), (r.right, r.cy), (r.cx, r.bottom), (r.x, r.cy)]
        return f'<polygon points="{" ".join(f"{_num(x)},{_num(y)}" for x, y in pts)}" {paint}/>'
    if node.shape == "circle":
        return f'<ellipse cx="{_num(r.cx)}" cy="{_num(r.cy)}" rx="{_num(r.w / 2)}" ry="{_num(r.h / 2)}" {paint}/>'
    radius = {"round": min(r.h / 4, 12 * width), "stadium": r.h / 2}.get(node.shape, 2.0)
    return f'<rect {_rect_attrs(r)} rx="{_num(radius)}" {paint}/>'


def _rect_attrs(r: Box) -> str:
    return f'x="{_num(r.x)}" y="{_num(r.y)}" width="{_num(r.w)}" height="{_num(r.h)}"'


def _edge(edge: PlacedEdge, color: str, width: float, background: str, text: str) -> list[str]:
    dash = {"dotted": f' stroke-dasharray="{_num(width * 3)} {_num(width * 3)}"'}.get(edge.style, "")
    stroke_w = width * (2 if edge.style == "thick" else 1)
    marker = ' marker-end="url(#arrow)"' if edge.arrow else ""
    pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in edge.points)
    out = [
        f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{_num(stroke_w)}"'
        f' stroke-linejoin="round"{dash}{marker}/>'
    ]
    if edge.label and edge.label_rect:
        out.append(f'<rect {_rect_attrs(edge.label_rect)} rx="3" fill="{background}"/>')
        out.append(text_lines(edge.label, edge.label_rect.cx, edge.label_rect.y, text))
    return out


def flowchart_svg(layout: FlowchartLayout, theme: Theme, lang: str, title: str) -> str:
    """The laid-out flowchart as an SVG document of the layout's size."""
    st = flowchart_style(theme, layout.size)
    arrow = st.line_width * 4
    body = [
        "<defs>",
        f'<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
        f'markerWidth="{_num(arrow)}" markerHeight="{_num(arrow)}" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{st.line}"/></marker>',
        "</defs>",
    ]
    for g in layout.groups:
        body.append(f'<rect {_rect_attrs(g.rect)} rx="8" fill="{st.group_fill}" stroke="{st.group_line}"/>')
        pad = g.label.size * 0.5
        body.append(text_lines(g.label, g.rect.x + pad, g.rect.y + pad * 0.5, st.group_text, "start"))
    for e in layout.edges:
        body += _edge(e, st.line, st.line_width, theme.colors.background, st.label_text)
    for n in layout.nodes:
        fill, stroke = st.node_colors(n.shape)
        body.append(_shape(n, fill, stroke, st.node_line_width))
        body.append(text_lines(n.label, n.rect.cx, n.rect.cy - n.label.h / 2, st.node_text))
    return _document(layout.width, layout.height, theme, lang, body, title)


def mindmap_svg(layout: TreeLayout, theme: Theme, lang: str, title: str) -> str:
    """The laid-out mind map: root box, branch boxes in branch colours, curved links, leaf text."""
    c = theme.colors
    colors = branch_colors(theme)
    st = mindmap_style(layout.nodes[0].label.size / ROOT_SCALE)  # from the branch text size
    body = []
    for parent, child in layout.links():
        color = colors[child.branch % len(colors)]
        (x0, y0), (x1, y1) = link_ends(parent, child)
        mid = (x0 + x1) / 2
        width = st.branch_link if child.depth == 1 else st.link
        body.append(
            f'<path d="M{_num(x0)},{_num(y0)} C{_num(mid)},{_num(y0)} {_num(mid)},{_num(y1)} {_num(x1)},{_num(y1)}" '
            f'fill="none" stroke="{color}" stroke-width="{_num(width)}" stroke-linecap="round"/>'
        )
    for n in layout.nodes:
        r = n.rect
        if n.depth == 0:
            body.append(f'<rect {_rect_attrs(r)} rx="{_num(r.h / 4)}" fill="{c.heading}"/>')
            body.append(text_lines(n.label, r.cx, r.cy - n.label.h / 2, c.background))
        elif n.depth == 1:
            color = colors[n.branch % len(colors)]
            stroke = _num(st.branch_outline)
            body.append(
                f'<rect {_rect_attrs(r)} rx="{_num(r.h / 3)}" fill="{c.background}" stroke="{color}" '
                f'stroke-width="{stroke}"/>'
            )
            body.append(text_lines(n.label, r.cx, r.cy - n.label.h / 2, c.text))
        else:
            pad = (r.w - n.label.w) / 2
            body.append(text_lines(n.label, r.x + pad, r.cy - n.label.h / 2, c.text, "start"))
    return _document(layout.width, layout.height, theme, lang, body, title)
