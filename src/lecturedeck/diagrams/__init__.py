"""Diagram and mind-map slides: a mermaid flowchart parser, layouts, SVG drawings and markmap pages."""
