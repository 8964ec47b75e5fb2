"""Formula checks, sizes and pictures kept in the user cache (lecturedeck.latex.kept)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FORMULA = r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V"
# In a fresh interpreter: check, size and draw FORMULA, then say whether matplotlib was loaded.
PROBE = f"""
import sys
from lecturedeck.mathtext import math_error, render_png
print(repr(math_error({FORMULA!r})), repr(math_error(r"x + \\notacommand y")), sep="|")
image = render_png({FORMULA!r}, 40.0, "#222222")
print(image.width, image.height, len(image.png), sep="|")
print("matplotlib" in sys.modules)
"""


def _probe(cache: Path) -> list[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    cache = tmp_path_factory.mktemp("cache")
    return cache, _probe(cache), _probe(cache)


def test_a_second_run_reads_the_same_results_without_matplotlib(runs: tuple[Path, list[str], list[str]]) -> None:
    cache, first, second = runs
    assert first[:2] == second[:2]  # the same problems and the same picture size, to the bit
    assert first[0].startswith("None|") and "notacommand" in first[0]  # mathtext's problem, kept
    assert first[2] == "True" and second[2] == "False"
    assert {entry.suffix for entry in (cache / "lecturedeck" / "math").iterdir()} == {".check", ".measure", ".png"}


def test_a_damaged_entry_is_computed_again(runs: tuple[Path, list[str], list[str]]) -> None:
    cache, first, _ = runs
    for entry in (cache / "lecturedeck" / "math").iterdir():
        entry.write_bytes(b"{broken")
    again = _probe(cache)
    assert again[:2] == first[:2] and again[2] == "True"
