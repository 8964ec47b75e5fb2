"""Thumbnails of each deck's title slide for the course home, taken with the system Chromium.

One headless Chromium run per build: a throw-away page shows every deck's first slide side by side in
frames (each deck in the view its presenter view uses for the next slide, `?view=next#1`: the slide
alone, without the on-screen controls), and one screenshot is cut into thumbnails (PNG data: URIs, so
the course home stays one file). `deck serve` keeps a Chromium running instead (`chromium_started`:
driven through Playwright, the same pixels). When Chromium is missing or fails, there are
simply no thumbnails.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from lecturedeck.convert.node_tools import user_cache
from lecturedeck.convert.run import run_tool
from lecturedeck.errors import DeckError
from lecturedeck.output.cached import read_entry, store_entry

if TYPE_CHECKING:
    from PIL.Image import Image
    from playwright.sync_api import Browser

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


class Camera:
    """A headless Chromium in a thread of its own (Playwright's sync API stays in the thread that started it),
    started at once: `shoot` waits for it."""

    def __init__(self, chromium: str) -> None:
        self._jobs: queue.Queue[tuple[Path, int, int] | None] = queue.Queue()
        self._shots: queue.Queue[bytes | None] = queue.Queue()
        self._ended = threading.Event()
        threading.Thread(target=self._run, args=(chromium,), name="deck-thumbnails", daemon=True).start()

    def shoot(self, page: Path, width: int, height: int) -> bytes | None:
        """A PNG screenshot of `page` loaded in a window of width × height CSS px; None when Chromium failed."""
        self._jobs.put((page, width, height))
        try:
            return self._shots.get(timeout=TIMEOUT)
        except queue.Empty:
            return None

    def close(self) -> None:
        self._jobs.put(None)
        self._ended.wait(TIMEOUT)

    def _run(self, chromium: str) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=[*sandbox_args(), "--disable-gpu"])
                while (job := self._jobs.get()) is not None:
                    self._shots.put(_screenshot(browser, *job))
                browser.close()
        except Exception:  # Chromium would not start or went away: no thumbnails, whatever is asked
            while (job := self._jobs.get()) is not None:
                self._shots.put(None)
        finally:
            self._ended.set()


def _screenshot(browser: Browser, page: Path, width: int, height: int) -> bytes | None:
    from playwright.sync_api import Error

    try:
        tab = browser.new_page(viewport={"width": width, "height": height})
        try:
            tab.goto(page.as_uri(), wait_until="load", timeout=TIMEOUT * 1000)
            return tab.screenshot()
        finally:
            tab.close()
    except Error:
        return None


def sandbox_args() -> list[str]:
    """Chromium's extra arguments for this user: root runs it with --no-sandbox (Chromium refuses root
    otherwise; it shows only our own pages)."""
    return ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


@contextmanager
def chromium_started() -> Iterator[Camera | None]:
    """The system Chromium started now and kept for the thumbnails of every build `deck serve` makes (None
    without it)."""
    chromium = find_chromium()
    camera = Camera(chromium) if chromium else None
    try:
        yield camera
    finally:
        if camera is not None:
            camera.close()


def thumbnails(
    decks: Mapping[str, Path], first_slides: Mapping[str, Path] = MappingProxyType({}), camera: Camera | None = None
) -> dict[str, str]:
    """A `data:image/png` URI of the first slide of each HTML deck, by the same keys; {} without Chromium.
    A deck whose first slide's picture is in `first_slides` (a PNG that `--to png` made) gets it, scaled.
    `camera`: a Chromium kept running (`deck serve`'s, chromium_started), else one is run when needed.

    Thumbnails are kept in the user cache by the digest of the deck's HTML, so a lecture that did not
    change (an incremental build, `deck serve`) costs no Chromium run."""
    made = {key: png for key, path in first_slides.items() if key in decks and (png := _scaled(path))}
    others = {key: path for key, path in decks.items() if key not in made}
    return {key: _uri(png) for key, png in made.items()} | _taken(others, camera)


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


def _taken(decks: Mapping[str, Path], camera: Camera | None) -> dict[str, str]:
    """Thumbnails of `decks` from the user cache, or taken with Chromium (`camera`, or one run now)."""
    shoot = camera.shoot if camera is not None else _run_once()
    if not decks or shoot is None:
        return {}
    size = f"{WIDTH}x{HEIGHT}\n".encode()  # a new size is a new picture
    keys = {key: hashlib.sha256(size + path.read_bytes()).hexdigest() for key, path in decks.items()}
    folder = user_cache() / "thumbnails"
    pictures = {key: cached for key, digest in keys.items() if (cached := read_entry(folder / f"{digest}.png"))}
    missing = [key for key in decks if key not in pictures]
    for key, png in _screenshots(shoot, {key: decks[key] for key in missing}).items():
        pictures[key] = png
        store_entry(folder / f"{keys[key]}.png", png)
    return {key: _uri(png) for key, png in pictures.items()}


Shoot = Callable[[Path, int, int], bytes | None]  # a PNG screenshot of a page in a window of width × height


def _run_once() -> Shoot | None:
    """One `chromium --screenshot` run per screenshot: quicker than starting Playwright for one picture; None
    without Chromium."""
    chromium = find_chromium()
    if chromium is None:
        return None

    def shoot(page: Path, width: int, height: int) -> bytes | None:
        with tempfile.TemporaryDirectory(prefix="lecturedeck-thumbnails-") as tmp:
            shot = Path(tmp) / "shot.png"
            command = [chromium, *sandbox_args(), "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
            command += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
            command += [f"--user-data-dir={tmp}/profile"]
            command += [f"--window-size={width},{height}", f"--screenshot={shot}", page.as_uri()]
            try:
                done = run_tool(command, "Chromium", timeout=TIMEOUT)
            except DeckError:
                return None
            return shot.read_bytes() if done.returncode == 0 and shot.is_file() else None

    return shoot


def _screenshots(shoot: Shoot, decks: Mapping[str, Path]) -> dict[str, bytes]:
    """PNG bytes of each deck's first slide from one screenshot; {} when Chromium fails."""
    if not decks:
        return {}
    from PIL import Image as images

    order = list(decks)
    rows = math.ceil(len(order) / COLUMNS)
    with tempfile.TemporaryDirectory(prefix="lecturedeck-thumbnails-") as tmp:
        page = Path(tmp) / "decks.html"
        page.write_text(_contact_page([decks[key] for key in order]), encoding="utf-8")
        shot = shoot(page, WIDTH * COLUMNS, HEIGHT * rows)
    if shot is None:
        return {}
    with images.open(io.BytesIO(shot)) as image:
        if image.size != (WIDTH * COLUMNS, HEIGHT * rows):
            return {}
        return {key: _png(image, index) for index, key in enumerate(order)}


def _png(image: Image, index: int) -> bytes:
    left, top = (index % COLUMNS) * WIDTH, (index // COLUMNS) * HEIGHT
    data = io.BytesIO()
    image.crop((left, top, left + WIDTH, top + HEIGHT)).convert("RGB").save(data, "PNG", optimize=True)
    return data.getvalue()
