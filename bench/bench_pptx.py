"""PPTX speed and quality: lecturedeck vs pandoc vs marp-cli --pptx, side by side on this machine.

    .venv/bin/python bench/bench_pptx.py [COURSE] [--runs N] [--out DIR] [--no-render] [--no-marp]

Builds every lecture of COURSE (default: the 65-slide stress lecture in tests/fixtures/stress) three
ways, N times each (median wall time), then measures each tool's last output (see bench/quality.py).
pandoc and marp convert OUR Marp markdown (`deck build --to md`); marp gets our theme CSS.
Prints a table and, last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quality import (  # noqa: E402
    CJK,
    html_slide_count,
    lecture_notes,
    lecture_texts,
    pdf_figures,
    pdftotext,
    pptx_figures,
    soffice,
    squash,
    to_pdf,
)
from lecturedeck.build import load_and_plan  # noqa: E402
from lecturedeck.convert.marp import ENGINE_OPTIONS, marp_command  # noqa: E402
from lecturedeck.errors import DeckError  # noqa: E402
from lecturedeck.layout.deck import layout_deck  # noqa: E402
from lecturedeck.outline.loader import load_course  # noqa: E402
from lecturedeck.render.pptx import render_pptx  # noqa: E402
from lecturedeck.render.theme_css import render_theme_css  # noqa: E402
from lecturedeck.themes import load_theme  # noqa: E402

DEFAULT_COURSE = ROOT / "tests" / "fixtures" / "stress"
CHROMIUM = "/usr/bin/chromium"
DECK = [sys.executable, "-m", "lecturedeck"]


def run(command: list[str], env: dict[str, str] | None = None, timeout: float = 900) -> float:
    """Wall time of a command; raises with its stderr when it fails."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): " + " | ".join(detail))
    return elapsed


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


class Bench:
    def __init__(self, course: Path, work: Path) -> None:
        self.course, self.work = course.resolve(), work
        self.loaded = load_course(self.course)
        self.name = self.loaded.name
        self.md_dir = work / "md"
        self.out = {tool: work / tool for tool in ("ours", "ours-cli", "pandoc", "marp")}
        for folder in self.out.values():
            folder.mkdir(parents=True, exist_ok=True)

    # -- inputs --------------------------------------------------------------------------------

    def prepare(self) -> list[Path]:
        """Our Marp markdown (and HTML, for the slide count) plus the theme CSS and marp config."""
        run([*DECK, "build", str(self.course), "--to", "md,html", "--out", str(self.md_dir)])
        theme = load_theme(self.loaded.course.theme)
        self.css = self.work / f"{theme.name}.css"
        self.css.write_text(render_theme_css(theme), encoding="utf-8")
        self.config = self.work / "marp.config.json"
        self.config.write_text(json.dumps({"options": ENGINE_OPTIONS}), encoding="utf-8")
        mds = sorted((self.md_dir / self.name).glob("*.md"))
        if not mds:
            raise RuntimeError(f"deck build wrote no markdown under {self.md_dir / self.name}")
        return mds

    # -- the three tools -------------------------------------------------------------------------

    def ours(self) -> None:
        """The in-process pipeline for PPTX only: load → plan → render_pptx (and write the file)."""
        for planned in load_and_plan([self.course]):
            for deck in planned.decks:
                data = render_pptx(layout_deck(deck, load_theme(deck.theme)), load_theme(deck.theme))
                (self.out["ours"] / f"{deck.stem}.pptx").write_bytes(data)

    def ours_cli(self) -> float:
        return run([*DECK, "build", str(self.course), "--to", "pptx", "--out", str(self.out["ours-cli"])])

    def pandoc(self, mds: list[Path]) -> float:
        exe = shutil.which("pandoc")
        assert exe
        return sum(run([exe, str(md), "-o", str(self.out["pandoc"] / f"{md.stem}.pptx")]) for md in mds)

    def marp(self, mds: list[Path]) -> float:
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_NO_SANDBOX": "1"}
        total = 0.0
        for md in mds:
            target = self.out["marp"] / f"{md.stem}.pptx"
            command = [
                *marp_command(),
                str(md),
                "--pptx",
                "--allow-local-files",
                "--browser-path",
                CHROMIUM,
                "--config-file",
                str(self.config),
                "-o",
                str(target),
                "--theme-set",  # an array option: keep it last
                str(self.css),
            ]
            total += run(command, env=env)
            if not target.is_file():
                raise RuntimeError(f"marp wrote no {target.name}")
        return total

    # -- quality -------------------------------------------------------------------------------

    def quality(self, tools: list[str], render: bool) -> dict[str, dict[str, object]]:
        texts = [t for lec in self.loaded.lectures for t in lecture_texts(lec.lecture)]
        notes = [n for lec in self.loaded.lectures for n in lecture_notes(lec.lecture)]
        html_slides = sum(
            html_slide_count(p.read_text(encoding="utf-8")) for p in (self.md_dir / self.name).glob("*.html")
        )
        figures: dict[str, dict[str, object]] = {}
        folder = {"ours": self.out["ours"], "pandoc": self.out["pandoc"], "marp": self.out["marp"]}
        pdf_in: list[Path] = []
        for tool in tools:
            files = sorted(folder[tool].glob("*.pptx"))
            slides = titled = shapes = kangxi = size = 0
            titles_text = body_text = ""
            notes_found: list[str] = []
            for path in files:
                f = pptx_figures(path)
                slides += f.slides
                titled += f.titled
                shapes += sum(f.text_shapes)
                kangxi += f.kangxi
                titles_text += f.titles_text
                body_text += f.body_text
                notes_found += [squash(n) for n in f.notes if n.strip()]
                size += path.stat().st_size
                copy = self.work / "pdf-in" / f"{tool}-{path.name}"
                copy.parent.mkdir(exist_ok=True)
                shutil.copyfile(path, copy)
                pdf_in.append(copy)
            missing = [t for t in texts if squash(t) not in titles_text and squash(t) not in body_text]
            found_text = len(texts) - len(missing)
            notes_text = "".join(notes_found)
            figures[tool] = {
                "files": len(files),
                "bytes": size,
                "slides": slides,
                "html_slides": html_slides,
                "titled_pct": round(100 * titled / max(slides, 1), 1),
                "text_shapes_per_slide": round(shapes / max(slides, 1), 2),
                "notes": len(notes_found),
                "outline_notes": len(notes),
                "notes_carried": sum(1 for n in notes if squash(n) in notes_text),
                "kangxi": kangxi,
                "fidelity_pct": round(100 * found_text / max(len(texts), 1), 1),
                "missing_examples": [t[:40] for t in missing[:3]],
            }
        if render and soffice():
            pdfs = to_pdf(pdf_in, self.work / "pdf")
            for pdf in pdfs:
                tool = pdf.name.split("-", 1)[0]
                p = pdf_figures(pdf)
                entry = figures[tool]
                entry["pages"] = int(entry.get("pages", 0)) + p.pages
                entry["off_page_lines"] = int(entry.get("off_page_lines", 0)) + len(p.off_page)
                entry["off_page_slides"] = [*entry.get("off_page_slides", []), *p.off_page_slides]
                entry["overlapping_pairs"] = int(entry.get("overlapping_pairs", 0)) + len(p.overlaps)
                entry["overlap_slides"] = [*entry.get("overlap_slides", []), *p.overlap_slides]
                if shutil.which("pdftotext"):
                    cjk = len(CJK.findall(pdftotext(pdf)))
                    entry["pdftotext_cjk_chars"] = int(entry.get("pdftotext_cjk_chars", 0)) + cjk
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course", nargs="?", type=Path, default=DEFAULT_COURSE)
    parser.add_argument("--runs", type=int, default=3, help="repetitions per tool (median is reported)")
    parser.add_argument("--out", type=Path, help="keep outputs here (default: a temporary folder)")
    parser.add_argument("--no-render", action="store_true", help="skip the LibreOffice render check")
    parser.add_argument("--no-marp", action="store_true", help="skip marp --pptx (slow: Chromium)")
    args = parser.parse_args(argv)

    work = args.out or Path(tempfile.mkdtemp(prefix="bench-pptx-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(args.course, work)
    try:
        mds = bench.prepare()
    except (RuntimeError, DeckError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1

    tools = ["ours"]
    skipped: dict[str, str] = {}
    if shutil.which("pandoc"):
        tools.append("pandoc")
    else:
        skipped["pandoc"] = "pandoc not installed (apt-get install pandoc)"
    if args.no_marp:
        skipped["marp"] = "--no-marp"
    elif not Path(CHROMIUM).exists():
        skipped["marp"] = f"{CHROMIUM} not installed"
    else:
        tools.append("marp")

    times: dict[str, list[float]] = {t: [] for t in ("ours", "ours-cli", "pandoc", "marp")}
    for number in range(1, args.runs + 1):
        times["ours"].append(timed(bench.ours))
        times["ours-cli"].append(bench.ours_cli())
        if "pandoc" in tools:
            times["pandoc"].append(bench.pandoc(mds))
        if "marp" in tools:
            try:
                times["marp"].append(bench.marp(mds))
            except RuntimeError as exc:
                skipped["marp"] = str(exc)
                tools.remove("marp")
        print(f"run {number}/{args.runs}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items() if v))
    median = {k: statistics.median(v) for k, v in times.items() if v}

    quality = bench.quality(tools, render=not args.no_render)
    report(bench, median, quality, skipped, args.runs)
    record = {
        "course": str(args.course),
        "runs": args.runs,
        "median_s": {k: round(v, 3) for k, v in median.items()},
        "ratio": ratios(median),
        "quality": quality,
        "skipped": skipped,
        "out": str(work),
    }
    print(json.dumps(record, ensure_ascii=False))
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def ratios(median: dict[str, float]) -> dict[str, float]:
    out = {}
    if "pandoc" in median:
        out["ours_vs_pandoc"] = round(median["ours"] / median["pandoc"], 2)
        out["ours_cli_vs_pandoc"] = round(median["ours-cli"] / median["pandoc"], 2)
    if "marp" in median:
        out["marp_vs_ours"] = round(median["marp"] / median["ours"], 1)
        out["marp_vs_ours_cli"] = round(median["marp"] / median["ours-cli"], 1)
    return out


def report(
    bench: Bench,
    median: dict[str, float],
    quality: dict[str, dict[str, object]],
    skipped: dict[str, str],
    runs: int,
) -> None:
    tools = list(quality)
    rows = [
        ("wall time (median)", lambda t: f"{median[t]:.2f} s" if t in median else "-"),
        ("size", lambda t: f"{int(quality[t]['bytes']) / 1024:.0f} KiB"),
        ("slides (HTML has)", lambda t: f"{quality[t]['slides']} ({quality[t]['html_slides']})"),
        ("titled slides", lambda t: f"{quality[t]['titled_pct']}%"),
        ("text shapes / slide", lambda t: f"{quality[t]['text_shapes_per_slide']}"),
        ("notes (outline has)", lambda t: f"{quality[t]['notes']} ({quality[t]['outline_notes']})"),
        ("Kangxi radicals", lambda t: f"{quality[t]['kangxi']}"),
        ("text fidelity", lambda t: f"{quality[t]['fidelity_pct']}%"),
        ("LO pages", lambda t: f"{quality[t].get('pages', '-')}"),
        ("LO lines off page", lambda t: f"{quality[t].get('off_page_lines', '-')}"),
        ("LO overlapping lines", lambda t: f"{quality[t].get('overlapping_pairs', '-')}"),
        ("pdftotext CJK chars", lambda t: f"{quality[t].get('pdftotext_cjk_chars', '-')}"),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print(f"\n{bench.name}: {runs} run(s); outputs in {bench.work}")
    print("".ljust(width) + "".join(t.rjust(16) for t in tools))
    for label, cell in rows:
        print(label.ljust(width) + "".join(cell(t).rjust(16) for t in tools))
    print(f"{'ours: deck build --to pptx (CLI wall)'.ljust(width)}{median['ours-cli']:.2f} s")
    for key, value in ratios(median).items():
        print(f"{key.ljust(width)}{value}×")
    for tool in tools:
        q = quality[tool]
        if q.get("overlap_slides") or q.get("off_page_slides"):
            print(f"{tool}: overlap on slides {q.get('overlap_slides')}, off page on slides {q.get('off_page_slides')}")
    for tool, why in skipped.items():
        print(f"skipped {tool}: {why}")


if __name__ == "__main__":
    sys.exit(main())
