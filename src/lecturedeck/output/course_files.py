"""The files a build writes into OUT/<course>/, and which of the previous build's it keeps.

The folder belongs to lecturedeck and is replaced as a whole by every build. A build of some formats
(`--to html`) keeps the previous build's other formats of the lectures still in the course, and
`images/` while a deck that shows them is kept. Outputs of lectures removed from course.yaml go, their
slide pictures too (any NNN.png in a folder that is not a lecture's), and folders left empty. Anything
else found there (a file lecturedeck never writes) is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection

DEFAULT_FORMATS = ("md", "html", "pptx")  # what `deck build` makes when no --to is given
PRINTED = ("pdf", "png", "handout")  # printed from the HTML decks by Chromium (convert.pdf, convert.handout)
FORMATS = (*DEFAULT_FORMATS, *PRINTED)
CONVERTED = frozenset({"html", *PRINTED})  # made from the HTML marp-cli converts
FILE_FORMATS = ("md", "html", "pptx", "pdf")  # formats that write OUT/<course>/<lecture>.<format>
PNG_WIDTH = 1280  # px: the default width of slide pictures (--png-width), the slides' own CSS width
HANDOUT_END = "-handout.pdf"  # a lecture's handout: <stem>-handout.pdf
IMAGES_DIR = "images"  # pictures and drawings shown by the md and html decks
INDEX_PAGE = "index.html"  # written by every build that leaves HTML decks, so never kept
SLIDE_PICTURE = re.compile(r"[0-9]{3,}\.png")  # a slide's picture in a lecture's folder: lecture_file(stem, "png", n)


def kept(path: str, stems: Collection[str], built: Collection[str]) -> bool:
    """Whether the previous build's file `path` (relative to the course's output folder: `a/001.png`) carries
    over into a build of the formats `built` of a course whose lectures are `stems`. The course PDF (not a
    lecture's) is kept by the build."""
    top, slash, inside = path.partition("/")
    if top == IMAGES_DIR:
        return not {"md", "html"} <= set(built)
    if slash:  # in a lecture's folder of slide pictures (png), or in a folder lecturedeck never writes
        return "png" not in built if top in stems else not SLIDE_PICTURE.fullmatch(inside)
    base, dot, suffix = path.rpartition(".")
    if path.endswith(HANDOUT_END) and path.removesuffix(HANDOUT_END) in stems:
        return "handout" not in built
    if not dot or suffix not in FILE_FORMATS:
        return True
    if suffix in built or path == INDEX_PAGE:
        return False
    return base in stems or (suffix == "html" and any(base.startswith(f"{stem}-mindmap-") for stem in stems))


def lecture_file(stem: str, fmt: str, slide: int = 1) -> str:
    """A lecture's output file of a format, relative to the course's output folder (png: one slide's picture)."""
    if fmt == "handout":
        return f"{stem}{HANDOUT_END}"
    return f"{stem}/{slide:03d}.png" if fmt == "png" else f"{stem}.{fmt}"


def course_pdf_name(course: str) -> str:
    """The course PDF (every lecture in one file) in OUT/<course>/: named after the course folder."""
    return f"{course}.pdf"
