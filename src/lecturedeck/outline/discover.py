"""Finding courses: a course is a folder with a course.yaml (light on imports: a build with nothing to do
finds its courses without loading the outline schema)."""

from __future__ import annotations

from collections.abc import Iterable
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


def course_folders(paths: Iterable[Path]) -> list[Path]:
    """The course folders `paths` name: a course folder or its course.yaml is one course; a folder without a
    course.yaml stands for every course one level below it (as ./slides does for a plain `deck build`)."""
    folders: list[Path] = []
    for path in paths:
        if path.is_dir() and not (path / COURSE_FILE).is_file():
            found = discover_courses(path)
            if not found:
                raise DeckError(
                    f"no course found in {path}: looked for {path / COURSE_FILE} and {path / '*' / COURSE_FILE}; "
                    f"pass a course folder (one with {COURSE_FILE}) or a folder of course folders, "
                    "or create a course with 'deck new NAME'"
                )
            folders += [course.parent for course in found]
        else:
            folders.append(find_course_file(path).parent)
    return folders
