"""Pictures a deck shows: found beside the deck, given a name in the course's images/ folder (copied
when the course is written), and Marp's image keywords (bg, left:40%, w:300 …) read as placement and width."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

IMAGE_FOLDER = "images"
SHOWN = frozenset([".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg"])  # what the image kind draws
BODY_WIDTH = 1152  # px: the width of a lecturedeck slide's body, to turn Marp's w:300 into a fraction
SIZE = re.compile(r"^(?:w|width|h|height):(\d+(?:\.\d+)?)(?:px)?$")
SPLIT = re.compile(r"^(left|right)(?::(\d+(?:\.\d+)?)%)?$")
FILTER = re.compile(
    r"^(?:blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(?::.*)?$"
)
KEYWORD = re.compile(r"^(?:bg|contain|cover|fit|auto|vertical|x?[\d.]+%?)$")


@dataclass(frozen=True)
class ImageSyntax:
    """What Marp's keywords in an image's alt text ask for."""

    alt: str
    background: bool = False
    side: str | None = None  # left or right (a split background)
    width: float | None = None  # of the body width (w:) or of the slide (left:40%)
    dropped: tuple[str, ...] = ()  # keywords lecturedeck has no equivalent of (filters, h:)


def image_syntax(alt: str) -> ImageSyntax:
    words, dropped = [], []
    background, side, width = False, None, None
    for word in alt.split():
        split, size = SPLIT.match(word), SIZE.match(word)
        if word == "bg":
            background = True
        elif split:
            side = split.group(1)
            width = float(split.group(2)) / 100 if split.group(2) else width
        elif size and word.startswith("w"):
            width = min(1.0, float(size.group(1)) / BODY_WIDTH)
        elif size or FILTER.match(word):
            dropped.append(word)
        elif KEYWORD.match(word):
            continue
        else:
            words.append(word)
    return ImageSyntax(" ".join(words), background, side if background else None, width, tuple(dropped))


@dataclass
class ImageStore:
    """The course's pictures: each source file once, under a name unique in images/."""

    names: dict[Path, str] = field(default_factory=dict)  # source file → file name in images/

    def add(self, source: Path) -> str:
        """The course-relative path the outline names `source` by."""
        if source not in self.names:
            name = source.name
            if name in self.names.values():
                digest = hashlib.sha256(str(source).encode()).hexdigest()[:8]
                name = f"{source.stem}-{digest}{source.suffix}"
            self.names[source] = name
        return f"{IMAGE_FOLDER}/{self.names[source]}"


def local_file(src: str, folder: Path) -> Path | None:
    """The file an image source names beside the deck; None for a URL."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith("//"):
        return None
    return (folder / unquote(src.split("#")[0].split("?")[0])).resolve()
