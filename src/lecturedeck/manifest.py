"""The build manifest, OUT/<course>/.lecturedeck-manifest.json: per lecture, every input file that affects
its outputs (with a digest of its bytes) and the output files it produced; the next build rebuilds only
the lectures whose inputs changed.

Written inside the course folder that is swapped into place, so it always describes the outputs beside
it. Light on imports: a build with nothing to do reads it, hashes the inputs and stops.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lecturedeck import __version__
from lecturedeck.convert.handout.options import HandoutOptions

MANIFEST = ".lecturedeck-manifest.json"
LAYOUT = 4  # the manifest's own layout: a manifest of another layout is not read (everything is rebuilt)
MISSING = "missing"  # the digest of an input file that is not there (or cannot be read)
SearchEntry = tuple[int, str, str, str]  # a slide as the course home's search has it: number, title, text, notes


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, or MISSING."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return MISSING


@dataclass(frozen=True)
class LectureRecord:
    """What one lecture's outputs were built from, and what they are."""

    stem: str
    title: str
    slides: int
    inputs: dict[str, str]  # absolute input path → file_digest when built
    outputs: tuple[str, ...]  # files in the course's output folder, relative to it
    mindmaps: tuple[str, ...] = ()  # mind map pages among the outputs, in slide order
    thumbnail: str = ""  # its title slide drawn for the course home (render.thumbnail), kept with it
    search: tuple[SearchEntry, ...] = ()  # its HTML deck's slides for the course home's search, read once
    objectives: tuple[str, ...] = ()  # its learning objectives as plain text, for the course home's card

    def fresh(self, folder: Path, digest_of: Callable[[Path], str] = file_digest) -> bool:
        """Whether every input is as when built (`digest_of` gives its digest now) and every output is still
        in `folder`."""
        return all(digest_of(Path(path)) == digest for path, digest in self.inputs.items()) and all(
            (folder / output).is_file() for output in self.outputs
        )


@dataclass(frozen=True)
class Manifest:
    options: str  # options_key of the build that wrote it
    lectures: tuple[LectureRecord, ...]

    def record(self, stem: str) -> LectureRecord | None:
        return next((record for record in self.lectures if record.stem == stem), None)


def options_key(
    formats: Iterable[str], theme: str | None, png_width: int | None = None, handout: HandoutOptions | None = None
) -> str:
    """What the build's options and the tool contribute to every output: a change rebuilds everything."""
    chosen = sorted(formats)
    options: dict[str, object] = {"version": __version__, "formats": chosen, "theme": theme}
    if "png" in chosen:
        options["png_width"] = png_width
    if "handout" in chosen and handout is not None:
        options["handout"] = handout.key()
    return json.dumps(options, sort_keys=True)


def digests(paths: Iterable[Path]) -> dict[str, str]:
    """Input path → digest, for a record."""
    return {str(path.absolute()): file_digest(path) for path in sorted(set(paths))}


def course_inputs(course_file: Path, theme: str | None) -> list[Path]:
    """The files every lecture of a course depends on: course.yaml, the course's own theme files (any file
    under themes/: a theme may extend another) and a --theme given as a path."""
    inputs = [course_file]
    themes = course_file.parent / "themes"
    if themes.is_dir():
        inputs += sorted(path for path in themes.rglob("*") if path.is_file())
    if theme is not None:
        given = Path(theme)
        inputs += [given / "theme.yaml"] if given.is_dir() else [given] if given.is_file() else []
    return inputs


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in a course's output folder; None when there is none or it cannot be used."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if data["layout"] != LAYOUT:
            return None
        lectures = tuple(
            LectureRecord(
                str(r["stem"]),
                str(r["title"]),
                int(r["slides"]),
                {str(k): str(v) for k, v in r["inputs"].items()},
                tuple(map(str, r["outputs"])),
                tuple(map(str, r["mindmaps"])),
                str(r["thumbnail"]),
                tuple((int(n), str(title), str(text), str(notes)) for n, title, text, notes in r["search"]),
                tuple(map(str, r["objectives"])),
            )
            for r in data["lectures"]
        )
        return Manifest(str(data["options"]), lectures)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def manifest_json(manifest: Manifest) -> str:
    """The manifest file's text (stable: equal manifests give equal bytes)."""
    lectures = [
        {
            "stem": r.stem,
            "title": r.title,
            "slides": r.slides,
            "inputs": dict(sorted(r.inputs.items())),
            "outputs": sorted(r.outputs),
            "mindmaps": list(r.mindmaps),
            "thumbnail": r.thumbnail,
            "search": list(r.search),
            "objectives": list(r.objectives),
        }
        for r in manifest.lectures
    ]
    return json.dumps({"layout": LAYOUT, "options": manifest.options, "lectures": lectures}, indent=1) + "\n"
