"""Regenerate the README's slide images: the same slide as HTML (Chromium) and PPTX (LibreOffice).

    make docs        # = .venv/bin/python docs/screenshots.py

Builds slides/llm-course into a temporary folder, takes a few representative slides, and writes
docs/<name>.png: HTML on the left, PPTX on the right, small enough to keep in git.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.quality import to_pdf  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

COURSE = ROOT / "slides" / "llm-course"
WIDTH = 480  # px per half; each image is 2 × 480 × 270
# (image name, lecture stem, slide title to find)
SHOTS = [
    ("title", "01-overview", None),
    ("timeline", "02-history", "kind-timeline"),
    ("math", "03-techniques", "kind-math"),
    ("diagram", "03-techniques", "kind-diagram"),
    ("model-card", "04-nlp-models", "kind-model"),
    ("mindmap", "06-applications", "kind-mindmap"),
]


def _slide_index(html: Path, css_class: str | None) -> int:
    """1-based number of the first slide with the class (the title slide when None)."""
    if css_class is None:
        return 1
    text = html.read_text(encoding="utf-8")
    sections = text.split("<section ")[1:]
    real = [s for s in sections if 'data-marpit-advanced-background="background"' not in s[:400]]
    return next(i for i, s in enumerate(real, start=1) if css_class in s[:600])


def _html_shot(page: object, html: Path, number: int, out: Path) -> None:
    page.goto(f"{html.as_uri()}#{number}")  # type: ignore[attr-defined]
    page.add_style_tag(content=".bespoke-marp-osc { display: none !important; }")  # type: ignore[attr-defined]
    page.wait_for_timeout(400)  # type: ignore[attr-defined]
    page.screenshot(path=str(out))  # type: ignore[attr-defined]


def _pptx_page(pdf: Path, number: int, out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile", str(pdf), str(stem)],
        check=True,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, "-m", "lecturedeck", "build", str(COURSE), "--out", str(work)], check=True)
        built = work / COURSE.name
        stems = sorted({stem for _, stem, _ in SHOTS})
        pdfs = {p.stem: p for p in to_pdf([built / f"{s}.pptx" for s in stems], work / "pdf")}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for name, stem, css_class in SHOTS:
                html = built / f"{stem}.html"
                number = _slide_index(html, css_class)
                _html_shot(page, html, number, work / "h.png")
                _pptx_page(pdfs[stem], number, work / "p.png")
                halves = [
                    Image.open(work / f).convert("RGB").resize((WIDTH, WIDTH * 9 // 16)) for f in ("h.png", "p.png")
                ]
                sheet = Image.new("RGB", (2 * WIDTH + 8, WIDTH * 9 // 16), "white")
                sheet.paste(halves[0], (0, 0))
                sheet.paste(halves[1], (WIDTH + 8, 0))
                sheet.save(ROOT / "docs" / f"{name}.png", optimize=True)
                print(f"docs/{name}.png  ({stem}, slide {number})")
            browser.close()


if __name__ == "__main__":
    main()
