"""The command line for editors and CI: `deck check --format json`, `deck schema`, shell completion."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lecturedeck.build import load_and_plan
from lecturedeck.cli import app
from lecturedeck.cli.problems import fit_problems
from lecturedeck.errors import DeckError, Location
from lecturedeck.plan.fit import FitNote
from tests.conftest import ROOT, run_deck

FIELDS = {"file", "line", "column", "message", "severity"}
BAD_LECTURE = """\
title: L
sections:
  - title: S
    slides:
      - kind: bulets
        title: x
      - kind: bullets
        title: y
        itmes: [a]
"""


def check_json(*args: str | Path) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *map(str, args)])
    return result.exit_code, json.loads(result.stdout)


def test_json_lists_split_slides_as_info_with_their_place() -> None:
    course = ROOT / "tests" / "fixtures" / "overflow"
    code, problems = check_json(course)
    assert code == 0
    notes = [note for planned in load_and_plan([course]) for note in planned.fit_notes]
    assert len(problems) == len(notes) > 0
    for problem, note in zip(problems, notes, strict=True):
        assert set(problem) == FIELDS
        assert problem["severity"] == "info"
        assert note.source is not None
        assert (problem["file"], problem["line"], problem["column"]) == (
            str(note.source.path),
            note.source.line,
            note.source.col,
        )
        assert problem["message"] == note.message


def test_json_with_strict_exits_1_and_still_prints_only_json() -> None:
    code, problems = check_json("--strict", ROOT / "tests" / "fixtures" / "overflow")
    assert code == 1 and problems


def test_json_errors_are_objects_with_integer_places_and_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("title: T\nlectures:\n  - 01.yaml\n  - 02.yaml\n", encoding="utf-8")
    (tmp_path / "01.yaml").write_text(BAD_LECTURE, encoding="utf-8")
    result = run_deck("check", "--format", "json", tmp_path)  # the real entry point: main() prints nothing more
    assert result.returncode == 2
    assert result.stderr == ""
    problems = json.loads(result.stdout)
    assert {p["severity"] for p in problems} == {"error"}
    places = {(Path(str(p["file"])).name, p["line"], p["column"]) for p in problems}
    assert places == {("01.yaml", 5, 15), ("01.yaml", 9, 9), ("course.yaml", 4, 5)}
    assert all(isinstance(p["line"], int) and isinstance(p["column"], int) and p["message"] for p in problems)
    assert any("did you mean 'bullets'" in str(p["message"]) for p in problems)


def test_json_problem_without_a_place_has_null_line_and_column(tmp_path: Path) -> None:
    code, problems = check_json(tmp_path / "missing")
    assert code == 2
    assert problems == [
        {"file": None, "line": None, "column": None, "message": problems[0]["message"], "severity": "error"}
    ]
    assert "deck new" in str(problems[0]["message"])


def test_a_split_slide_is_info_and_a_whole_file_has_no_line() -> None:
    where = Location(Path("x/01.yaml"))
    problem = fit_problems([FitNote(where, "Wide table", parts=3, fill=0.8)])[0]
    assert (problem.file, problem.line, problem.column, problem.severity) == ("x/01.yaml", None, None, "info")
    assert problem.message == "'Wide table' split into 3 slides (fill 80%)"


def test_schema_replaces_only_its_own_two_files(tmp_path: Path) -> None:
    (tmp_path / "course.schema.json").write_text("old", encoding="utf-8")
    (tmp_path / "notes.json").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.schema.json", "lecture.schema.json", "notes.json"]
    assert (tmp_path / "notes.json").read_text(encoding="utf-8") == "mine"
    assert json.loads((tmp_path / "course.schema.json").read_text(encoding="utf-8"))["required"] == [
        "title",
        "lectures",
    ]
    assert "yaml-language-server: $schema=" in result.stdout


def test_schema_into_a_file_is_a_located_refusal(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", str(tmp_path / "a-file")])
    assert isinstance(result.exception, DeckError)
    assert "is a file, not a folder" in str(result.exception)
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "x"


def test_shell_completion_script_and_completions() -> None:
    runner = CliRunner()
    script = runner.invoke(app, ["--show-completion", "bash"], prog_name="deck", env={"SHELL": "/bin/bash"})
    assert script.exit_code == 0
    assert "_DECK_COMPLETE=complete_bash" in script.stdout and "complete " in script.stdout
    env = {"_DECK_COMPLETE": "complete_bash", "COMP_WORDS": "deck ch", "COMP_CWORD": "1"}
    completed = runner.invoke(app, [], prog_name="deck", env=env)
    assert completed.stdout.split() == ["check"]
    env = {"_DECK_COMPLETE": "complete_bash", "COMP_WORDS": "deck check --format ", "COMP_CWORD": "3"}
    assert runner.invoke(app, [], prog_name="deck", env=env).stdout.split() == ["text", "json"]
