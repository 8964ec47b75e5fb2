"""`deck import`: Marp decks and Markdown notes → a course folder (see lecturedeck.importer)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from lecturedeck.errors import printable


class Prose(str, Enum):
    text = "text"
    notes = "notes"


def import_command(
    decks: Annotated[list[Path], typer.Argument(help="Marp decks or Markdown notes (.md), one lecture each.")],
    course: Annotated[
        Path | None,
        typer.Option("--course", help="Course folder to write. Default: slides/<name of the first deck>."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that are there already.")] = False,
    prose: Annotated[
        Prose,
        typer.Option(
            "--prose",
            help="Paragraphs on a slide that also has bullets, a table, code or a picture: keep them on the slide "
            "(text) or move them into the speaker notes (notes).",
        ),
    ] = Prose.text,
) -> None:
    """Import Marp decks and Markdown notes as a course: course.yaml, one lecture file per deck, pictures in images/.

    What lecturedeck cannot carry over (raw HTML, CSS, themes, unknown directives, missing pictures) is a warning.
    Existing files are never overwritten without --force.
    """
    from lecturedeck.importer.deck import import_deck
    from lecturedeck.importer.images import ImageStore
    from lecturedeck.importer.write import plan_course, write_course

    out = Console(soft_wrap=True, highlight=False, emoji=False)
    folder = course or Path("slides") / (decks[0].stem.lower().replace(" ", "-") or "imported")
    images = ImageStore()
    lectures = [import_deck(deck, images, prose is Prose.notes) for deck in decks]
    files = plan_course(folder, lectures, images)
    write_course(files, force)
    for lecture in lectures:
        for warning in sorted(lecture.report.warnings, key=lambda w: w.line):
            out.print(printable(str(warning)), markup=False)
    for lecture in lectures:
        out.print(printable(lecture.report.summary()), markup=False)
    out.print(
        printable(f"Wrote {folder}/ ({len(files)} files). Next: deck check {folder}, then deck build {folder}."),
        markup=False,
    )
