"""A full disk while a build writes (issue 12): a located one-line error naming the output file, exit 2, the
previous build untouched and nothing left behind, on a real 24 KiB tmpfs (mounting one needs root, as CI
has; elsewhere the test is skipped, and under CI=true it fails)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lecturedeck.manifest import MANIFEST
from tests.conftest import deck, require, require_marp
from tests.test_hostile_output import tiny_course

NO_SPACE = "(No space left on device): free some space on that disk, or choose another --out"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", str(disk)], capture_output=True)
    require(mounted.returncode == 0, "a 24 KiB tmpfs (mount needs root)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_is_a_located_error_and_the_previous_build_stays(small_disk: Path, tmp_path: Path) -> None:
    course = tiny_course(tmp_path / "tiny", ["01-a"], "v1")
    out = small_disk / "out"
    assert deck("build", course, "--to", "md", "--out", out)[::2] == (0, "")
    previous = (out / "tiny" / "01-a.md").read_bytes()
    code, _, err = deck("build", course, "--to", "pptx", "--out", out)
    assert (code, err) == (2, f"{out / 'tiny' / '01-a.pptx'}: cannot write this output file {NO_SPACE}\n")
    assert sorted(p.name for p in out.iterdir()) == ["tiny"]  # no staging folder left behind
    assert sorted(p.name for p in (out / "tiny").iterdir()) == [MANIFEST, "01-a.md"]
    assert (out / "tiny" / "01-a.md").read_bytes() == previous


def test_a_full_disk_while_the_converters_work_is_a_located_error(small_disk: Path, tmp_path: Path) -> None:
    require_marp()
    course = tiny_course(tmp_path / "tiny", [f"{n:02}-a" for n in range(1, 30)], "v1")
    out = small_disk / "out"
    code, _, err = deck("build", course, "--to", "html", "--out", out)
    assert (code, err) == (2, f"{out}: cannot write the build's working files {NO_SPACE}\n")
    assert list(out.iterdir()) == []
