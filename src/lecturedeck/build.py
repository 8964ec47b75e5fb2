"""Orchestration: load → plan → render → convert → write, with progress and a summary."""

from __future__ import annotations

import hashlib
import importlib
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from lecturedeck.convert.handout.options import HandoutOptions
from lecturedeck.convert.markmap import markmap_pages
from lecturedeck.convert.marp import StartedMarp, early_marp
from lecturedeck.errors import DeckError, Location, combined, each, problems_of
from lecturedeck.incremental import LectureResult
from lecturedeck.layout.deck import layout_deck
from lecturedeck.layout.model import LaidOutDeck
from lecturedeck.manifest import MANIFEST, LectureRecord, Manifest, course_inputs, digests, manifest_json, options_key
from lecturedeck.outline.limits import MAX_DECK_SLIDES
from lecturedeck.outline.loader import LoadedCourse, LoadedLecture, read_course
from lecturedeck.output import Staging, stage_build
from lecturedeck.output.course_files import (
    CONVERTED,
    DEFAULT_FORMATS,
    IMAGES_DIR,
    INDEX_PAGE,
    PNG_WIDTH,
    PRINTED,
    course_pdf_name,
    kept,
    lecture_file,
)
from lecturedeck.parallel import each_parallel, for_each
from lecturedeck.plan.fit import FitNote, fit_deck
from lecturedeck.plan.fonts import keep_measured
from lecturedeck.plan.model import Deck, ImageBlock
from lecturedeck.plan.planner import plan_lecture
from lecturedeck.render.course_home import objectives_text, render_course_home, search_entries
from lecturedeck.render.drawings import drawing_files, mindmap_blocks, mindmap_page
from lecturedeck.render.thumbnail import title_thumbnail
from lecturedeck.themes import load_theme


@dataclass(frozen=True)
class PlannedCourse:
    loaded: LoadedCourse
    decks: tuple[Deck, ...]  # planned and fitted to the theme's boxes
    laid: tuple[LaidOutDeck, ...]  # the same decks laid out: what renderers draw
    fit_notes: tuple[FitNote, ...] = ()  # slides that were split, are tight, or still overflow
    carried: tuple[LectureRecord, ...] = ()  # lectures not planned: their previous outputs are up to date
    theme_option: str | None = None  # the --theme it was planned with


Progress = Callable[[str], None]
MARKDOWN_MADE = {"md", *CONVERTED}  # need the deck's Marp markdown and the pictures it shows
Carry = Callable[[Path, Path], LectureRecord | None]  # (course file, lecture file) → its up-to-date outputs' record


def load_and_plan(
    course_paths: Iterable[Path],
    theme: str | None = None,
    carry: Carry | None = None,
    jobs: int = 1,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[PlannedCourse]:
    """Load, validate, plan and lay out every course (the lectures of each on up to `jobs` processes); all
    input errors are raised together. A lecture for which `carry` gives the record of its up-to-date
    previous outputs is neither read nor planned. `meanwhile` is done while worker processes plan (the
    renderers' imports: see load_renderers)."""
    return each(course_paths, lambda path: _plan_course(path, theme, carry or (lambda *_: None), jobs, meanwhile))


def _plan_course(
    path: Path, theme: str | None, carry: Carry, jobs: int, meanwhile: Callable[[], object]
) -> PlannedCourse:
    """Every phase runs on all it can (each lecture planned, fitted and laid out even when another one, or
    some of its own slides, had problems), so one run reports the problems of every phase together."""
    carried: dict[str, LectureRecord] = {}

    def unchanged(course_file: Path, lecture_file: Path) -> bool:
        record = carry(course_file, lecture_file)
        if record is not None:
            carried[lecture_file.stem] = record
        return record is not None

    loaded, problems = read_course(path, theme, unchanged)  # a --theme that cannot be used stops here
    tokens = loaded.theme  # the default theme when the course's own cannot be used (then a problem already)
    name = tokens.name

    def lecture(lecture: LoadedLecture) -> tuple[Deck, LaidOutDeck, list[FitNote]]:
        deck, notes = fit_deck(plan_lecture(loaded, lecture, name), tokens)
        _at_most_slides(deck, lecture)
        laid = layout_deck(deck, tokens)
        keep_measured()  # the glyph widths measured, for the next build
        return deck, laid, notes

    try:
        done = each_parallel(list(loaded.lectures), lecture, jobs, meanwhile)
    except DeckError as exc:
        problems += problems_of(exc)
    if problems:
        raise combined(problems)
    return PlannedCourse(
        loaded,
        tuple(deck for deck, _, _ in done),
        tuple(laid for _, laid, _ in done),
        tuple(note for _, _, notes in done for note in notes),
        tuple(carried[stem] for stem in loaded.stems if stem in carried),
        theme,
    )


def _at_most_slides(deck: Deck, lecture: LoadedLecture) -> None:
    """A deck of at most MAX_DECK_SLIDES slides, continuations included: what bounds the rendering work."""
    if len(deck.slides) > MAX_DECK_SLIDES:
        raise DeckError(
            f"the lecture makes {len(deck.slides):,} slides once long text, tables and listings continue on "
            f"further slides, more than the {MAX_DECK_SLIDES} one deck may have: split it into two lecture files",
            lecture.source.locate(("sections",)),
        )


def _image_name(path: Path) -> str:
    """A safe generated file name for an image in images/: a digest of its path and its lower-case suffix.
    The author's file name never reaches a URL, so spaces, brackets or `![bg](…)` in it change nothing."""
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    suffix = path.suffix.lower() if path.suffix[1:].isalnum() else ""
    return f"{digest}{suffix}"


def _mindmap_pages(deck: Deck) -> tuple[str, ...]:
    """The deck's mind map pages, in slide order."""
    return tuple(mindmap_page(deck, block) for block in mindmap_blocks(deck))


def _images(deck: Deck) -> set[Path]:
    return {block.path for slide in deck.slides for block in slide.blocks if isinstance(block, ImageBlock)}


def build(
    courses: list[PlannedCourse],
    out_dir: Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    progress: Progress = lambda _: None,
    jobs: int = 1,
    png_width: int = PNG_WIDTH,
    handout: HandoutOptions = HandoutOptions(),
    marp: StartedMarp | None = None,
) -> list[LectureResult]:
    """Render (on up to `jobs` processes) and convert planned courses into out_dir/<course>/, each course
    folder complete before it replaces the previous one in one step (see lecturedeck.output and
    lecturedeck.output.course_files). `marp`: marp-cli started early (convert.marp.early_marp) for the
    formats made from HTML, else it starts when the markdown is written."""
    wanted = set(formats)
    _check_targets(courses, out_dir, wanted)
    decks = [(course.loaded.name, laid) for course in courses for laid in course.laid]
    made: dict[int, LectureResult] = {}
    with stage_build(out_dir, [course.loaded.name for course in courses]) as stage:
        md_dir = stage.work / "md"

        def staged(index: int, rendered: Rendered) -> None:
            course, laid = decks[index]
            made[index] = _stage_rendered(course, laid.deck, rendered, stage, md_dir, made.get(index))
            if "pptx" in rendered.formats or "pptx" not in wanted:
                progress(f"{course}/{laid.deck.stem}")

        def render(formats: set[str]) -> None:
            if formats:
                for_each(decks, lambda item: _rendered(item[1], formats), jobs, staged)

        if jobs > 1 and len(decks) > 1:
            load_renderers(wanted)
        render(wanted - {"pptx"})  # the markdown first: marp-cli and markmap convert it while the PPTX are made
        with _conversions(courses, stage, md_dir, wanted, marp) as converted:
            render(wanted & {"pptx"})
            seconds = converted()
        results = [made[index] for index in range(len(decks))]
        if wanted & CONVERTED:
            per_deck = seconds / max(len(results), 1)
            for (_, laid), result in zip(decks, results, strict=True):
                deck = laid.deck
                if "html" in wanted:
                    result.outputs.append("html")
                    result.files += [f"{deck.stem}.html", *_mindmap_pages(deck)]
                result.seconds += per_deck
            if wanted & set(PRINTED):
                _print(decks, results, stage, wanted, png_width, handout)
        for course in courses:
            built = [result for result in results if result.course == course.loaded.name]
            results += _finish_course(course, built, wanted, stage, png_width, handout)
        stage.commit()
    lectures = [(course.loaded.name, stem) for course in courses for stem in course.loaded.stems]
    return sorted(results, key=lambda result: lectures.index((result.course, result.stem)))


def _finish_course(
    course: PlannedCourse,
    built: list[LectureResult],
    wanted: set[str],
    stage: Staging,
    png_width: int,
    handout: HandoutOptions,
) -> list[LectureResult]:
    """Carry the up-to-date lectures' outputs and what the previous build had that this one does not
    rebuild, index the decks present and write the manifest; the results of the carried lectures."""
    name = course.loaded.name
    stage.keep_files(name, [file for record in course.carried for file in record.outputs])
    stems = set(course.loaded.stems)
    course_pdf = course_pdf_name(name)  # kept unless remade: kept() knows lectures' files, not the course's
    stage.keep_previous(
        name,
        lambda path: path != MANIFEST and (kept(path, stems, wanted) or (path == course_pdf and "pdf" not in wanted)),
    )
    records = {record.stem: record for record in course.carried}
    read = {lecture.stem: lecture for lecture in course.loaded.lectures}
    shared = course_inputs(course.loaded.path, course.theme_option)
    theme = course.loaded.theme
    folder = stage.staged(name)
    for laid, result in zip(course.laid, built, strict=True):
        deck = laid.deck
        inputs = digests([*shared, deck.source, *_images(deck)])
        records[deck.stem] = LectureRecord(
            deck.stem,
            deck.lecture_title,
            len(deck.slides),
            inputs,
            tuple(result.files),
            _mindmap_pages(deck),
            title_thumbnail(laid, theme),
            search_entries(folder / lecture_file(deck.stem, "html")),
            objectives_text(read[deck.stem].lecture),
        )
    ordered = tuple(records[stem] for stem in course.loaded.stems)
    if "pdf" in wanted:
        _course_pdf(course.loaded, ordered, folder)
    if any((folder / f"{stem}.html").is_file() for stem in stems):
        stage.write(Path(name) / INDEX_PAGE, render_course_home(course.loaded, ordered, folder))
    options = options_key(wanted, course.theme_option, png_width, handout)
    stage.write(Path(name) / MANIFEST, manifest_json(Manifest(options, ordered)))
    return [LectureResult.carried(name, record) for record in course.carried]


def _check_targets(courses: list[PlannedCourse], out_dir: Path, wanted: set[str]) -> None:
    """Outputs go to OUT/<course>/; that folder must never be or contain a course's sources, OUT is
    never the course folder itself, no two courses of one build share a folder name, and no lecture's PDF
    is named as the course PDF."""
    seen: dict[str, Path] = {}
    for course in courses:
        lecture = next((path for path in course.loaded.lecture_files if path.stem == course.loaded.name), None)
        if "pdf" in wanted and lecture is not None:
            raise DeckError(
                f"this lecture's PDF and the course PDF would both be {course_pdf_name(course.loaded.name)}: "
                "rename the lecture file or the course folder",
                Location(lecture),
            )
        other = seen.setdefault(course.loaded.name, course.loaded.path)
        if other != course.loaded.path:
            raise DeckError(
                f"this course and {other} would both be built into {out_dir / course.loaded.name}: "
                "rename one of the two folders, or build them with different --out",
                Location(course.loaded.path),
            )
        source = course.loaded.path.parent.resolve()
        target = (out_dir / course.loaded.name).resolve()
        if target == source or source.is_relative_to(target) or out_dir.resolve() == source:
            raise DeckError(
                f"output folder {target} would mix outputs with the course sources in {source}: "
                "choose another --out (the default is ./build)"
            )


@dataclass(frozen=True)
class Rendered:
    """One deck's outputs, made in a worker and staged by the build: files by path in the course's output
    folder, pictures to copy there, the markdown for marp-cli, the formats made and the time it took."""

    files: dict[str, str | bytes]
    pictures: dict[str, Path]
    html_markdown: str | None
    formats: tuple[str, ...]
    seconds: float


def load_renderers(wanted: Iterable[str]) -> None:
    """Import the renderers of the `wanted` formats once, before the workers are forked, rather than once
    in every worker (a build imports them while other processes plan: nothing then waits for them)."""
    wanted = set(wanted)
    if wanted & MARKDOWN_MADE:
        importlib.import_module("lecturedeck.render.markdown")
    if "pptx" in wanted:
        importlib.import_module("lecturedeck.render.pptx.slides")


def _rendered(laid: LaidOutDeck, wanted: set[str]) -> Rendered:
    """The deck's Marp markdown (with the pictures and drawings it shows) and PPTX, as `wanted`."""
    started = time.perf_counter()
    deck = laid.deck
    files: dict[str, str | bytes] = {}
    pictures: dict[str, Path] = {}
    markdown = None
    if wanted & MARKDOWN_MADE:
        from lecturedeck.render.markdown import render_markdown  # jinja2 and Pygments load only to render

        markdown = render_markdown(laid, lambda path: f"{IMAGES_DIR}/{_image_name(path)}")
        pictures = {f"{IMAGES_DIR}/{_image_name(image)}": image for image in sorted(_images(deck))}
        files = {f"{IMAGES_DIR}/{_image_name(name)}": svg for name, svg in drawing_files(laid).items()}
        if "md" in wanted:
            files[f"{deck.stem}.md"] = markdown
    if "pptx" in wanted:
        from lecturedeck.render.pptx import render_pptx

        files[f"{deck.stem}.pptx"] = render_pptx(laid, load_theme(deck.theme))
    formats = tuple(f for f in ("md", "pptx") if f in wanted)
    html_markdown = markdown if wanted & CONVERTED else None
    return Rendered(files, pictures, html_markdown, formats, time.perf_counter() - started)


def _stage_rendered(
    course: str, deck: Deck, rendered: Rendered, stage: Staging, md_dir: Path, result: LectureResult | None
) -> LectureResult:
    """Stage a rendered deck's files (the markdown for marp-cli into md_dir); its result: `result`, that of an
    earlier round for the deck, with these formats and files added."""
    for name, source in rendered.pictures.items():
        stage.copy(source, Path(course) / name)
    for name, data in rendered.files.items():
        stage.write(Path(course) / name, data)
    if rendered.html_markdown is not None:
        target = md_dir / course / f"{deck.stem}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered.html_markdown, encoding="utf-8")
    if result is None:
        result = LectureResult(course, deck.stem, deck.lecture_title, len(deck.slides))
    result.outputs += rendered.formats
    result.files += [*rendered.pictures, *rendered.files]
    result.seconds += rendered.seconds
    return result


@contextmanager
def _conversions(
    courses: list[PlannedCourse], stage: Staging, md_dir: Path, wanted: set[str], marp: StartedMarp | None
) -> Iterator[Callable[[], float]]:
    """marp-cli (`marp` if it was started early) on the markdown in md_dir and markmap on the mind maps, as
    `wanted` needs them, started at once (Node runs beside the block's Python work). The function it yields
    waits for them and stages their pages; it returns the seconds since they were given their work."""
    if not wanted & CONVERTED:
        yield lambda: 0.0
        return
    started = time.perf_counter()
    html_dir = stage.work / "html"
    decks = [(course.loaded.name, deck) for course in courses for deck in course.decks] if "html" in wanted else []
    with ExitStack() as running:
        css = _theme_css(courses, stage)
        html = (marp or running.enter_context(early_marp())).convert(md_dir, html_dir, css)
        mindmaps = running.enter_context(markmap_pages(decks, stage.write, stage.work))

        def converted() -> float:
            html()
            for page in sorted(html_dir.rglob("*.html")):
                stage.adopt(page, page.relative_to(html_dir))
            mindmaps()
            return time.perf_counter() - started

        yield converted


def _theme_css(courses: list[PlannedCourse], stage: Staging) -> list[Path]:
    """The decks' themes as Marp theme CSS files in the build's scratch folder."""
    from lecturedeck.render.theme_css import render_theme_css

    css_files = []
    for name in sorted({deck.theme for course in courses for deck in course.decks}):
        css = stage.work / "themes" / f"{name}.css"
        css.parent.mkdir(parents=True, exist_ok=True)
        css.write_text(render_theme_css(load_theme(name)), encoding="utf-8")
        css_files.append(css)
    return css_files


def _print(
    decks: list[tuple[str, LaidOutDeck]],
    results: list[LectureResult],
    stage: Staging,
    wanted: set[str],
    png_width: int,
    handout: HandoutOptions,
) -> None:
    """Make the printed formats from the staged HTML decks, each kind with one Chromium run (lecturedeck.convert.pdf,
    lecturedeck.convert.handout), then remove the HTML and its pictures when they were made for printing only."""
    from lecturedeck.convert.handout.printing import print_handouts
    from lecturedeck.convert.pdf import picture_decks, png_names, print_decks

    html = [(laid.deck, stage.staged(course) / lecture_file(laid.deck.stem, "html")) for course, laid in decks]
    if "pdf" in wanted:
        with _made(results, "pdf", [[lecture_file(deck.stem, "pdf")] for deck, _ in html]):
            print_decks([(deck, page, page.with_suffix(".pdf")) for deck, page in html])
    if "png" in wanted:
        with _made(results, "png", [png_names(deck) for deck, _ in html]):
            picture_decks([(deck, page, page.parent) for deck, page in html], png_width)
    if "handout" in wanted:
        names = [lecture_file(deck.stem, "handout") for deck, _ in html]
        with _made(results, "handout", [[name] for name in names]):
            pdfs = print_handouts(html, stage.work / "handout", handout)
        for (course, _), pdf, name in zip(decks, pdfs, names, strict=True):
            stage.adopt(pdf, Path(course) / name)
    for (course, _), (_, page), result in zip(decks, html, results, strict=True):
        if "html" not in wanted:
            page.unlink()
        if not wanted & {"md", "html"}:
            result.files = [file for file in result.files if not file.startswith(f"{IMAGES_DIR}/")]
            shutil.rmtree(stage.staged(course) / IMAGES_DIR, ignore_errors=True)


@contextmanager
def _made(results: list[LectureResult], fmt: str, files: list[list[str]]) -> Iterator[None]:
    """Time the block that makes a format for every lecture; then add it, each lecture's `files` and an even
    share of the time to the lectures' results."""
    started = time.perf_counter()
    yield
    per_deck = (time.perf_counter() - started) / len(results)
    for result, names in zip(results, files, strict=True):
        result.outputs.append(fmt)
        result.files += names
        result.seconds += per_deck


def _course_pdf(course: LoadedCourse, lectures: tuple[LectureRecord, ...], folder: Path) -> None:
    """Every lecture PDF in the course folder, in course order, as the course PDF."""
    from lecturedeck.convert.pdf import write_course_pdf

    pdfs = [(record.title, folder / lecture_file(record.stem, "pdf")) for record in lectures]
    present = [(title, pdf) for title, pdf in pdfs if pdf.is_file()]
    if present:
        write_course_pdf(course.course.title, course.course.lang, present, folder / course_pdf_name(course.name))
