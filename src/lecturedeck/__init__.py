"""lecturedeck: structured course outlines (YAML) → Marp markdown, HTML and editable PPTX."""

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it from here)
