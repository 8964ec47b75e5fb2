"""lecturedeck: structured course outlines (YAML) → Marp markdown, HTML and editable PPTX."""

__version__ = "0.1.0"
