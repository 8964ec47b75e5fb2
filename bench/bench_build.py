"""Build speed: full, no-op and one-lecture rebuilds, against pandoc and bare marp-cli, and at 5,000 slides.

    .venv/bin/python bench/bench_build.py [COURSE] [--runs N] [--lectures L --per-lecture S] [--out DIR]

One run measures, side by side on this machine, every figure issue 13 sets a target for (median of
N runs; each `deck` run is a fresh `python -m lecturedeck` process, as a user runs it):

- full build of COURSE (default slides/llm-course; md, html and pptx) into an empty folder;
- no-op rebuild (the same command again) and rebuild after one lecture's title changed;
- `deck build --to pptx` vs `pandoc X.md -o X.pptx` over our own Marp markdown (every lecture);
- full build vs one bare marp-cli call over the same markdown with the same theme CSS;
- a generated course of L lectures x S slides (default 20 x 250 = 5,000 outline slides, cycled
  from COURSE's slides): wall time, cost per built slide, and peak RSS of deck's Python process and
  of its largest child (marp-cli's node).

Prints a table with each target and PASS/FAIL, then one JSON line with every figure. A measurement,
not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_pptx import run  # noqa: E402
from lecturedeck.convert import node_tools  # noqa: E402
from lecturedeck.convert.marp import ENGINE_OPTIONS, marp_command  # noqa: E402
from lecturedeck.outline.loader import load_course  # noqa: E402
from lecturedeck.render.theme_css import render_theme_css  # noqa: E402
from lecturedeck.themes import load_theme  # noqa: E402

DEFAULT_COURSE = ROOT / "slides" / "llm-course"
MB = 1024  # ru_maxrss is in KiB on Linux
T = TypeVar("T")

# `deck ARGS` in a fresh interpreter that reports its own peak RSS and its children's (marp-cli).
DECK_PROBE = """
import json, os, resource, sys
from lecturedeck.__main__ import main
sys.argv = ["deck", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
peak = {who: resource.getrusage(getattr(resource, "RUSAGE_" + who.upper())).ru_maxrss for who in ("self", "children")}
with open(os.environ["BENCH_RUSAGE"], "w", encoding="utf-8") as out:
    json.dump(peak, out)
sys.exit(code)
"""
SLIDES_BUILT = re.compile(r"(\d+) slides →")
SERVING = re.compile(r"Serving (http://127\.0\.0\.1:\d+)/")
SERVE_START_S = 300  # the first build of `deck serve` on a loaded machine


@dataclass(frozen=True)
class DeckRun:
    seconds: float
    slides: int  # slides in the built decks, as deck build's summary counts them (0 if not printed)
    peak_kb: int  # deck's Python process
    child_peak_kb: int  # its largest child (node for marp-cli)


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    limit: float
    unit: str

    @property
    def passed(self) -> bool:
        return self.value <= self.limit


class Bench:
    def __init__(self, course: Path, work: Path) -> None:
        self.work = work
        self.course = work / "course"  # a copy: the title-change rebuild edits it
        shutil.copytree(course, self.course)
        self.name = load_course(self.course).name
        # Bytecode as an installed package has it: compiled once here, not on every run.
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        # The bench's own user cache (formulas, thumbnails), empty at first; the Node tools where deck finds them.
        marp = node_tools.require(node_tools.MARP)
        self.env[node_tools.ENV] = str(dict(node_tools.places())[marp.source])
        self.env["XDG_CACHE_HOME"] = str(work / "cache")
        self.rusage = work / "rusage.json"
        self.runs = itertools.count()

    def deck(self, *args: str, cache: Path | None = None) -> DeckRun:
        """Run `deck ARGS` in a fresh interpreter (with another user cache folder): wall time, slides built and
        peak memory."""
        env = {**self.env, "BENCH_RUSAGE": str(self.rusage)}
        if cache is not None:
            env["XDG_CACHE_HOME"] = str(cache)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", DECK_PROBE, *args], capture_output=True, text=True, env=env, check=False
        )
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise RuntimeError(f"deck {' '.join(args)} failed ({result.returncode}): " + " | ".join(detail))
        peak = json.loads(self.rusage.read_text(encoding="utf-8"))
        built = SLIDES_BUILT.search(result.stdout)
        return DeckRun(elapsed, int(built.group(1)) if built else 0, peak["self"], peak["children"])

    def fresh(self, label: str) -> Path:
        return self.work / f"{label}-{next(self.runs)}"

    def build(self, out: Path, course: Path | None = None, to: str = "md,html,pptx") -> DeckRun:
        return self.deck("build", str(course or self.course), "--to", to, "--out", str(out))

    def first_lecture(self) -> Path:
        return sorted(self.course.glob("[0-9]*.yaml"))[0]

    def retitle(self, title: str) -> None:
        """Give the first lecture a new title."""
        lecture = self.first_lecture()
        text = lecture.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
        lecture.write_text(text, encoding="utf-8")

    def serve_edits(self, titles: list[str]) -> list[float]:
        """`deck serve` on the course: for each title, the seconds from saving it as the first lecture's title
        to the served HTML of that lecture showing it (polled over HTTP every 10 ms)."""
        log = self.work / "serve.log"
        command = [sys.executable, "-m", "lecturedeck", "serve", str(self.course), "--port", "0"]
        command += ["--out", str(self.fresh("serve"))]
        with log.open("w", encoding="utf-8") as output:
            server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=self.env)
        try:
            base = _wait_for(lambda: _serving(log), SERVE_START_S, "deck serve to build and print its address")
            page = f"{base}/{self.name}/{self.first_lecture().stem}.html"
            seconds = []
            for title in titles:
                self.retitle(title)
                saved = time.perf_counter()
                _wait_for(lambda shown=title: shown in _fetch(page), 60, f"{page} to show {title!r}")
                seconds.append(time.perf_counter() - saved)
            return seconds
        finally:
            server.send_signal(signal.SIGINT)  # Ctrl-C
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    def markdown(self) -> list[Path]:
        """Our Marp markdown of every lecture (also compiles the bytecode before anything is timed)."""
        out = self.work / "md"
        self.deck("build", str(self.course), "--to", "md", "--out", str(out), cache=self.work / "cache-md")
        mds = sorted((out / self.name).glob("*.md"))
        if not mds:
            raise RuntimeError(f"deck build --to md wrote no markdown under {out / self.name}")
        return mds

    def pandoc(self, mds: list[Path]) -> float:
        exe = shutil.which("pandoc")
        if exe is None:
            raise RuntimeError("pandoc is not installed")
        out = self.fresh("pandoc")
        out.mkdir()
        return sum(
            run([exe, str(md), "--resource-path", str(md.parent), "-o", str(out / f"{md.stem}.pptx")]) for md in mds
        )

    def bare_marp(self, md_dir: Path) -> float:
        """One marp-cli call over md_dir, as `deck build` makes it, with the same theme CSS and config."""
        theme = load_theme(load_course(self.course).course.theme)
        css = self.work / f"{theme.name}.css"
        css.write_text(render_theme_css(theme), encoding="utf-8")
        config = self.work / "marp.config.json"
        config.write_text(json.dumps({"options": ENGINE_OPTIONS}), encoding="utf-8")
        command = [*marp_command(), "--config-file", str(config), "--bespoke.progress"]
        command += ["--theme-set", str(css), "--input-dir", str(md_dir), "--output", str(self.fresh("marp"))]
        return run(command, env=self.env)

    def generate(self, lectures: int, per_lecture: int) -> Path:
        """A course of `lectures` lectures of `per_lecture` outline slides each, cycled from this course's
        slides, in sections of 25 (limits: 300 outline slides per lecture file, 500 per built deck)."""
        folder = self.work / "generated"
        shutil.copytree(self.course, folder, ignore=shutil.ignore_patterns("*.yaml"))  # its pictures and themes
        course = yaml.safe_load((self.course / "course.yaml").read_text(encoding="utf-8"))
        slides = []
        for name in course["lectures"]:
            outline = yaml.safe_load((self.course / name).read_text(encoding="utf-8"))
            slides += [slide for section in outline["sections"] for slide in section["slides"]]
        pool = itertools.cycle(slides)
        names = []
        for number in range(1, lectures + 1):
            sections = []
            for first in range(0, per_lecture, 25):
                count = min(25, per_lecture - first)
                sections.append({"title": f"Part {first // 25 + 1}", "slides": list(itertools.islice(pool, count))})
            name = f"{number:02d}-generated.yaml"
            lecture = {"title": f"Generated lecture {number}", "sections": sections}
            (folder / name).write_text(yaml.safe_dump(lecture, allow_unicode=True, sort_keys=False), encoding="utf-8")
            names.append(name)
        course["lectures"] = names
        course["title"] = f"Generated course ({lectures} x {per_lecture} slides)"
        (folder / "course.yaml").write_text(
            yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        return folder


def _serving(log: Path) -> str | None:
    found = SERVING.search(log.read_text(encoding="utf-8", errors="replace"))
    return found.group(1) if found else None


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _wait_for(found: Callable[[], T | None], limit: float, what: str) -> T:
    """Poll `found` every 10 ms until it gives something (not None or empty), at most `limit` seconds."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.01)
    raise RuntimeError(f"waited {limit:g} s for {what}")


def measure(bench: Bench, runs: int, lectures: int, per_lecture: int) -> tuple[dict[str, float], list[Target]]:
    mds = bench.markdown()
    cold = bench.build(bench.fresh("cold"))  # the bench's user cache is empty: every formula and thumbnail is made
    times: dict[str, list[float]] = {name: [] for name in ("full", "marp", "noop", "retitled", "pptx", "pandoc")}
    slides = 0
    for number in range(runs):  # every figure once per round: load on the machine hits them alike
        out = bench.fresh("build")
        full = bench.build(out)
        slides = full.slides
        times["full"].append(full.seconds)
        times["marp"].append(bench.bare_marp(mds[0].parent))
        times["noop"].append(bench.build(out).seconds)
        bench.retitle(f"Retitled lecture {number}")
        times["retitled"].append(bench.build(out).seconds)
        times["pptx"].append(bench.build(bench.fresh("pptx"), to="pptx").seconds)
        times["pandoc"].append(bench.pandoc(mds))
    times["served"] = bench.serve_edits([f"Served title {number}" for number in range(runs)])
    m = {name: statistics.median(values) for name, values in times.items()}
    big = bench.build(bench.fresh("big"), course=bench.generate(lectures, per_lecture))
    figures = {
        "slides": slides,
        "full_s": m["full"],
        "cold_full_s": cold.seconds,
        "served_edit_s": m["served"],
        "noop_s": m["noop"],
        "retitled_s": m["retitled"],
        "bare_marp_s": m["marp"],
        "pptx_s": m["pptx"],
        "pandoc_s": m["pandoc"],
        "big_slides": big.slides,
        "big_s": big.seconds,
        "big_peak_mb": big.peak_kb / MB,
        "big_child_peak_mb": big.child_peak_kb / MB,
        "per_slide_ms": 1000 * m["full"] / max(slides, 1),
        "big_per_slide_ms": 1000 * big.seconds / max(big.slides, 1),
    }
    targets = [
        Target("no-op rebuild", figures["noop_s"], 0.3, "s"),
        Target(
            "rebuild after one lecture's title changed / full build",
            figures["retitled_s"] / figures["full_s"],
            0.35,
            "x",
        ),
        Target("deck build --to pptx / pandoc", figures["pptx_s"] / figures["pandoc_s"], 1.5, "x"),
        Target("full build / one bare marp-cli call", figures["full_s"] / figures["bare_marp_s"], 2.0, "x"),
        Target("deck serve: saved title -> served HTML", figures["served_edit_s"], 2.0, "s"),
        Target(
            "generated course: cost per slide / sample's",
            figures["big_per_slide_ms"] / figures["per_slide_ms"],
            1.2,
            "x",
        ),
        Target("generated course: peak RSS (deck)", figures["big_peak_mb"], 500, "MB"),
    ]
    return figures, targets


def report(figures: dict[str, float], targets: list[Target], runs: int, course: str) -> None:
    f = figures
    rows = [
        (f"full build of {course} (md,html,pptx; {f['slides']:.0f} slides)", f"{f['full_s']:.2f} s"),
        ("  the same, once, with an empty user cache (formulas, thumbnails)", f"{f['cold_full_s']:.2f} s"),
        ("no-op rebuild (same command again)", f"{f['noop_s']:.2f} s"),
        ("rebuild after one lecture's title changed", f"{f['retitled_s']:.2f} s"),
        ("full build / one bare marp-cli call", f"{f['full_s']:.2f} s / {f['bare_marp_s']:.2f} s"),
        ("deck build --to pptx / pandoc (every lecture)", f"{f['pptx_s']:.2f} s / {f['pandoc_s']:.2f} s"),
        ("deck serve: saved title -> in the served HTML", f"{f['served_edit_s']:.2f} s"),
        (f"generated course ({f['big_slides']:.0f} slides): full build", f"{f['big_s']:.1f} s"),
        ("  cost per built slide: generated / sample", f"{f['big_per_slide_ms']:.1f} ms / {f['per_slide_ms']:.1f} ms"),
        ("  peak RSS: deck (Python) / marp-cli (node)", f"{f['big_peak_mb']:.0f} MB / {f['big_child_peak_mb']:.0f} MB"),
    ]
    width = max(len(name) for name, _ in rows) + 2
    print(f"Medians of {runs} runs (the generated course: one run)\n")
    for name, value in rows:
        print(f"{name.ljust(width)}{value}")
    print("\nTargets (issue 13)")
    width = max(len(t.name) for t in targets) + 2
    for t in targets:
        value = f"{t.value:.2f} {t.unit}"
        print(f"{t.name.ljust(width)}{value:>10}  (<= {t.limit:g} {t.unit})  {'PASS' if t.passed else 'FAIL'}")
    summary = {
        "figures": {k: round(v, 3) for k, v in figures.items()},
        "targets": {t.name: {"value": round(t.value, 3), "limit": t.limit, "pass": t.passed} for t in targets},
    }
    print(json.dumps(summary, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course", nargs="?", type=Path, default=DEFAULT_COURSE)
    parser.add_argument("--runs", type=int, default=3, help="repetitions per measurement (median is reported)")
    parser.add_argument("--lectures", type=int, default=20, help="lectures of the generated course")
    parser.add_argument("--per-lecture", type=int, default=250, help="outline slides per generated lecture")
    parser.add_argument("--out", type=Path, help="keep every output here (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="bench-build-", dir=args.out))
    else:
        work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        figures, targets = measure(Bench(args.course, work), args.runs, args.lectures, args.per_lecture)
        report(figures, targets, args.runs, args.course.name)
    finally:
        if not args.out:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
