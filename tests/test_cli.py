"""The `deck` command line as a lecturer uses it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT, deck, require_marp, run_deck


def test_help_teaches_the_commands() -> None:
    result = run_deck("--help")
    assert result.returncode == 0
    for command in ("build", "check", "new", "themes"):
        assert command in result.stdout
    build_help = run_deck("build", "--help").stdout
    assert "--to" in build_help and "--out" in build_help and "--theme" in build_help
    assert "deck build slides/llm-course --to html" in build_help


def test_version_and_themes() -> None:
    assert run_deck("--version").stdout.startswith("lecturedeck ")
    themes = run_deck("themes").stdout
    assert "lecture" in themes and "contrast" in themes and "high contrast" in themes.lower()


def test_build_without_arguments_builds_every_course_under_slides(tmp_path: Path) -> None:
    require_marp()
    shutil.copytree(ROOT / "slides" / "starter", tmp_path / "slides" / "one")
    shutil.copytree(ROOT / "slides" / "starter", tmp_path / "slides" / "two")
    result = run_deck("build", "--to", "md,html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for course in ("one", "two"):
        assert (tmp_path / "build" / course / "index.html").is_file()
        assert (tmp_path / "build" / course / "01-basics.html").is_file()
    assert "4 lectures" in result.stdout, "the summary counts what was built"


def test_build_without_courses_explains_what_to_do(tmp_path: Path) -> None:
    result = run_deck("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "deck new" in result.stderr
    assert not (tmp_path / "build").exists()


def test_a_folder_of_courses_stands_for_every_course_in_it(tmp_path: Path) -> None:
    teaching = tmp_path / "teaching" / "slides"
    shutil.copytree(ROOT / "slides" / "starter", teaching / "one")
    shutil.copytree(ROOT / "slides" / "starter", teaching / "two")
    (teaching / "notes").mkdir()  # a folder without a course.yaml beside the courses is no course
    code, stdout, stderr = deck("build", teaching, "--to", "md", "--out", tmp_path / "build")
    assert code == 0, stderr
    for course in ("one", "two"):
        assert (tmp_path / "build" / course / "01-basics.md").is_file()
    assert "4 lectures" in stdout
    code, stdout, stderr = deck("check", teaching)
    assert code == 0, stderr
    assert f"ok  {teaching / 'one'}" in stdout and f"ok  {teaching / 'two'}" in stdout
    code, stdout, stderr = deck("themes", teaching)
    assert code == 0, stderr
    assert str(teaching / "one") in stdout and str(teaching / "two") in stdout


def test_a_folder_without_courses_says_what_was_looked_for(tmp_path: Path) -> None:
    empty = tmp_path / "slides"
    (empty / "drafts").mkdir(parents=True)
    for command in (("build", "--to", "md", "--out", tmp_path / "build"), ("check",), ("themes",)):
        code, stdout, stderr = deck(command[0], empty, *command[1:])
        assert code == 2, (command, stdout, stderr)
        assert f"looked for {empty / 'course.yaml'} and {empty / '*' / 'course.yaml'}" in stderr, stderr
        assert "folder of course folders" in stderr and "deck new" in stderr
        assert "Traceback" not in stderr
    code, stdout, _ = deck("check", empty, "--format", "json")
    assert code == 2 and "looked for" in stdout
    assert not (tmp_path / "build").exists()


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_deck("build", ROOT / "slides" / "starter", "--to", "docx", "--out", tmp_path / "o")
    assert result.returncode == 2
    assert "docx" in result.stderr
    assert not (tmp_path / "o").exists()


def test_new_scaffolds_a_course_that_builds_and_never_overwrites(tmp_path: Path) -> None:
    require_marp()
    assert run_deck("new", "intro", cwd=tmp_path).returncode == 0
    course = tmp_path / "slides" / "intro" / "course.yaml"
    original = course.read_text(encoding="utf-8")
    assert "intro" in original
    again = run_deck("new", "intro", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert course.read_text(encoding="utf-8") == original
    built = run_deck("build", "--to", "md,html", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "build" / "intro" / "01-introduction.html").is_file()


def test_check_validates_without_writing(tmp_path: Path) -> None:
    result = run_deck("check", ROOT / "slides" / "starter", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_outputs_never_land_in_the_course_sources(tmp_path: Path) -> None:
    course = tmp_path / "starter"
    shutil.copytree(ROOT / "slides" / "starter", course)
    before = sorted(p.name for p in course.rglob("*"))
    for out in (tmp_path, course):  # OUT/<course> would be the sources, or a folder inside them
        result = run_deck("build", course, "--out", out, "--to", "md")
        assert result.returncode == 2
        assert "--out" in result.stderr
        assert sorted(p.name for p in course.rglob("*")) == before


def test_theme_override(tmp_path: Path) -> None:
    require_marp()
    result = run_deck("build", ROOT / "slides" / "starter", "--theme", "contrast", "--to", "md,html", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'theme: "contrast"' in (tmp_path / "starter" / "01-basics.md").read_text(encoding="utf-8")
    assert "#111418" in (tmp_path / "starter" / "01-basics.html").read_text(encoding="utf-8").upper()
    bad = run_deck("build", ROOT / "slides" / "starter", "--theme", "dark", "--out", tmp_path / "x")
    assert bad.returncode == 2 and "unknown theme 'dark'" in bad.stderr


def test_check_lists_split_slides_with_their_lines_and_strict_fails() -> None:
    course = ROOT / "tests" / "fixtures" / "overflow"
    result = run_deck("check", course)
    assert result.returncode == 0, result.stderr
    assert "01-overflow.yaml:18:5: '四十条要点' split into" in result.stdout
    assert "tight" in result.stdout
    strict = run_deck("check", "--strict", course)
    assert strict.returncode == 1
    assert "had to be split" in strict.stderr
    assert run_deck("check", "--strict", ROOT / "slides" / "starter").returncode == 0


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for out in (blocker, blocker / "below"):
        result = run_deck("build", ROOT / "slides" / "starter", "--to", "md", "--out", out)
        assert result.returncode == 2, result.stderr
        assert "cannot write to the output folder" in result.stderr and "Traceback" not in result.stderr


def test_image_file_names_never_become_markdown(tmp_path: Path) -> None:
    """Spaces, brackets and image syntax in a file name stay out of the deck: images/ gets generated names."""
    course = tmp_path / "c"
    shutil.copytree(ROOT / "slides" / "starter", course)
    odd = "Screenshot 2024 (v2) ![bg](x.png).png"
    shutil.copy(course / "images" / "pipeline.png", course / "images" / odd)
    lecture = course / "02-figures-and-code.yaml"
    lecture.write_text(lecture.read_text(encoding="utf-8").replace("images/pipeline.png", f"'images/{odd}'"), "utf-8")
    result = run_deck("build", course, "--to", "md", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "c" / "02-figures-and-code.md").read_text(encoding="utf-8")
    assert "Screenshot" not in markdown and "x.png" not in markdown
    shown = sorted(p.name for p in (tmp_path / "out" / "c" / "images").iterdir())
    assert shown and all(name.replace(".", "").isalnum() for name in shown)


def test_check_prints_a_table_of_figures_per_lecture_and_explains_them(tmp_path: Path) -> None:
    """One row per lecture: slides, split and tight outline slides, notes coverage, small text, hyphenated words."""
    course = tmp_path / "c"
    course.mkdir()
    (course / "course.yaml").write_text("title: T\nlang: de\nlectures: [one.yaml]\n", encoding="utf-8")
    many = "\n".join(f"          - Punkt {i} mit etwas Text" for i in range(40))
    long_word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsgebäude"
    (course / "one.yaml").write_text(
        "title: L\nsections:\n  - title: S\n    slides:\n"
        f"      - kind: bullets\n        title: Viele\n        notes: Sprechen.\n        items:\n{many}\n"
        "      - kind: columns\n        title: Lang\n        left:\n"
        f"          items: [{long_word} ist lang]\n        right:\n          items: [kurz]\n",
        encoding="utf-8",
    )
    result = run_deck("check", course)
    assert result.returncode == 0, result.stderr
    row = next(line.split() for line in result.stdout.splitlines() if line.startswith("one "))
    slides, split, tight, coverage, _count, small, hyphens = row[1:]
    assert int(slides) >= 6 and split == "1" and tight == "0"  # title, divider, the split slide's parts, columns
    assert (coverage, small, hyphens) == ("50%", "0", "1")
    for figure in ("slides:", "split:", "tight:", "notes:", "small:", "hyphens:"):
        assert figure in result.stdout
