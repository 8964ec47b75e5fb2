"""Start-up: heavy libraries load only when a deck needs them (issue 13).

Each case runs the real `deck` entry point in a fresh interpreter and lists which of the watched
libraries ended up in `sys.modules`. matplotlib (formulas), grandalf (diagram layout) and cairosvg
(SVG images) must stay out of `deck --version` and of `deck check` on a course without formulas,
diagrams or SVGs; python-pptx, jinja2 and Pygments only load to render. The last case is the
control: the same course with a formula and a flowchart does load matplotlib and grandalf, and
matplotlib no more once the formula's results are in the user cache (lecturedeck.latex.kept); grandalf
never brings numpy (diagrams.flowchart).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lecturedeck.__main__ import GC_THRESHOLDS

WATCHED = ("matplotlib", "grandalf", "numpy", "cairosvg", "pptx", "jinja2", "pygments")
PROBE = """
import gc, json, os, sys
from lecturedeck.__main__ import main
sys.argv = ["deck", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
loaded = {name.split(".")[0] for name in sys.modules}
watched = set(json.loads(os.environ["WATCHED"]))
print(json.dumps({"exit": code, "loaded": sorted(loaded & watched), "gc": gc.get_threshold()}))
"""

PLAIN_LECTURE = """\
title: Plain lecture
sections:
  - title: Basics
    slides:
      - kind: bullets
        title: Points
        items:
          - "**Bold** point with `code` and a [link](https://example.com)"
          - Another point
      - kind: table
        title: A table
        header: [Name, Value]
        rows:
          - [a, "1"]
          - [b, "2"]
"""

NEEDY_SLIDES = """\
      - kind: bullets
        title: A formula
        items:
          - "Energy: $E = mc^2$"
      - kind: diagram
        title: A flowchart
        mermaid: |
          graph LR
            A[Load] --> B[Plan]
            B --> C[Render]
"""


def loaded_by(*args: str, cache: Path | None = None, watched: tuple[str, ...] = WATCHED) -> tuple[object, list[str]]:
    """Run `deck ARGS` in a fresh interpreter (with `cache` as the user cache folder): its exit code and the
    `watched` libraries it imported."""
    env = {**os.environ, "WATCHED": json.dumps(watched), **({"XDG_CACHE_HOME": str(cache)} if cache else {})}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["exit"], report["loaded"]


def course(folder: Path, lecture: str) -> Path:
    folder.mkdir()
    (folder / "course.yaml").write_text("title: Startup\nlang: en\nlectures:\n  - 01-lecture.yaml\n", encoding="utf-8")
    (folder / "01-lecture.yaml").write_text(lecture, encoding="utf-8")
    return folder


def test_version_imports_no_heavy_library() -> None:
    code, loaded = loaded_by("--version")
    assert code in (0, None)
    assert loaded == []


def test_the_entry_point_collects_garbage_less_often() -> None:
    """`deck` raises the collector's thresholds before the command line loads (lecturedeck.__main__)."""
    env = {**os.environ, "WATCHED": "[]"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--version"], capture_output=True, text=True, env=env, timeout=60
    )
    assert json.loads(result.stdout.strip().splitlines()[-1])["gc"] == list(GC_THRESHOLDS)


def test_check_without_formulas_diagrams_or_svgs_imports_none_of_them(tmp_path: Path) -> None:
    code, loaded = loaded_by("check", str(course(tmp_path / "plain", PLAIN_LECTURE)))
    assert code in (0, None)
    assert loaded == []


def test_check_with_a_formula_and_a_flowchart_loads_what_they_need(tmp_path: Path) -> None:
    needy = str(course(tmp_path / "needy", PLAIN_LECTURE + NEEDY_SLIDES))
    code, loaded = loaded_by("check", needy, cache=tmp_path / "cache")
    assert code in (0, None)
    assert {"matplotlib", "grandalf"} <= set(loaded)
    assert not {"cairosvg", "pptx", "jinja2"} & set(loaded)
    code, loaded = loaded_by("check", needy, cache=tmp_path / "cache")  # the formula was checked before
    assert code in (0, None)
    assert "grandalf" in loaded and not {"matplotlib", "numpy"} & set(loaded)  # grandalf without numpy


def test_a_build_with_nothing_to_rebuild_loads_no_planning_library(tmp_path: Path) -> None:
    """A rebuild with every output up to date reads manifests and hashes inputs: no outline parser, model,
    font measuring, markdown parser or renderer is imported."""
    plain = str(course(tmp_path / "plain", PLAIN_LECTURE))
    build = ("build", plain, "--out", str(tmp_path / "out"), "--to", "md,pptx")
    libraries = ("yaml", "pydantic", "PIL", "markdown_it", "pptx", "jinja2", "lxml")
    code, loaded = loaded_by(*build, watched=libraries)
    assert code in (0, None) and {"yaml", "pydantic", "pptx"} <= set(loaded)  # the first build needs them
    code, loaded = loaded_by(*build, watched=libraries)
    assert code in (0, None)
    assert loaded == []


CODE_SLIDE = """\
      - kind: code
        title: A listing
        language: python
        code: |
          def area(r):
              return 3.14 * r ** 2  # a circle
"""


def test_a_listing_seen_before_is_drawn_without_pygments(tmp_path: Path) -> None:
    """The layout lexes listings once for both renderers and keeps the lines in the user cache
    (kinds.code.tokens): a forced rebuild loads no Pygments and writes the same bytes; a damaged entry is
    lexed again."""
    coded = str(course(tmp_path / "coded", PLAIN_LECTURE + CODE_SLIDE))
    cache, out = tmp_path / "cache", tmp_path / "out"
    build = ("build", coded, "--out", str(out), "--to", "md,pptx", "--force")

    def outputs() -> dict[str, bytes]:
        return {
            str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.*")) if p.suffix in {".md", ".pptx"}
        }

    code, loaded = loaded_by(*build, cache=cache)
    assert code in (0, None) and "pygments" in loaded
    first = outputs()
    assert any(
        '<span class="hljs-keyword">def</span>' in data.decode() for name, data in first.items() if name.endswith(".md")
    )
    code, loaded = loaded_by(*build, cache=cache)
    assert code in (0, None) and "pygments" not in loaded and "pptx" in loaded
    assert outputs() == first
    entries = list((cache / "lecturedeck" / "code").iterdir())
    assert entries
    for entry in entries:
        entry.write_text('[[[99, "x"]]]', encoding="utf-8")
    code, loaded = loaded_by(*build, cache=cache)
    assert code in (0, None) and "pygments" in loaded
    assert outputs() == first
