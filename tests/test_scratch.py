"""Scratch folders named after their process (lecturedeck.convert.scratch): the marp-cli folder of a build
killed with `kill -9` is removed by the next build; live processes' folders and other users' are left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from lecturedeck.convert.marp import early_marp
from lecturedeck.convert.scratch import remove_stale, scratch_folder
from tests.conftest import ROOT, require_marp

STARTER = ROOT / "slides" / "starter"
NAME = "lecturedeck-marp"


def build(out: Path) -> list[str]:
    """`deck build` of the starter course to HTML (run with TMPDIR set: where marp-cli's folder goes)."""
    return [sys.executable, "-m", "lecturedeck", "build", str(STARTER), "--to", "html", "--out", str(out)]


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_killed_builds_marp_folder_goes_with_the_next_build_and_a_running_ones_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_marp()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    killed = subprocess.Popen(build(tmp_path / "a"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp.glob(f"{NAME}-{killed.pid}-*")):
        assert killed.poll() is None and time.monotonic() < deadline, "the build made no marp-cli folder"
        time.sleep(0.003)
    killed.send_signal(signal.SIGKILL)
    killed.wait()  # reaped: its process id no longer exists
    [stale] = tmp.glob(f"{NAME}-{killed.pid}-*")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    with early_marp() as running:  # a build of this (live) process, converting meanwhile
        done = subprocess.run(build(tmp_path / "b"), env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert not stale.exists()
        assert list(tmp.iterdir()) == [running.args_file.parent]
    assert list(tmp.iterdir()) == []


def test_only_this_users_real_folders_of_ended_processes_are_removed(tmp_path: Path) -> None:
    gone = dead_pid()
    stale = tmp_path / f"{NAME}-{gone}-abc"
    kept = [tmp_path / f"{NAME}-{os.getpid()}-abc", tmp_path / "target", tmp_path / f"lecturedeck-other-{gone}-abc"]
    for folder in (stale, *kept):
        folder.mkdir()
        (folder / "file").write_text("x")
    kept.append(tmp_path / f"{NAME}-{gone}-link")
    kept[-1].symlink_to(tmp_path / "target")
    kept.append(tmp_path / f"{NAME}-{gone}-file")
    kept[-1].write_text("x")
    if os.geteuid() == 0:  # only root can make a folder another user's
        kept.append(tmp_path / f"{NAME}-{gone}-nobody")
        kept[-1].mkdir()
        os.chown(kept[-1], 65534, 65534)
    remove_stale(tmp_path, NAME)
    assert sorted(tmp_path.iterdir()) == sorted(kept)
    assert (tmp_path / "target" / "file").exists()


def test_a_scratch_folder_is_named_after_its_process_and_removed_after_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with scratch_folder(NAME) as folder:
        assert folder.parent == tmp_path and folder.name.startswith(f"{NAME}-{os.getpid()}-")
    assert not folder.exists()
