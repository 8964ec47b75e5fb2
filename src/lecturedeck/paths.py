"""Where the package finds its templates and themes (the repository root in a checkout)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = PROJECT_ROOT / "templates"
THEMES_DIR = PROJECT_ROOT / "assets" / "themes"
