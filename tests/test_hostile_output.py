"""Output that is never half-written (issue 10, items 9, 11, 12, 13): unusable output folders, a swap that
fails, `kill -9` and SIGTERM/SIGINT in the middle of real builds, and lectures removed from a course.

Builds whose process must die run as real `deck` subprocesses; the others call `lecturedeck.cli.main`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lecturedeck.errors import DeckError
from lecturedeck.interrupt import Interrupted, signals_deferred, stopping_on_signals
from lecturedeck.manifest import MANIFEST
from lecturedeck.output import stage_build, swap
from tests.conftest import deck, require_marp
from tests.courses import write_course

COURSE = "tiny"
LEFTOVER = ".lecturedeck-"


def tiny_course(folder: Path, stems: list[str], version: str) -> Path:
    """A tiny course (only these lectures): one bullet slide per lecture, its title marked with `version`."""
    for old in folder.glob("*.yaml"):
        old.unlink()
    lectures = {
        f"{stem}.yaml": f"title: Lecture {stem} {version}\nsections:\n  - title: Only\n    slides:\n"
        "      - kind: bullets\n        title: Points\n        items: [one, two]\n"
        for stem in stems
    }
    return write_course(folder, lectures, title="Tiny", listed="block")


def start_deck(*args: object, tmp: Path) -> subprocess.Popen[str]:
    """`deck ARGS` started in a subprocess, with `tmp` as its temporary folder (where marp-cli waits for its
    arguments: lecturedeck.convert.marp.early_marp)."""
    tmp.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "lecturedeck", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
    )


def outputs(folder: Path) -> list[str]:
    """The names in a course's output folder, but its build manifest."""
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(LEFTOVER))


def processes_mentioning(text: str) -> list[int]:
    """Live processes (not zombies) whose command line contains `text` (a tool given a staging path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if text.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def children(out: Path, tmp: Path) -> list[int]:
    """The build's tools still alive: given a staging path, or marp-cli started early (in the build's `tmp`)."""
    return processes_mentioning(str(out / LEFTOVER)) + processes_mentioning(str(tmp / "lecturedeck-marp-"))


def marp_converting(out: Path, tmp: Path) -> bool:
    """marp-cli is converting the build's markdown: it was given its arguments."""
    return bool(list(tmp.glob("lecturedeck-marp-*/args.json")) and children(out, tmp))


def wait_until(check: Callable[[], object], process: subprocess.Popen[str], what: str, limit: float = 60) -> None:
    """Poll every few milliseconds until `check()` is true; the build must still be running then."""
    deadline = time.monotonic() + limit
    while not check():
        assert process.poll() is None, (
            f"the build ended before {what}: {process.stderr.read() if process.stderr else ''}"
        )
        assert time.monotonic() < deadline, f"no {what} within {limit} s"
        time.sleep(0.003)


def staged(out: Path) -> list[Path]:
    return sorted(out.glob(".lecturedeck-staging-*"))


def staged_file(out: Path, name: str) -> Callable[[], bool]:
    return lambda: any((root / "new" / COURSE / name).is_file() for root in staged(out))


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make `folder` refuse changes for real: mode 555 for a normal user; root ignores modes, so for root
    the immutable flag (chattr +i), which even root cannot write through."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", folder], capture_output=True).returncode != 0:
        pytest.skip("running as root, and this filesystem has no immutable flag to refuse writes")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", folder], check=True)


def is_complete_build(folder: Path, stems: list[str], version: str) -> bool:
    """Every output of every lecture there, whole: the markdown has this version's titles, each PPTX is a
    readable zip, each HTML ends its document."""
    names = {f"{stem}.{ext}" for stem in stems for ext in ("md", "html", "pptx")} | {"index.html", MANIFEST}
    if {p.name for p in folder.iterdir()} != names:
        return False
    for stem in stems:
        if f"Lecture {stem} {version}" not in (folder / f"{stem}.md").read_text(encoding="utf-8"):
            return False
        with zipfile.ZipFile(folder / f"{stem}.pptx") as pptx:
            if pptx.testzip() is not None:
                return False
        if not (folder / f"{stem}.html").read_text(encoding="utf-8").rstrip().endswith("</html>"):
            return False
    return True


# (a) output folders that cannot be used ------------------------------------------------------------------


@pytest.mark.parametrize("case", ["a file", "below a file", "read-only", "course folder is a file", "symlink"])
def test_unusable_output_folder_is_a_located_error(case: str, tmp_path: Path) -> None:
    course = tiny_course(tmp_path / COURSE, ["01-a"], "v1")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    where = {"a file": blocker, "below a file": blocker / "below", "read-only": out}.get(case, out / COURSE)
    if case == "course folder is a file":
        where.write_text("mine", encoding="utf-8")
    if case == "symlink":
        where.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    target = out if where == out / COURSE else where
    if case == "read-only":
        with unwritable(out):
            code, _, err = deck("build", course, "--to", "md", "--out", target)
    else:
        code, _, err = deck("build", course, "--to", "md", "--out", target)
    assert code == 2, err
    assert err.startswith(f"{where}: "), err
    assert "--out" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert not out.is_dir() or leftovers(out) == []


# (b) a swap that fails leaves the previous build as it was -----------------------------------------------


def test_failed_swap_keeps_the_previous_build_byte_identical(tmp_path: Path) -> None:
    course = tiny_course(tmp_path / COURSE, ["01-a", "02-b"], "v1")
    out = tmp_path / "out"
    assert deck("build", course, "--to", "md,pptx", "--out", out)[0] == 0
    before = snapshot(out / COURSE)
    tiny_course(course, ["01-a", "03-c"], "v2")
    with unwritable(out / COURSE):
        code, _, err = deck("build", course, "--to", "md,pptx", "--out", out)
        assert code == 2, err
        assert err.startswith(f"{out / COURSE}: cannot replace this folder") and "previous build is still there" in err
        assert snapshot(out / COURSE) == before
        assert leftovers(out) == []
    assert deck("build", course, "--to", "md,pptx", "--out", out)[0] == 0
    assert outputs(out / COURSE) == ["01-a.md", "01-a.pptx", "03-c.md", "03-c.pptx"]


def test_without_an_exchange_the_previous_folder_is_renamed_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two-rename fallback (systems without renameat2): a failed second rename puts the old folder back."""
    monkeypatch.setattr(swap, "_renameat2", None)
    target, aside = tmp_path / "course", tmp_path / "aside"
    target.mkdir()
    (target / "old.md").write_text("old", encoding="utf-8")
    with pytest.raises(DeckError, match="previous build is still there"):
        swap.replace_folder(tmp_path / "missing", target, aside, target)
    assert snapshot(target) == {"old.md": b"old"} and not aside.exists()
    new = tmp_path / "new"
    new.mkdir()
    (new / "new.md").write_text("new", encoding="utf-8")
    swap.replace_folder(new, target, aside, target)
    assert snapshot(target) == {"new.md": b"new"} and snapshot(aside) == {"old.md": b"old"}


def test_a_folder_a_killed_swap_moved_aside_goes_back(tmp_path: Path) -> None:
    """Killed between the fallback's two renames: the next build restores the previous folder, then cleans up."""
    out = tmp_path / "out"
    aside = out / ".lecturedeck-staging-killed" / "old" / COURSE
    aside.mkdir(parents=True)
    (aside / "01-a.md").write_text("previous", encoding="utf-8")
    with stage_build(out, [COURSE]):
        assert snapshot(out / COURSE) == {"01-a.md": b"previous"}
        assert len(leftovers(out)) == 1  # only this build's own staging folder
    assert leftovers(out) == []


# (c) kill -9 at several points of a real build ----------------------------------------------------------


def test_kill_9_anywhere_leaves_the_previous_build_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    require_marp()
    course = tiny_course(tmp_path / COURSE, ["01-a", "02-b"], "v1")
    out = tmp_path / "out"
    assert deck("build", course, "--out", out)[0] == 0
    assert is_complete_build(out / COURSE, ["01-a", "02-b"], "v1")
    tiny_course(course, ["01-a", "03-c"], "v2")
    points: dict[str, Callable[[], object]] = {
        "staging folder created": lambda: staged(out),
        "first PPTX staged": staged_file(out, "01-a.pptx"),
        "marp-cli running": lambda: marp_converting(out, tmp_path / "tmp"),
        "HTML converted": staged_file(out, "03-c.html"),
    }
    for point, reached in points.items():
        previous = snapshot(out / COURSE)
        build = start_deck("build", course, "--out", out, tmp=tmp_path / "tmp")
        wait_until(reached, build, point)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        after = snapshot(out / COURSE)
        assert after == previous or is_complete_build(out / COURSE, ["01-a", "03-c"], "v2"), point
        assert build.returncode == 0 or leftovers(out), f"kill -9 cannot clean up, yet nothing was left ({point})"
        time.sleep(0.3)  # the kernel kills the children at once (PR_SET_PDEATHSIG); marp-cli alone runs ~1 s
        assert children(out, tmp_path / "tmp") == [], f"a child of the killed build still runs ({point})"
    assert deck("build", course, "--out", out)[0] == 0
    assert leftovers(out) == []
    assert is_complete_build(out / COURSE, ["01-a", "03-c"], "v2")


# (d) SIGTERM and SIGINT stop cleanly --------------------------------------------------------------------


@pytest.mark.parametrize(("stop", "point"), [(signal.SIGTERM, "marp-cli running"), (signal.SIGINT, "staging")])
def test_stop_signal_exits_cleanly(stop: signal.Signals, point: str, tmp_path: Path) -> None:
    require_marp()
    course = tiny_course(tmp_path / COURSE, ["01-a"], "v1")
    out = tmp_path / "out"
    assert deck("build", course, "--to", "md", "--out", out)[0] == 0
    previous = snapshot(out / COURSE)
    tiny_course(course, ["01-a"], "v2")
    build = start_deck("build", course, "--to", "md,html", "--out", out, tmp=tmp_path / "tmp")
    wait_until(
        (lambda: marp_converting(out, tmp_path / "tmp")) if point == "marp-cli running" else (lambda: staged(out)),
        build,
        point,
    )
    build.send_signal(stop)
    _, err = build.communicate(timeout=30)
    assert build.returncode == 128 + stop, err
    assert err.strip() == f"interrupted by {stop.name}: stopped, and no output was half-written", err
    assert leftovers(out) == [] and snapshot(out / COURSE) == previous
    assert children(out, tmp_path / "tmp") == [] and list((tmp_path / "tmp").iterdir()) == []


# (e) what a build keeps from the previous one ------------------------------------------------------------


def test_removed_lectures_go_and_other_formats_and_own_files_stay(tmp_path: Path) -> None:
    course = tiny_course(tmp_path / COURSE, ["01-a", "02-b"], "v1")
    out = tmp_path / "out"
    assert deck("build", course, "--to", "md,pptx", "--out", out)[0] == 0
    (out / COURSE / "notes.txt").write_text("my own notes", encoding="utf-8")
    kept_pptx = (out / COURSE / "01-a.pptx").stat().st_ino
    tiny_course(course, ["01-a", "03-c"], "v2")
    assert deck("build", course, "--to", "md", "--out", out)[0] == 0
    folder = out / COURSE
    assert outputs(folder) == ["01-a.md", "01-a.pptx", "03-c.md", "notes.txt"]
    assert (folder / "01-a.pptx").stat().st_ino == kept_pptx, "kept as a hard link, not rewritten"
    assert "Lecture 01-a v2" in (folder / "01-a.md").read_text(encoding="utf-8")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my own notes"
    assert deck("build", course, "--to", "md,pptx", "--out", out)[0] == 0
    assert outputs(folder) == ["01-a.md", "01-a.pptx", "03-c.md", "03-c.pptx", "notes.txt"]


def test_a_second_build_into_the_same_folder_stops_and_leaves_the_first_alone(tmp_path: Path) -> None:
    course = tiny_course(tmp_path / COURSE, ["01-a"], "v1")
    out = tmp_path / "out"
    running = out / ".lecturedeck-staging-running"
    running.mkdir(parents=True)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # what a running build holds
        code, _, err = deck("build", course, "--to", "md", "--out", out)
        assert code == 2 and err.startswith(f"{out}: another 'deck build' is writing to this output folder"), err
        assert running.is_dir(), "the running build's staging folder must survive"
    finally:
        os.close(fd)
    assert deck("build", course, "--to", "md", "--out", out)[0] == 0
    assert leftovers(out) == [], "once no build runs, its folder is stale and goes"


def test_a_stop_signal_waits_for_the_swap_to_finish() -> None:
    """During the swap a signal is held back (whichever thread the kernel gives it to), then it stops the build."""
    finished = False
    with pytest.raises(Interrupted) as stopped, stopping_on_signals(), signals_deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)  # the handler has run by now
        finished = True
    assert finished and stopped.value.exit_code == 143


def test_two_courses_with_one_folder_name_are_refused(tmp_path: Path) -> None:
    first = tiny_course(tmp_path / "a" / COURSE, ["01-a"], "v1")
    second = tiny_course(tmp_path / "b" / COURSE, ["01-a"], "v1")
    code, _, err = deck("build", first, second, "--to", "md", "--out", tmp_path / "out")
    assert code == 2 and err.startswith(f"{second / 'course.yaml'}: this course and {first / 'course.yaml'}"), err
    assert not (tmp_path / "out").exists()
