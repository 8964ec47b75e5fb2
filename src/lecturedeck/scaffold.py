"""`deck new`: a small working course copied from templates/new-course/."""

from __future__ import annotations

from pathlib import Path

from lecturedeck.errors import DeckError
from lecturedeck.paths import TEMPLATES_DIR

SCAFFOLD_DIR = TEMPLATES_DIR / "new-course"


def scaffold_course(target: Path, title: str) -> list[Path]:
    """Create a course folder; refuses to touch a folder that already exists."""
    if target.exists():
        raise DeckError(f"{target} already exists: choose another name (nothing was changed)")
    target.mkdir(parents=True)
    created = []
    for source in sorted(SCAFFOLD_DIR.glob("*.yaml")):
        text = source.read_text(encoding="utf-8").replace("{title}", title.replace('"', "'"))
        destination = target / source.name
        destination.write_text(text, encoding="utf-8")
        created.append(destination)
    return created
