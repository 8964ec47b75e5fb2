"""Parallel builds: lectures planned and rendered on several processes give the same bytes as one process,
report every lecture's located problems, and a stop signal ends the build with its workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecturedeck.errors import DeckError, Location
from lecturedeck.incremental import build_courses
from lecturedeck.parallel import each_parallel
from tests.conftest import deck
from tests.courses import write_course


def tiny_course(folder: Path, lectures: int, slides: int = 3) -> Path:
    """A course of `lectures` lectures, each with `slides` bullet slides and as many tables."""
    stems = [f"{n:02}-l" for n in range(1, lectures + 1)]
    return write_course(folder, {f"{stem}.yaml": lecture(stem, slides) for stem in stems}, title="Tiny", listed="block")


def lecture(stem: str, slides: int) -> str:
    body = "".join(
        f"      - kind: bullets\n        title: Points {n}\n        items: [one {stem}, two, three]\n"
        f"      - kind: table\n        title: Table {n}\n        header: [a, b]\n        rows: [[1, 2], [3, 4]]\n"
        for n in range(slides)
    )
    return f"title: Lecture {stem}\nsections:\n  - title: Only\n    slides:\n{body}"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_job_and_several_give_the_same_bytes(tmp_path: Path) -> None:
    course = tiny_course(tmp_path / "tiny", 4)
    for jobs in (1, 2, 3):
        results = build_courses([course], tmp_path / f"j{jobs}", ["md", "pptx"], jobs=jobs)
        assert [r.stem for r in results] == ["01-l", "02-l", "03-l", "04-l"]
        assert all(r.rebuilt and r.outputs == ["md", "pptx"] for r in results)
    assert snapshot(tmp_path / "j1") == snapshot(tmp_path / "j2") == snapshot(tmp_path / "j3")


def test_the_problems_of_every_lecture_come_back_located(tmp_path: Path) -> None:
    course = tiny_course(tmp_path / "tiny", 3)
    for stem in ("01-l", "03-l"):
        (course / f"{stem}.yaml").write_text(
            "title: Broken\nsections:\n  - title: S\n    slides:\n"
            "      - kind: code\n        title: Code\n        language: python\n        code: |\n"
            f"          {'x' * 400}\n",
            encoding="utf-8",
        )
    code, _, err = deck("build", course, "--to", "md", "--out", tmp_path / "out", "--jobs", "2")
    assert code == 2, err
    lines = err.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [str(course / "01-l.yaml"), str(course / "03-l.yaml")], err
    assert all(line.split(":")[1].isdigit() for line in lines), err
    assert not (tmp_path / "out" / "tiny").exists()


def _fails_on_odd(n: int) -> int:
    if n % 2:
        raise DeckError(f"odd {n}", Location(Path("f.yaml"), n, 1))
    return n * 10


def test_errors_of_workers_keep_their_class_and_location() -> None:
    with pytest.raises(DeckError) as raised:
        each_parallel(range(6), _fails_on_odd, jobs=3)
    assert str(raised.value).splitlines() == ["f.yaml:1:1: odd 1", "f.yaml:3:1: odd 3", "f.yaml:5:1: odd 5"]
    assert each_parallel(range(0, 8, 2), _fails_on_odd, jobs=3) == [0, 20, 40, 60]


def _pid_and_time(n: int) -> tuple[int, float]:
    time.sleep(0.3)
    return os.getpid(), time.monotonic()


def test_the_build_works_meanwhile_while_its_workers_plan() -> None:
    """`meanwhile` (a build imports its renderers there) runs in this process once the workers are started,
    while they work: it is over before the first of them is done; with one job there is nothing to overlap."""
    calls: list[float] = []
    finished = each_parallel(range(2), _pid_and_time, jobs=2, meanwhile=lambda: calls.append(time.monotonic()))
    assert len(calls) == 1 and all(pid != os.getpid() for pid, _ in finished)
    assert calls[0] < min(at for _, at in finished)
    each_parallel(range(2), _pid_and_time, jobs=1, meanwhile=lambda: calls.append(time.monotonic()))
    assert len(calls) == 1


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_parallel_build_ends_with_its_workers(stop: signal.Signals, tmp_path: Path) -> None:
    """SIGTERM: a clean stop; kill -9: the kernel kills the workers too (they hold the output folder's
    lock), so the next build can run."""
    course, out = tiny_course(tmp_path / "big", 8, slides=25), tmp_path / "out"
    build = subprocess.Popen(
        [sys.executable, "-m", "lecturedeck", "build", course, "--to", "pptx", "--out", out, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while len(workers := children(build.pid)) < 2:
        assert build.poll() is None and time.monotonic() < deadline, build.stderr.read() if build.stderr else ""
        time.sleep(0.003)
    build.send_signal(stop)
    _, err = build.communicate(timeout=30)
    assert build.returncode == (143 if stop == signal.SIGTERM else -9), err
    if stop == signal.SIGTERM:
        assert err.strip() == "interrupted by SIGTERM: stopped, and no output was half-written"
        assert not list(out.glob(".lecturedeck-staging-*"))
    time.sleep(0.3)
    assert not [pid for pid in workers if alive(pid)]
    assert not (out / "big").exists()
    assert deck("build", course, "--to", "md", "--out", out, "--jobs", "2")[0] == 0
