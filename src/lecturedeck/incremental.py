"""Incremental builds: each lecture is planned and rendered again only when an input of its outputs changed
(its outline, course.yaml, the course's themes, the pictures it shows, the options or the tool's version),
as its course's manifest tells; a course with nothing changed is not even loaded.

Light on imports: the planning and rendering modules load only when something is to be rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lecturedeck.convert.handout.options import HandoutOptions
from lecturedeck.manifest import LectureRecord, Manifest, file_digest, options_key, read_manifest
from lecturedeck.outline.discover import COURSE_FILE
from lecturedeck.output.course_files import CONVERTED, DEFAULT_FORMATS, PNG_WIDTH, lecture_file

# the order a build makes the formats in, as its summary lists them
BUILT_ORDER = ("md", "pptx", "html", "pdf", "png", "handout")

if TYPE_CHECKING:
    from lecturedeck.convert.marp import StartedMarp
    from lecturedeck.plan.model import Deck


@dataclass
class LectureResult:
    course: str
    stem: str
    title: str
    slides: int
    outputs: list[str] = field(default_factory=list)  # the formats
    seconds: float = 0.0
    rebuilt: bool = True  # False: its outputs were up to date and carried over from the previous build
    files: list[str] = field(default_factory=list)  # what it wrote, relative to the course's output folder

    @classmethod
    def carried(cls, course: str, record: LectureRecord) -> LectureResult:
        """The result of a lecture whose previous outputs were up to date."""
        formats = [f for f in BUILT_ORDER if lecture_file(record.stem, f) in record.outputs]
        return cls(course, record.stem, record.title, record.slides, formats, rebuilt=False)


def build_courses(
    paths: Iterable[Path],
    out_dir: Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    theme: str | None = None,
    *,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[str], None] = lambda _: None,
    png_width: int = PNG_WIDTH,
    handout: HandoutOptions = HandoutOptions(),
    marp: StartedMarp | None = None,
    planned: Callable[[Deck], None] = lambda _: None,
) -> list[LectureResult]:
    """Build the courses (folders or course.yaml files) into out_dir/<course>/, rebuilding only the lectures
    whose inputs changed since the build recorded in each course's manifest (every lecture with `force`),
    planning and rendering them on up to `jobs` processes. The results list every lecture, rebuilt or not,
    course by course in course order. `marp`: a marp-cli waiting for its markdown (convert.marp.early_marp;
    `deck serve` keeps one ready), else one is started as soon as something is to be rebuilt. `planned` is given
    each deck the build plans (deck present takes its lecture's, rather than planning it again). Raises DeckError."""
    wanted = list(formats)
    options = options_key(wanted, theme, png_width, handout)
    digest_of = cache(file_digest)  # each input hashed once per call: shared by the lectures and both checks
    results: dict[Path, list[LectureResult]] = {}
    previous: dict[Path, Manifest | None] = {}
    for path in paths:
        course_file = path / COURSE_FILE if path.is_dir() else path
        manifest = None if force else read_manifest(out_dir / course_file.parent.name)
        if manifest is not None and manifest.options != options:
            manifest = None
        if manifest is not None and _fresh(manifest, out_dir / course_file.parent.name, digest_of):
            results[course_file] = [LectureResult.carried(course_file.parent.name, r) for r in manifest.lectures]
        else:
            previous[course_file], results[course_file] = manifest, []
    if not previous:
        return [result for course in results.values() for result in course]
    with ExitStack() as running:
        if marp is None and CONVERTED & set(wanted):  # node loads marp-cli while this process loads and plans
            from lecturedeck.convert.marp import early_marp

            marp = running.enter_context(early_marp())
        from lecturedeck.build import build, load_and_plan, load_renderers

        def carry(course_file: Path, lecture_file: Path) -> LectureRecord | None:
            manifest = previous.get(course_file)
            record = manifest.record(lecture_file.stem) if manifest is not None else None
            if record is None or str(lecture_file.absolute()) not in record.inputs:
                return None
            return record if record.fresh(out_dir / course_file.parent.name, digest_of) else None

        courses = load_and_plan(list(previous), theme, carry, jobs, lambda: load_renderers(wanted))
        for deck in (deck for course in courses for deck in course.decks):
            planned(deck)
        for result in build(courses, out_dir, wanted, progress, jobs, png_width, handout, marp):
            course_file = next(c.loaded.path for c in courses if c.loaded.name == result.course)
            results[course_file].append(result)
    return [result for course in results.values() for result in course]


def _fresh(manifest: Manifest, folder: Path, digest_of: Callable[[Path], str]) -> bool:
    return all(record.fresh(folder, digest_of) for record in manifest.lectures)
