"""Finding courses: a course is a folder with a course.yaml (light on imports: a build with nothing to do
finds its courses without loading the outline schema)."""

from __future__ import annotations

from pathlib import Path

from lecturedeck.errors import DeckError

COURSE_FILE = "course.yaml"


def find_course_file(path: Path) -> Path:
    """Accept a course folder or its course.yaml."""
    if path.is_dir():
        path = path / COURSE_FILE
    if not path.is_file():
        raise DeckError(
            f"no course found at {path}: create it with 'deck new NAME' or pass a folder with {COURSE_FILE}"
        )
    return path


def discover_courses(root: Path) -> list[Path]:
    """Every course.yaml one level below root (the default: ./slides/*/course.yaml)."""
    return sorted(root.glob(f"*/{COURSE_FILE}"))
