"""Plan-time validation of diagram slides: mermaid errors located in the user's YAML file."""

from __future__ import annotations

from lecturedeck.diagrams.mermaid import MermaidError, parse_flowchart
from lecturedeck.errors import DeckError, Location
from lecturedeck.outline import schema as s
from lecturedeck.outline.yaml_source import KeyPath, SourceMap


def check_diagram(spec: s.SlideSpec, source: SourceMap, at: KeyPath) -> None:
    """Raise a DeckError at file:line:col when a diagram slide's mermaid is outside the supported subset."""
    if not isinstance(spec, s.DiagramSlide):
        return
    try:
        parse_flowchart(spec.mermaid)
    except MermaidError as exc:
        where = mermaid_location(source, (*at, "mermaid"), exc.line, exc.col)
        raise DeckError(f"mermaid: {exc.message}", where) from None


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
