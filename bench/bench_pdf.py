"""PDF speed and quality: `deck build --to pdf` vs `marp --pdf` on the same markdown with the same Chromium.

    .venv/bin/python bench/bench_pdf.py [COURSE] [--runs N] [--out DIR]

COURSE (default: slides/llm-course) is built to Marp markdown once (`deck build --to md`, with its images);
then, N times each and interleaved (median wall time):

- ours: `deck build COURSE --to pdf --force` in a fresh process, the whole way from the YAML outline (load,
  plan, markdown, one marp-cli HTML call, one Chromium printing every deck, bookmarks, the course PDF);
- marp: one `marp --pdf --pdf-outlines --input-dir MD` over the same markdown, our theme CSS and engine
  config, `--browser-path /usr/bin/chromium` (marp-cli adds --no-sandbox itself when run as root).

Then both outputs are measured: pages, bookmarks, CJK radical look-alikes (U+2E80–U+2FDF) in `pdftotext`,
fonts as `pdffonts` lists them. Target (issue 15): ours ≤ 1.5× marp's time. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402

from lecturedeck.convert.marp import ENGINE_OPTIONS, marp_command  # noqa: E402
from lecturedeck.outline.loader import load_course  # noqa: E402
from lecturedeck.render.theme_css import render_theme_css  # noqa: E402
from lecturedeck.themes import load_theme  # noqa: E402

DEFAULT_COURSE = ROOT / "slides" / "llm-course"
CHROMIUM = "/usr/bin/chromium"
DECK = [sys.executable, "-m", "lecturedeck"]
TARGET = 1.5
RADICALS = re.compile("[\u2e80-\u2fdf]")


def run(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of a command; raises with its stderr when it fails."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): " + " | ".join(detail))
    return elapsed


def figures(pdfs: list[Path]) -> dict[str, object]:
    """Pages, bookmarks, radical look-alikes and fonts of a set of lecture PDFs."""
    pages = bookmarks = radicals = 0
    fonts: dict[str, int] = {}
    for pdf in pdfs:
        with pymupdf.open(pdf) as doc:
            pages += doc.page_count
            bookmarks += len(doc.get_toc())
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        radicals += len(RADICALS.findall(text))
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
        for row in rows:
            kind = "Type 3" if " Type 3 " in row else row.split()[0].split("+")[-1]
            fonts[kind] = fonts.get(kind, 0) + 1
    return {"pdfs": len(pdfs), "pages": pages, "bookmarks": bookmarks, "radicals": radicals, "fonts": fonts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("course", nargs="?", type=Path, default=DEFAULT_COURSE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep the outputs here (default: a temporary folder)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install chromium")
    work = args.out or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    course = args.course.resolve()
    name = load_course(course).name
    md_out, ours_out, marp_out = work / "md", work / "ours", work / "marp"
    run([*DECK, "build", str(course), "--to", "md", "--force", "--out", str(md_out)])
    theme = load_theme(load_course(course).course.theme)
    css = work / f"{theme.name}.css"
    css.write_text(render_theme_css(theme), encoding="utf-8")
    config = work / "marp.config.json"
    config.write_text(json.dumps({"options": ENGINE_OPTIONS}), encoding="utf-8")
    marp_env = {**os.environ, "CHROME_PATH": CHROMIUM}
    marp = [*marp_command(), "--pdf", "--pdf-outlines", "--allow-local-files", "--browser-path", CHROMIUM]
    marp += ["--config-file", str(config), "--input-dir", str(md_out / name), "--output", str(marp_out)]
    marp += ["--theme-set", str(css)]  # an array option: last
    ours_cmd = [*DECK, "build", str(course), "--to", "pdf", "--force", "--out", str(ours_out)]
    times: dict[str, list[float]] = {"ours": [], "marp": []}
    for _ in range(args.runs):
        times["ours"].append(run(ours_cmd))
        shutil.rmtree(marp_out, ignore_errors=True)
        times["marp"].append(run(marp, env=marp_env))
    median = {tool: statistics.median(values) for tool, values in times.items()}
    lectures = sorted(p.stem for p in (md_out / name).glob("*.md"))
    quality = {
        "ours": figures([ours_out / name / f"{stem}.pdf" for stem in lectures]),
        "marp": figures([marp_out / f"{stem}.pdf" for stem in lectures]),
    }
    ratio = median["ours"] / median["marp"]
    print(f"PDF of {course.relative_to(ROOT) if course.is_relative_to(ROOT) else course}: {len(lectures)} lectures")
    print(f"{'tool':<6} {'median s':>9} {'runs':<24} {'pages':>6} {'bookmarks':>9} {'radicals':>8}  fonts")
    for tool in ("ours", "marp"):
        q = quality[tool]
        runs = " ".join(f"{t:.2f}" for t in times[tool])
        print(
            f"{tool:<6} {median[tool]:>9.2f} {runs:<24} {q['pages']:>6} {q['bookmarks']:>9} {q['radicals']:>8}  "
            f"{q['fonts']}"
        )
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"ours / marp --pdf = {ratio:.2f}x (target <= {TARGET}x: {verdict})")
    print(json.dumps({"course": name, "seconds": median, "runs": times, "ratio": ratio, "quality": quality}))
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
