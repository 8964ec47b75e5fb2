"""A parallel step that stops early (an error or a stop signal in the build) kills its busy workers at once
(lecturedeck.parallel: the pool's context records the workers it starts)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from lecturedeck.parallel import for_each


def _busy_but_the_first(index: int) -> int:
    if index:
        time.sleep(600)
    return index


def _live_children() -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def test_an_error_in_the_build_kills_the_busy_workers() -> None:
    before = _live_children()
    started = time.monotonic()

    def stop(index: int, result: int) -> None:
        raise RuntimeError(f"stopped after item {index}")

    with pytest.raises(RuntimeError, match="stopped after item 0"):
        for_each(range(3), _busy_but_the_first, 3, stop)
    assert time.monotonic() - started < 30  # not the 600 s the other two workers would take
    assert _live_children() <= before
