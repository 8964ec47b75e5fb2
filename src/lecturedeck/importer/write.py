"""The course folder: course.yaml, one lecture file per deck and the pictures, as YAML that loads back as
exactly the imported text. Nothing is written when a file is there already (unless `force`); each file is
written atomically."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from lecturedeck.errors import DeckError, Location
from lecturedeck.importer.deck import ImportedLecture
from lecturedeck.importer.images import IMAGE_FOLDER, ImageStore
from lecturedeck.output.atomic import write_atomically
from lecturedeck.themes import DEFAULT_THEME
from lecturedeck.yaml_quote import yaml_quoted

HEADER = "# Imported by 'deck import' from {source}: check it with 'deck check', then build it with 'deck build'.\n"


class _OutlineDumper(yaml.SafeDumper):
    """Safe YAML; text of several lines (code, formulas, notes) as `|` blocks where YAML can hold it so."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_OutlineDumper.add_representer(str, _text)


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_OutlineDumper, allow_unicode=True, sort_keys=False, width=4096, indent=2)


@dataclass(frozen=True)
class Planned:
    path: Path
    data: bytes


def lecture_file_name(number: int, deck: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", re.sub(r"^\d+[-_]", "", deck.stem)).strip("-_").lower() or "lecture"
    return f"{number:02d}-{stem}.yaml"


def plan_course(folder: Path, lectures: list[ImportedLecture], images: ImageStore) -> list[Planned]:
    """Every file the course folder gets, in the order written (course.yaml last: a half-imported course
    is never one that loads). The course's title, author and date are the first the decks give (lecturedeck's
    own decks do); the title is the first lecture's otherwise."""
    files: list[Planned] = []
    names = []
    for number, lecture in enumerate(lectures, start=1):
        name = lecture_file_name(number, lecture.path)
        names.append(name)
        body = HEADER.format(source=yaml_quoted(lecture.path.name)) + dump(lecture.outline)
        files.append(Planned(folder / name, body.encode()))
    for source, name in images.names.items():
        files.append(Planned(folder / IMAGE_FOLDER / name, source.read_bytes()))
    course: dict[str, object] = {"title": lectures[0].outline["title"]}
    for key in ("title", "author", "date"):
        value = next((lecture.course[key] for lecture in lectures if lecture.course.get(key)), None)
        if value:
            course[key] = value
    course.update({"lang": lectures[0].lang, "theme": DEFAULT_THEME, "lectures": names})
    files.append(Planned(folder / "course.yaml", dump(course).encode()))
    return files


def write_course(files: list[Planned], force: bool) -> None:
    """Write the files; refuse (writing nothing) when any is there already and `force` is not given."""
    there = [f.path for f in files if f.path.exists()]
    if there and not force:
        shown = ", ".join(str(p) for p in there[:3]) + (f" and {len(there) - 3} more" if len(there) > 3 else "")
        raise DeckError(
            f"not overwriting existing files: {shown}; import into another folder (--course DIR) or pass --force",
            Location(there[0]),
        )
    for planned in files:
        try:
            planned.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(planned.path, planned.data)
        except OSError as exc:
            raise DeckError(
                f"cannot write the file: {exc.strerror or exc}; import into a folder you can write (--course DIR)",
                Location(planned.path),
            ) from None
