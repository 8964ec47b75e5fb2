"""The course home, OUT/<course>/index.html: one card per lecture and a search over every slide.

The search index is JSON inside `<script type="application/json">` with every `<`, `>` and `&` written as a
\\u escape, so no outline text can end the script or become markup; the only script that runs is
templates/course_home.js, which builds results with textContent. Nothing is loaded from outside the
page, so it works offline and from file://.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from lecturedeck.manifest import LectureRecord, SearchEntry
from lecturedeck.outline.loader import LoadedCourse
from lecturedeck.outline.schema import Lecture
from lecturedeck.output.course_files import course_pdf_name, lecture_file
from lecturedeck.paths import TEMPLATES_DIR
from lecturedeck.plan.labels import LABELS, label
from lecturedeck.render.deck_text import deck_text

LINKED_FORMATS = ("html", "pptx", "pdf", "handout", "md")  # linked when the file is in the course's output folder
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(value: object) -> str:
    """`value` as JSON that is safe inside a `<script>` element: it cannot close it or open a comment."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)


def search_entries(deck: Path) -> tuple[SearchEntry, ...]:
    """The slides of the HTML deck at `deck` as the search has them (kept in the lecture's record, so a
    lecture's deck is read once, when it is built); none when there is no deck."""
    if not deck.is_file():
        return ()
    return tuple((s.number, s.title, s.text, s.notes) for s in deck_text(deck.read_text(encoding="utf-8")))


def objectives_text(lecture: Lecture) -> tuple[str, ...]:
    """The lecture's learning objectives as the course home's card shows them: plain text (kept in its record)."""
    from lecturedeck.inline import parse_inline, plain_text  # markdown-it loads only to render

    return tuple(plain_text(parse_inline(text)) for text in lecture.objectives)


def search_index(lectures: Sequence[LectureRecord], folder: Path) -> list[dict[str, object]]:
    """Per lecture with an HTML deck in `folder`: its stem, title and the slides its record keeps."""
    return [
        {"stem": record.stem, "title": record.title, "slides": record.search}
        for record in lectures
        if (folder / f"{record.stem}.html").is_file()
    ]


def render_course_home(loaded: LoadedCourse, lectures: Sequence[LectureRecord], folder: Path) -> str:
    """The course's index.html for the lectures' outputs found in `folder`; each card shows the title slide
    its record keeps (render.thumbnail)."""
    import jinja2
    from markupsafe import Markup

    from lecturedeck.render.jinja_env import cached_environment

    lang = loaded.course.lang
    cards = [
        {
            "stem": record.stem,
            "title": record.title,
            "slides": label(lang, "home_slides", n=record.slides),
            "objectives": record.objectives,
            "thumbnail": Markup(record.thumbnail),  # made by us, every text in it escaped
            "formats": {f: name for f in LINKED_FORMATS if (folder / (name := lecture_file(record.stem, f))).is_file()},
            "mindmaps": [page for page in record.mindmaps if (folder / page).is_file()],
        }
        for record in lectures
    ]
    # the page's words; the script fills in {n}
    words = {key: label(lang, key, n="{n}") for key in LABELS["en"] if key.startswith("home_")}
    env = cached_environment(jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True)
    return env.get_template("index.html.j2").render(
        course=loaded.course,
        lectures=cards,
        theme=loaded.theme,
        words=words,
        objectives_label=label(lang, "objectives"),
        course_pdf=course_pdf if (folder / (course_pdf := course_pdf_name(loaded.name))).is_file() else None,
        search_json=script_json({"lectures": search_index(lectures, folder), "words": words}),
    )
