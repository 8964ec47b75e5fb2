"""Thumbnails of each deck's title slide for the course home, taken with the system Chromium.

One headless Chromium run per course: a throw-away page shows every deck's first slide side by side in
frames (each deck in the view its presenter view uses for the next slide, `?view=next#1`: the slide
alone, without the on-screen controls), and one screenshot is cut into thumbnails (PNG data: URIs, so
the course home stays one file). When Chromium is missing or fails, there are simply no thumbnails.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from lecturedeck.convert.node_tools import user_cache
from lecturedeck.convert.run import run_tool
from lecturedeck.errors import DeckError
from lecturedeck.output.cached import read_entry, store_entry

if TYPE_CHECKING:
    from PIL.Image import Image

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMIUM_VARIABLE = "LECTUREDECK_CHROMIUM"  # a browser to use instead; empty: no thumbnails
WIDTH, HEIGHT = 640, 360  # one thumbnail, in CSS pixels (the deck scales its 16:9 slide to fit)
COLUMNS = 4
TIMEOUT = 60


def find_chromium() -> str | None:
    """The Chromium to use: $LECTUREDECK_CHROMIUM when set (empty: none), else the first one on PATH."""
    chosen = os.environ.get(CHROMIUM_VARIABLE)
    if chosen is not None:
        return shutil.which(chosen) if chosen else None
    return next((path for name in CHROMIUM if (path := shutil.which(name))), None)


def _contact_page(decks: list[Path]) -> str:
    frames = "".join(
        f'<iframe src="{html.escape(deck.resolve().as_uri())}?view=next#1" width="{WIDTH}" height="{HEIGHT}"></iframe>'
        for deck in decks
    )
    style = f"*{{margin:0;padding:0;border:0}}body{{display:grid;grid-template-columns:repeat({COLUMNS},{WIDTH}px)}}"
    return f"<!DOCTYPE html><html><head><style>{style}</style></head><body>{frames}</body></html>"


def thumbnails(decks: Mapping[str, Path], first_slides: Mapping[str, Path] = MappingProxyType({})) -> dict[str, str]:
    """A `data:image/png` URI of the first slide of each HTML deck, by the same keys; {} without Chromium.
    A deck whose first slide's picture is in `first_slides` (a PNG that `--to png` made) gets it, scaled.

    Thumbnails are kept in the user cache by the digest of the deck's HTML, so a lecture that did not
    change (an incremental build, `deck serve`) costs no Chromium run."""
    made = {key: png for key, path in first_slides.items() if key in decks and (png := _scaled(path))}
    chromium = find_chromium()
    others = {key: path for key, path in decks.items() if key not in made}
    return {key: _uri(png) for key, png in made.items()} | (_taken(chromium, others) if chromium else {})


def _uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _scaled(path: Path) -> bytes | None:
    """A slide picture at the thumbnail's size, as PNG; None when it cannot be read."""
    from PIL import Image as images

    try:
        with images.open(path) as image:
            return _png(image.resize((WIDTH, HEIGHT), images.Resampling.LANCZOS), 0)
    except OSError:
        return None


def _taken(chromium: str, decks: Mapping[str, Path]) -> dict[str, str]:
    """Thumbnails of `decks` from the user cache, or taken with Chromium."""
    if not decks:
        return {}
    size = f"{WIDTH}x{HEIGHT}\n".encode()  # a new size is a new picture
    keys = {key: hashlib.sha256(size + path.read_bytes()).hexdigest() for key, path in decks.items()}
    folder = user_cache() / "thumbnails"
    pictures = {key: cached for key, digest in keys.items() if (cached := read_entry(folder / f"{digest}.png"))}
    missing = [key for key in decks if key not in pictures]
    for key, png in _screenshots(chromium, {key: decks[key] for key in missing}).items():
        pictures[key] = png
        store_entry(folder / f"{keys[key]}.png", png)
    return {key: _uri(png) for key, png in pictures.items()}


def _screenshots(chromium: str, decks: Mapping[str, Path]) -> dict[str, bytes]:
    """PNG bytes of each deck's first slide from one Chromium run; {} when there is nothing to take or it fails."""
    if not decks:
        return {}
    from PIL import Image as images

    order = list(decks)
    rows = math.ceil(len(order) / COLUMNS)
    with tempfile.TemporaryDirectory(prefix="lecturedeck-thumbnails-") as tmp:
        page, shot = Path(tmp) / "decks.html", Path(tmp) / "decks.png"
        page.write_text(_contact_page([decks[key] for key in order]), encoding="utf-8")
        command = [chromium, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
        command += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
        command += [f"--user-data-dir={tmp}/profile"]
        command += [f"--window-size={WIDTH * COLUMNS},{HEIGHT * rows}", f"--screenshot={shot}", page.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses root otherwise; it shows only our own pages
        try:
            done = run_tool(command, "Chromium", timeout=TIMEOUT)
        except DeckError:
            return {}
        if done.returncode != 0 or not shot.is_file():
            return {}
        with images.open(shot) as image:
            if image.size != (WIDTH * COLUMNS, HEIGHT * rows):
                return {}
            return {key: _png(image, index) for index, key in enumerate(order)}


def _png(image: Image, index: int) -> bytes:
    left, top = (index % COLUMNS) * WIDTH, (index // COLUMNS) * HEIGHT
    data = io.BytesIO()
    image.crop((left, top, left + WIDTH, top + HEIGHT)).convert("RGB").save(data, "PNG", optimize=True)
    return data.getvalue()
