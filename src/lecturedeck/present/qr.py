"""The join QR code: a URL as an inline SVG (segno, pure Python), dark modules on white with the standard
four-module quiet zone, so a phone camera reads it on any theme and from the back of the room."""

from __future__ import annotations

import io

import segno

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_svg(url: str) -> str:
    """`url` as a scalable SVG document (no size, no XML declaration: it fills whatever box shows it)."""
    code = segno.make(url, error="m", micro=False)  # segno raises the level when the version has room
    out = io.BytesIO()
    code.save(
        out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True,
        border=QUIET_ZONE, dark="#000", light="#fff",
    )  # fmt: skip
    return out.getvalue().decode("ascii")
