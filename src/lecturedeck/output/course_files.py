"""The files a build writes into OUT/<course>/, and which of the previous build's it keeps.

The folder belongs to lecturedeck and is replaced as a whole by every build. A build of some formats
(`--to html`) keeps the previous build's other formats of the lectures still in the course, and
`images/` while a deck that shows them is kept. Outputs of lectures removed from course.yaml go.
Anything else found there (a file lecturedeck never writes) is kept as it is.
"""

from __future__ import annotations

from collections.abc import Collection

FORMATS = ("md", "html", "pptx")
IMAGES_DIR = "images"  # pictures and drawings shown by the md and html decks
INDEX_PAGE = "index.html"  # written by every build that leaves HTML decks, so never kept


def kept(name: str, stems: Collection[str], built: Collection[str]) -> bool:
    """Whether the previous build's top-level entry `name` carries over into a build of the formats
    `built` of a course whose lectures are `stems`."""
    if name == IMAGES_DIR:
        return not {"md", "html"} <= set(built)
    base, dot, suffix = name.rpartition(".")
    if not dot or suffix not in FORMATS:
        return True
    if suffix in built or name == INDEX_PAGE:
        return False
    return base in stems or (suffix == "html" and any(base.startswith(f"{stem}-mindmap-") for stem in stems))
