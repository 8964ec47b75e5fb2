"""Find, read and validate a course: course.yaml plus one YAML file per lecture."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from lecturedeck.errors import DeckError, Location, combined, problems_of
from lecturedeck.kinds.image import ImageSlide
from lecturedeck.outline.confine import confined_file, course_root
from lecturedeck.outline.discover import COURSE_FILE, find_course_file
from lecturedeck.outline.limits import MAX_COURSE_BYTES, MAX_FILE_BYTES
from lecturedeck.outline.messages import schema_errors
from lecturedeck.outline.schema import Course, Lecture
from lecturedeck.outline.yaml_source import SourceMap, load_yaml
from lecturedeck.themes import DEFAULT_THEME, Theme, load_theme
from lecturedeck.themes.files import resolve_theme

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
    lectures: tuple[LoadedLecture, ...]  # the lectures read
    source: SourceMap
    theme: Theme  # the course's theme, or the --theme given instead
    lecture_files: tuple[Path, ...]  # every lecture found, read or not (read_course's `unchanged`), in course order

    @property
    def name(self) -> str:
        """The course's folder name, used for the output folder."""
        return self.path.parent.name

    @property
    def stems(self) -> tuple[str, ...]:
        """Every lecture's file name stem (its outputs' names), in course order."""
        return tuple(path.stem for path in self.lecture_files)


def _top_mapping(data: object, path: Path) -> dict[str, object]:
    if not isinstance(data, dict):
        raise DeckError("expected a mapping of keys (title: …) at the top of the file", Location(path, 1, 1))
    return data


def _validate(model: type[M], data: object, source: SourceMap) -> M:
    _top_mapping(data, source.path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise schema_errors(exc.errors(), model, data, source) from None


def load_course(path: Path, theme_override: str | None = None) -> LoadedCourse:
    """Load and validate a whole course. All problems found are raised together as DeckErrors."""
    loaded, problems = read_course(path, theme_override)
    if problems:
        raise combined(problems)
    return loaded


def read_course(
    path: Path, theme_override: str | None = None, unchanged: Callable[[Path, Path], bool] = lambda *_: False
) -> tuple[LoadedCourse, list[DeckError]]:
    """Load a course as far as it can be read, with every problem found on the way.

    A lecture file that cannot be read or whose top level is wrong is left out; a slide with a schema
    problem (or an image outside the course) is replaced by a stand-in, so the rest of its lecture can
    still be planned and checked: one run finds the problems of every phase. The stand-ins never reach
    an output: a build with problems writes nothing. Raises only when course.yaml itself is unusable.
    A lecture file for which `unchanged(course file, lecture file)` holds is not read at all (an incremental
    build's up-to-date lecture: it was read, and found sound, when its outputs were built), only listed in
    `lecture_files`.
    """
    course_path = find_course_file(path)
    root = course_root(course_path)
    confined_file(COURSE_FILE, course_path.parent, root, "the course file", Location(course_path))
    doc = load_yaml(course_path)
    course = _validate(Course, doc.data, doc.source)
    theme, errors = _theme(course, doc.source, theme_override)
    lectures: list[LoadedLecture] = []
    files: list[Path] = []
    seen: dict[Path, int] = {}
    size = 0  # bytes of the lecture files so far, checked before each is read
    for index, name in enumerate(course.lectures):
        where = doc.source.locate(("lectures", index))
        try:
            lecture_path = confined_file(name, course_path.parent, root, "lecture file", where)
            if lecture_path in seen:
                raise DeckError(f"lecture '{name}' is listed twice (also entry {seen[lecture_path] + 1})", where)
            seen[lecture_path] = index
            size += min(lecture_path.stat().st_size, MAX_FILE_BYTES)  # a larger file: load_yaml says to split it
            if size > MAX_COURSE_BYTES:
                errors.append(DeckError(_too_large(size), where))
                break
            lecture_file = course_path.parent / name
            if not unchanged(course_path, lecture_file):
                lecture, problems = _read_lecture(lecture_file, root, where)
                lectures.append(lecture)
                errors += problems
            files.append(lecture_file)
        except DeckError as exc:
            errors += problems_of(exc)
    return LoadedCourse(course_path, course, tuple(lectures), doc.source, theme, tuple(files)), errors


def _theme(course: Course, source: SourceMap, override: str | None) -> tuple[Theme, list[DeckError]]:
    """The theme to plan with, and the problems of the course's own: a --theme that cannot be used stops here,
    a course theme that cannot is reported and the default theme used so that the other problems are found too."""
    folder = source.path.parent
    if override is not None:
        return resolve_theme(override, folder, command_line=True), []
    try:
        return resolve_theme(course.theme, folder, source.locate(("theme",))), []
    except DeckError as exc:
        return load_theme(DEFAULT_THEME), problems_of(exc)


def _too_large(size: int) -> str:
    return (
        f"the lecture files up to this one hold {size / 1e6:.1f} MB, more than the {MAX_COURSE_BYTES / 1e6:g} MB one "
        "course may hold: split the course into several courses"
    )


def _read_lecture(path: Path, root: Path, referenced_from: Location) -> tuple[LoadedLecture, list[DeckError]]:
    """A lecture and its slide-level problems (those slides replaced by stand-ins); raises when the file
    cannot be read or a problem lies outside the slides."""
    doc = load_yaml(path, referenced_from)
    data = _top_mapping(doc.data, path)
    problems: list[DeckError] = []
    bad: set[SlideAt] = set()
    try:
        lecture = Lecture.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        found = schema_errors(errors, Lecture, data, doc.source)
        slides = _slides_of(errors)
        if slides is None:
            raise found from None
        problems, bad = problems_of(found), slides
        try:
            lecture = Lecture.model_validate(_with_stand_ins(data, bad))
        except ValidationError:  # a rule of the whole lecture: report what was found, plan nothing
            raise found from None
    images = _image_problems(path, root, lecture, doc.source)
    if images:
        problems += images.values()
        lecture = Lecture.model_validate(_with_stand_ins(data, bad | images.keys()))
    return LoadedLecture(path, lecture, doc.source), problems


SlideAt = tuple[int, int]  # (section index, slide index)
STAND_IN = {"kind": "bullets", "title": "-", "items": ["-"]}


def _slides_of(errors: list[ErrorDetails]) -> set[SlideAt] | None:
    """The slides every schema problem lies in, or None if one lies outside the slides."""
    slides: set[SlideAt] = set()
    for error in errors:
        loc = error["loc"]
        if len(loc) < 5 or loc[0] != "sections" or loc[2] != "slides":
            return None
        s, i = loc[1], loc[3]
        if not isinstance(s, int) or not isinstance(i, int):
            return None
        slides.add((s, i))
    return slides


def _with_stand_ins(data: dict[str, object], slides: set[SlideAt]) -> dict[str, object]:
    """The lecture's data with the given slides replaced by a plain stand-in slide (indices kept)."""
    sections = [dict(section) for section in data["sections"]]  # type: ignore[attr-defined]
    for s, i in slides:
        sections[s]["slides"] = [STAND_IN if j == i else slide for j, slide in enumerate(sections[s]["slides"])]
    return {**data, "sections": sections}


def _image_problems(path: Path, root: Path, lecture: Lecture, source: SourceMap) -> dict[SlideAt, DeckError]:
    """Every image must be a regular file inside the course folder (outline.confine); the slides whose
    image is not, with the problem."""
    problems: dict[SlideAt, DeckError] = {}
    for s, section in enumerate(lecture.sections):
        for i, slide in enumerate(section.slides):
            if isinstance(slide, ImageSlide):
                where = source.locate(("sections", s, "slides", i, "src"))
                try:
                    confined_file(slide.src, path.parent, root, "image", where)
                except DeckError as exc:
                    problems[s, i] = exc
    return problems
