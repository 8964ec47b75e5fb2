"""Course folders written for a test: course.yaml listing the lecture files, the lectures, and any other files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal


def course_yaml(
    lectures: list[str],
    title: str = "Course",
    lang: str | None = "en",
    theme: str | None = None,
    listed: Literal["flow", "block"] = "flow",
) -> str:
    """course.yaml's text: `title`, then `lang` and `theme` when given, then `lectures` as `[a, b]` (flow) or as one
    `  - a` line each (block)."""
    head = f"title: {title}\n" + (f"lang: {lang}\n" if lang else "") + (f"theme: {theme}\n" if theme else "")
    if listed == "flow":
        return f"{head}lectures: [{', '.join(lectures)}]\n"
    return head + "lectures:\n" + "".join(f"  - {name}\n" for name in lectures)


def write_file(path: Path, data: str | bytes) -> Path:
    """`data` written to `path` (text as UTF-8), its folders made first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def write_course(
    folder: Path,
    lectures: Mapping[str, str | bytes],
    *,
    title: str = "Course",
    lang: str | None = "en",
    theme: str | None = None,
    listed: Literal["flow", "block"] = "flow",
    course: str | None = None,
    files: Mapping[str, str | bytes] | None = None,
) -> Path:
    """The course `folder`: `lectures` (file name → its text, in course order), course.yaml listing them (see
    `course_yaml`; or `course`, the file's own text, for a course file that is wrong on purpose), and `files`
    (name inside the folder → text or bytes). Returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    text = course if course is not None else course_yaml(list(lectures), title, lang, theme, listed)
    write_file(folder / "course.yaml", text)
    for name, data in {**lectures, **(files or {})}.items():
        write_file(folder / name, data)
    return folder
