"""Look at a built lecture the way a lecturer would: every slide, HTML (Chromium) beside PPTX (LibreOffice).

    .venv/bin/python docs/contact_sheet.py build/llm-course/02-history.html [--out sheet.png] [--width 400]

Writes one PNG per lecture (default: <lecture>-sheet.png next to the HTML): one row per slide, the
HTML screenshot on the left and the LibreOffice rendering of the .pptx beside it on the right.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.quality import to_pdf  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

GAP = 6


def html_shots(html: Path, out: Path) -> list[Path]:
    """One 1280 × 720 screenshot per slide of a Marp HTML deck."""
    shots: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(html.resolve().as_uri())
        page.add_style_tag(content=".bespoke-marp-osc, .bespoke-progress-parent { display: none !important; }")
        count = page.evaluate("document.querySelectorAll('svg[data-marpit-svg]').length")
        for n in range(1, count + 1):
            page.evaluate(f"location.hash = '#{n}'")
            page.wait_for_timeout(120)
            shots.append(out / f"h{n:03}.png")
            page.screenshot(path=str(shots[-1]))
        browser.close()
    return shots


def pptx_pages(pptx: Path, out: Path) -> list[Path]:
    """One PNG per page of LibreOffice's PDF of the deck."""
    (pdf,) = to_pdf([pptx], out / "pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "96", str(pdf), str(out / "p")], check=True)
    return sorted(out.glob("p-*.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--width", type=int, default=400, help="width of each half in px")
    args = parser.parse_args()
    html: Path = args.html
    out = args.out or html.with_name(f"{html.stem}-sheet.png")
    w = args.width
    h = w * 9 // 16
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        left = html_shots(html, work)
        pptx = html.with_suffix(".pptx")
        right = pptx_pages(pptx, work) if pptx.exists() else []
        rows = max(len(left), len(right))
        sheet = Image.new("RGB", (2 * w + 3 * GAP + 30, rows * (h + GAP) + GAP), "#888888")
        draw = ImageDraw.Draw(sheet)
        for i in range(rows):
            y = GAP + i * (h + GAP)
            draw.text((4, y + h // 2), str(i + 1), fill="white")
            for col, shots in enumerate((left, right)):
                if i < len(shots):
                    img = Image.open(shots[i]).convert("RGB").resize((w, h))
                    sheet.paste(img, (30 + GAP + col * (w + GAP), y))
        sheet.save(out, optimize=True)
    print(out)


if __name__ == "__main__":
    main()
