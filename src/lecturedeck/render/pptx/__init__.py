"""Deck → native, editable PPTX: master and layouts from the theme, real text, tables and pictures.

Modules: `master` (presentation, theme fonts/colours, slide master, Pandoc-named layouts), `text`
(spans → runs with Latin + East Asian fonts and `lang`), `slots` (where symbols need the Latin font as
their East Asian one), `slides` (layout per slide, stacking,
footer; every box from the laid-out deck, nothing measured here), `graphic` (laid-out shapes and
text boxes: timelines, model cards), `pages` (new slides, notes pages and footers copied
from prototypes, for speed), `bullets` (text frames), `notes`, `shapes` and `units` (small helpers);
each slide kind's drawer lives in its home, `lecturedeck/kinds/<kind>/pptx.py`.

`render_pptx` imports the renderer when called: a build without PPTX output should not load
python-pptx and the slide modules (≈ 0.15 s of start-up).
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lecturedeck.layout.model import LaidOutDeck
    from lecturedeck.themes import Theme

__all__ = ["render_pptx"]


def render_pptx(laid: LaidOutDeck, theme: Theme) -> bytes:
    """The .pptx file of a laid-out deck."""
    with _collecting_own_garbage():
        return _pptx_bytes(laid, theme)


@contextmanager
def _collecting_own_garbage() -> Iterator[None]:
    """Free the reference cycles the block leaves behind when it ends. python-pptx's parts and
    relationships refer to each other and hold whole XML trees (≈ 30 MB for a 250-slide deck); the
    cyclic GC counts objects, not bytes, so with a big planned course alive it let a 20-lecture build
    grow by one deck's trees per lecture (630 MB for 5,000 slides). Older objects are frozen meanwhile:
    the collection scans only what the block made (a full one takes 0.4 s beside a 5,000-slide plan)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()


def _pptx_bytes(laid: LaidOutDeck, theme: Theme) -> bytes:
    from lecturedeck.render.pptx.master import new_presentation
    from lecturedeck.render.pptx.pages import Pages
    from lecturedeck.render.pptx.slides import add_slide
    from lecturedeck.render.pptx.text import Typesetter

    deck = laid.deck
    prs = new_presentation(theme, deck.lang)
    pages, ts = Pages(prs), Typesetter(theme, deck.lang)
    for slide in laid.slides:
        add_slide(pages, laid, slide, ts)
    props = prs.core_properties
    props.title = _property(deck.lecture_title)
    props.subject = _property(deck.course_title)
    props.author = _property(deck.author)
    props.language = deck.lang
    props.last_modified_by = "lecturedeck"
    props.revision = 1
    props.created = props.modified = FIXED_TIME
    out = io.BytesIO()
    prs.save(out)
    return deterministic_zip(out.getvalue())


FIXED_TIME = dt.datetime(2000, 1, 1)  # the document's created/modified dates: the same bytes whenever it is built
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def deterministic_zip(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME: equal inputs give equal bytes however and whenever they
    are built (python-pptx dates each entry with the current time). The date is rewritten in place in each
    entry's local header and central directory record, nothing is compressed again."""
    year, month, day, hour, minute, second = ZIP_TIME
    stamp = struct.pack("<HH", hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        record = archive.start_dir  # the central directory: one record per entry, in order
    for entry in entries:
        out[entry.header_offset + 10 : entry.header_offset + 14] = stamp  # local header: time, date
        if out[record : record + 4] != b"PK\x01\x02":
            raise ValueError("not a zip central directory record")
        out[record + 12 : record + 16] = stamp
        name, extra, comment = struct.unpack_from("<HHH", out, record + 28)
        record += 46 + name + extra + comment
    return bytes(out)


MAX_PROPERTY = 255  # characters python-pptx (and PowerPoint) allow in a document property


def _property(text: str) -> str:
    """A document property (title, subject, author): the text, shortened with an ellipsis past MAX_PROPERTY."""
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "…"
