"""marp-cli started by the entry point before the command line loads (lecturedeck.convert.head_start)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from lecturedeck.convert.head_start import converts, marp_head_start
from lecturedeck.convert.marp import early_marp
from tests.conftest import ROOT, require_marp

STARTER = ROOT / "slides" / "starter"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build"], True),
        (["--debug", "build", "slides/x"], True),
        (["build", "--to", "md,html"], True),
        (["build", "--to=pdf"], True),
        (["build", "--to", "PPTX,Handout"], True),
        (["serve", "slides/x", "--port", "0"], True),
        (["build", "--to", "md,pptx"], False),
        (["build", "--to=pptx"], False),
        (["build", "--to", "html", "--to", "pptx"], False),  # the last --to is the one typer keeps
        (["build", "--to=pptx", "--to", "html"], True),
        (["build", "--help"], False),
        (["check", "slides/x"], False),
        (["new", "build"], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_a_head_start_is_given_to_commands_that_convert_markdown(argv: list[str], expected: bool) -> None:
    assert converts(argv) is expected


def _marp_processes(marker: str) -> list[int]:
    """Processes whose command line mentions `marker` (a private temporary folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if marker in command and "early.cjs" in command:
                found.append(int(entry.name))
    return found


def test_a_build_with_a_head_start_makes_the_same_html_and_leaves_no_node_behind(tmp_path: Path) -> None:
    """`python -m lecturedeck build` (the console script's entry) converts with the marp-cli it started
    before the CLI loaded: the same bytes as a build through the CLI alone; and a build with nothing to do
    stops the node it started for nothing."""
    require_marp()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}  # marp-cli's scratch folder, named in its command line
    head, plain = tmp_path / "head", tmp_path / "plain"
    entry = [sys.executable, "-m", "lecturedeck", "build", str(STARTER), "--to", "html", "--out", str(head)]
    cli_only = [sys.executable, "-c", "from lecturedeck.cli import main; main()"]
    cli_only += ["build", str(STARTER), "--to", "html", "--out", str(plain)]
    for command in (entry, cli_only):
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
    pages = sorted(path.relative_to(head) for path in head.rglob("*.html"))
    assert pages and pages == sorted(path.relative_to(plain) for path in plain.rglob("*.html"))
    for page in pages:
        assert (head / page).read_bytes() == (plain / page).read_bytes(), page
    again = subprocess.run(entry, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert again.returncode == 0 and "up to date" in again.stdout, again.stderr
    assert _marp_processes(str(scratch)) == []
    assert list(scratch.iterdir()) == []  # its scratch folder is gone too


def test_without_node_tools_the_command_still_says_what_is_missing(tmp_path: Path) -> None:
    """A head start that cannot start (no marp-cli where deck looks) is silent: the build's own check speaks."""
    env = {**os.environ, "LECTUREDECK_NODE_MODULES": str(tmp_path / "nowhere")}
    command = [sys.executable, "-m", "lecturedeck", "build", str(STARTER), "--to", "html", "--out", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "HTML needs marp-cli" in done.stderr and "lecturedeck setup" in done.stderr


def test_the_first_early_marp_takes_the_head_start_and_only_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_marp()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # marp-cli's scratch folders go here
    with marp_head_start(["build"]):
        started_first = set(tmp_path.iterdir())
        assert len(started_first) == 1  # node started before anything asked for it
        with early_marp() as taken:
            assert taken.args_file.parent in started_first
        with early_marp() as another:
            assert another.args_file.parent not in started_first  # a second build starts its own
    assert list(tmp_path.iterdir()) == []  # both stopped, their folders removed
