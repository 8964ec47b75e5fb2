"""Finding and running marp-cli, with errors that say how to fix the setup."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lecturedeck.convert import node_tools
from lecturedeck.convert.fragments import mark_steps
from lecturedeck.convert.quiz_script import with_quiz_script
from lecturedeck.convert.run import started_tool
from lecturedeck.convert.scratch import scratch_folder
from lecturedeck.errors import DeckError
from lecturedeck.output.atomic import write_atomically
from lecturedeck.paths import TEMPLATES_DIR

# Engine options: no emoji images from a CDN, MathJax (self-contained SVG) rather than KaTeX web fonts.
ENGINE_OPTIONS = {"emoji": {"shortcode": False, "unicode": False}, "math": "mathjax"}
SCOPE = re.compile(r"data-marpit-scope-([A-Za-z0-9]+)")  # Marpit names each scoped style at random


def marp_command() -> list[str]:
    """How to run the pinned marp-cli (see lecturedeck.convert.node_tools), or a DeckError saying what to run."""
    marp = node_tools.require(node_tools.MARP)
    return [node_tools.node(), str(marp.file("bin"))]


EARLY = TEMPLATES_DIR / "marp-cli" / "early.cjs"  # marp-cli's command line, waiting for its arguments
COMPILE_CACHE = "v8"  # in the user cache: V8's code for marp-cli's modules (templates/marp-cli/compile_cache.cjs)


@dataclass(frozen=True)
class StartedMarp:
    """marp-cli started before its markdown exists (early_marp); `convert` gives it the markdown."""

    args_file: Path
    done: Callable[[], subprocess.CompletedProcess[str]]

    @property
    def given(self) -> bool:
        """Whether it was given its markdown (it converts once)."""
        return self.args_file.exists()

    def convert(self, md_dir: Path, html_dir: Path, theme_css: list[Path]) -> Callable[[], None]:
        """Convert every .md under md_dir to .html under html_dir (same layout); the function it returns waits
        for the pages and finishes them."""
        config = self.args_file.with_name("marp.config.json")
        config.write_text(json.dumps({"options": ENGINE_OPTIONS}), encoding="utf-8")
        args = ["--config-file", str(config), "--bespoke.progress", "--theme-set", *map(str, theme_css)]
        args += ["--input-dir", str(md_dir), "--output", str(html_dir)]
        expected = {p.relative_to(md_dir).with_suffix(".html") for p in md_dir.rglob("*.md")}
        write_atomically(self.args_file, json.dumps(args).encode())
        return lambda: _finish_pages(self.done(), expected, html_dir)


_offered: list[StartedMarp] = []  # started before the command line loaded (convert.head_start), not yet taken


@contextmanager
def offered(marp: StartedMarp | None) -> Iterator[None]:
    """Offer `marp`, started and kept by the caller, to the first early_marp() in the block."""
    _offered[:] = [marp] if marp is not None else []
    try:
        yield
    finally:
        _offered.clear()


@contextmanager
def early_marp() -> Iterator[StartedMarp]:
    """The pinned marp-cli's command line started at once in node (templates/marp-cli/early.cjs), waiting
    for its arguments: node loads marp-cli (its compiled code kept in the user cache) and warms it up with
    throw-away renders (what the conversion would load lazily: about half of its cost for one lecture) while the
    build plans and renders, giving way as soon as the markdown is there. Leaving the block stops it.

    Node start-up dominates marp-cli's cost, so a build batches all of its decks into one call.
    Marp's defaults stay on: only allow-listed HTML, no local file access for HTML. A marp-cli offered by
    the entry point (convert.head_start) is taken instead of starting one; its starter stops it. Its scratch
    folder is named after this process: one left by a build killed with `kill -9` goes with the next build's
    (convert.scratch).
    """
    if _offered:
        yield _offered.pop()
        return
    marp = node_tools.require(node_tools.MARP)
    with scratch_folder("lecturedeck-marp") as scratch:
        args_file = scratch / "args.json"
        command = [node_tools.node(), str(EARLY), str(marp.folder), str(args_file), json.dumps(ENGINE_OPTIONS)]
        command.append(str(node_tools.user_cache() / COMPILE_CACHE))
        with started_tool(command, "marp-cli") as done:
            yield StartedMarp(args_file, done)


def _finish_pages(result: subprocess.CompletedProcess[str], expected: set[Path], html_dir: Path) -> None:
    """Check that marp-cli wrote every page, then make each one's bytes stable and add its scripts."""
    missing = [p for p in expected if not (html_dir / p).is_file()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = "\n  ".join(detail[-8:]) or f"exit code {result.returncode}"
        raise DeckError(f"marp-cli failed to convert {len(missing) or len(expected)} deck(s):\n  {reason}")
    for html in html_dir.rglob("*.html"):
        page = mark_steps(stable_scopes(html.read_text(encoding="utf-8")))
        html.write_text(with_quiz_script(page), encoding="utf-8")


def stable_scopes(html: str) -> str:
    """The page with Marpit's random scoped-style names replaced by their order of appearance, so that
    equal markdown converts to equal bytes in every build."""
    names: dict[str, str] = {}
    return SCOPE.sub(lambda m: "data-marpit-scope-" + names.setdefault(m[1], f"s{len(names) + 1}"), html)
