"""Printing HTML pages to PDF, and picturing them, with the system Chromium (through Playwright: no downloaded
browser).

One Chromium runs for all the pages of a call. Each PDF keeps real text (selectable and searchable, fonts
embedded: Chromium writes OpenType CFF fonts such as Noto Sans CJK as Type 3 fonts with a ToUnicode table),
clickable links and the page's tagged structure; then (with pikepdf, while Chromium prints the next page) its
title, language and bookmarks are set and CJK radical look-alikes in its text layer are mapped back to the
ideographs (lecturedeck.convert.pdf_text). Every PDF is written under a temporary name and renamed into place.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lecturedeck.convert.chromium import CHROMIUM_VARIABLE, find_chromium, sandbox_args
from lecturedeck.convert.pdf_text import unify_radicals
from lecturedeck.errors import DeckError
from lecturedeck.output.atomic import write_atomically

if TYPE_CHECKING:
    import pikepdf
    from playwright.sync_api import Browser, Page

TIMEOUT_MS = 120_000  # one page's load or print
MISSING = (
    "Chromium is needed to print PDF and PNG outputs and was not found: install it (Debian/Ubuntu: "
    f"'sudo apt install chromium'), set {CHROMIUM_VARIABLE} to the browser to use, or build without pdf and png"
)


@dataclass(frozen=True)
class Bookmark:
    """One entry of a PDF's outline: its depth (1 = top level), its text and its 1-based page."""

    level: int
    title: str
    page: int


@dataclass(frozen=True)
class PrintJob:
    """One HTML file to print into one PDF.

    width/height: the page size as a CSS length ("210mm", "8.5in"); None for both: the page's own CSS
    `@page` size (a built deck's 1280×720 px slides). margins: top, right, bottom, left as CSS lengths.
    header/footer: Chromium header and footer templates (HTML with `<span class="pageNumber">`,
    `totalPages`, `title`; give them a font-size), drawn in the top and bottom margins; None: none.
    title, lang: the document's title and language (BCP 47). bookmarks: its outline, in page order.
    cjk_fonts: the CJK font families the page draws with (a theme's east_asian stack), to map radical
    look-alikes in the text layer back to ideographs; empty: Kangxi radicals by their Unicode equivalents."""

    html: Path
    pdf: Path
    title: str
    lang: str
    width: str | None = None
    height: str | None = None
    margins: tuple[str, str, str, str] = ("0", "0", "0", "0")
    header: str | None = None
    footer: str | None = None
    bookmarks: tuple[Bookmark, ...] = ()
    cjk_fonts: tuple[str, ...] = ()


def require_chromium() -> str:
    """The Chromium to print with, or a DeckError naming the package to install."""
    chromium = find_chromium()
    if chromium is None:
        raise DeckError(MISSING)
    return chromium


@dataclass(frozen=True)
class ShotJob:
    """Pictures of the elements of one HTML file that `selector` finds, in document order, one PNG each (as
    many as `pictures` names), with print media styles (a deck's slides one below the other, every reveal
    step shown)."""

    html: Path
    selector: str
    pictures: tuple[Path, ...]


@contextmanager
def _chromium() -> Iterator[Browser]:
    """The system Chromium, started once; its failures are DeckErrors."""
    chromium = require_chromium()
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=sandbox_args())
            try:
                yield browser
            finally:
                browser.close()
    except Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DeckError(f"Chromium ({chromium}) could not print or picture a page: {first}") from None


def _load(page: Page, html: Path) -> None:
    page.goto(html.resolve().as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")


def _outside_event_loop(work: Callable[[], None]) -> None:
    """Run `work` in this thread, or in a thread of its own when this one runs an asyncio loop (a server,
    or another Playwright session): Playwright's sync API refuses to start inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        work()
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lecturedeck-chromium") as thread:
        thread.submit(work).result()


def print_html_to_pdf(jobs: Sequence[PrintJob]) -> None:
    """Print every job's HTML file to its PDF with one Chromium; raises DeckError when Chromium is missing
    or cannot print (no PDF of a failed job is left behind)."""
    if jobs:
        _outside_event_loop(lambda: _print(jobs))


def _print(jobs: Sequence[PrintJob]) -> None:
    finishing: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=1) as finisher, _chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for job in jobs:
            _load(page, job.html)
            finishing.append(finisher.submit(_finish, _pdf(page, job), job))
    for done in finishing:
        done.result()


def screenshot_elements(jobs: Sequence[ShotJob], scale: float = 1.0) -> None:
    """Take every job's pictures with one Chromium, at `scale` device pixels per CSS pixel."""
    if jobs:
        _outside_event_loop(lambda: _shoot(jobs, scale))


def _shoot(jobs: Sequence[ShotJob], scale: float) -> None:
    with _chromium() as browser:
        page = browser.new_page(device_scale_factor=scale)
        page.set_default_timeout(TIMEOUT_MS)
        page.emulate_media(media="print")
        for job in jobs:
            _load(page, job.html)
            elements = page.locator(job.selector)
            if elements.count() != len(job.pictures):
                raise DeckError(f"{job.html} shows {elements.count()} slides, not {len(job.pictures)}")
            for index, picture in enumerate(job.pictures):
                picture.parent.mkdir(parents=True, exist_ok=True)
                elements.nth(index).screenshot(path=picture, animations="disabled")


def _pdf(page: Page, job: PrintJob) -> bytes:
    top, right, bottom, left = job.margins
    return page.pdf(
        width=job.width,
        height=job.height,
        prefer_css_page_size=job.width is None,
        margin={"top": top, "right": right, "bottom": bottom, "left": left},
        print_background=True,
        display_header_footer=job.header is not None or job.footer is not None,
        header_template=job.header or "<span></span>",
        footer_template=job.footer or "<span></span>",
        tagged=True,
    )


def _finish(data: bytes, job: PrintJob) -> None:
    """Set the title, language and bookmarks, repair the text layer, write the PDF atomically."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        describe(pdf, job.title, job.lang, job.bookmarks)
        unify_radicals(pdf, job.cjk_fonts)
        save(pdf, job.pdf)


def describe(pdf: pikepdf.Pdf, title: str, lang: str, bookmarks: Sequence[Bookmark]) -> None:
    """Set a PDF's title, language and outline (replacing any it had)."""
    import pikepdf

    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Producer"] = "lecturedeck"
    if lang:
        pdf.Root.Lang = pikepdf.String(lang)
    with pdf.open_outline() as outline:
        outline.root.clear()
        children: dict[int, list[pikepdf.OutlineItem]] = {0: outline.root}
        for mark in bookmarks:
            item = pikepdf.OutlineItem(mark.title, mark.page - 1)
            children[mark.level - 1].append(item)
            children[mark.level] = item.children


def save(pdf: pikepdf.Pdf, target: Path) -> None:
    """Write a PDF to `target` atomically (lecturedeck.output.atomic)."""
    data = io.BytesIO()
    pdf.save(data)
    write_atomically(target, data.getvalue())
