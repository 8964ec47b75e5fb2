"""Find, read and validate a course: course.yaml plus one YAML file per lecture."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from lecturedeck.errors import DeckError, DeckErrors, Location, each
from lecturedeck.kinds.image import ImageSlide
from lecturedeck.outline.confine import confined_file, course_root
from lecturedeck.outline.limits import MAX_COURSE_BYTES
from lecturedeck.outline.messages import schema_errors
from lecturedeck.outline.schema import Course, Lecture
from lecturedeck.outline.yaml_source import SourceMap, load_yaml
from lecturedeck.themes import available_themes, unknown_theme_message

COURSE_FILE = "course.yaml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedLecture:
    path: Path
    lecture: Lecture
    source: SourceMap

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class LoadedCourse:
    path: Path  # the course.yaml file
    course: Course
    lectures: tuple[LoadedLecture, ...]
    source: SourceMap

    @property
    def name(self) -> str:
        """The course's folder name, used for the output folder."""
        return self.path.parent.name


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


def _validate(model: type[M], data: object, source: SourceMap) -> M:
    if not isinstance(data, dict):
        raise DeckError("expected a mapping of keys (title: …) at the top of the file", Location(source.path, 1, 1))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise schema_errors(exc, model, data, source) from None


def load_course(path: Path, theme_override: str | None = None) -> LoadedCourse:
    """Load and validate a whole course. All problems found are raised together as DeckErrors."""
    course_path = find_course_file(path)
    doc = load_yaml(course_path)
    course = _validate(Course, doc.data, doc.source)
    errors: list[DeckError] = []
    if theme_override is None and course.theme not in available_themes():
        errors.append(DeckError(unknown_theme_message(course.theme), doc.source.locate(("theme",))))
    lectures: list[LoadedLecture] = []
    seen: dict[Path, int] = {}
    root = course_root(course_path)
    size = 0  # bytes of the lecture files so far, checked before each is read
    for index, name in enumerate(course.lectures):
        where = doc.source.locate(("lectures", index))
        try:
            lecture_path = confined_file(name, course_path.parent, root, "lecture file", where)
            if lecture_path in seen:
                raise DeckError(f"lecture '{name}' is listed twice (also entry {seen[lecture_path] + 1})", where)
            seen[lecture_path] = index
            size += lecture_path.stat().st_size
            if size > MAX_COURSE_BYTES:
                errors.append(DeckError(_too_large(size), where))
                break
            lectures.append(_load_lecture(course_path.parent / name, root, where))
        except DeckError as exc:
            errors.extend(exc.errors if isinstance(exc, DeckErrors) else [exc])
    if errors:
        raise errors[0] if len(errors) == 1 else DeckErrors(errors)
    return LoadedCourse(course_path, course, tuple(lectures), doc.source)


def _too_large(size: int) -> str:
    return (
        f"the lecture files up to this one hold {size / 1e6:.1f} MB, more than the {MAX_COURSE_BYTES / 1e6:g} MB one "
        "course may hold: split the course into several courses"
    )


def _load_lecture(path: Path, root: Path, referenced_from: Location) -> LoadedLecture:
    doc = load_yaml(path, referenced_from)
    lecture = _validate(Lecture, doc.data, doc.source)
    _check_images(path, root, lecture, doc.source)
    return LoadedLecture(path, lecture, doc.source)


def _check_images(path: Path, root: Path, lecture: Lecture, source: SourceMap) -> None:
    """Every image must be a regular file inside the course folder (outline.confine)."""
    images: list[tuple[int, int, ImageSlide]] = [
        (s, i, slide)  # type: ignore[misc]  # narrowed by the isinstance below
        for s, section in enumerate(lecture.sections)
        for i, slide in enumerate(section.slides)
        if isinstance(slide, ImageSlide)
    ]

    def check(image: tuple[int, int, ImageSlide]) -> Path:
        s, i, slide = image
        return confined_file(slide.src, path.parent, root, "image", source.locate(("sections", s, "slides", i, "src")))

    each(images, check)
