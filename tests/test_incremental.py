"""Incremental builds: a build rebuilds exactly the lectures whose inputs changed (outline, course.yaml,
course themes, pictures, options), carries the others' outputs over unchanged, and its outputs equal
those of a full build byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from lecturedeck.incremental import build_courses
from lecturedeck.manifest import MANIFEST
from lecturedeck.outline import loader
from tests.conftest import CHROMIUM, deck, require, require_marp

MD_PPTX = ["md", "pptx"]


def picture(path: Path, color: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), color).save(path)


def lecture(title: str, image: str) -> str:
    return (
        f"title: {title}\nsections:\n  - title: Only\n    slides:\n"
        "      - kind: bullets\n        title: Points\n        items: [one, two]\n"
        f"      - kind: image\n        title: Picture\n        src: {image}\n        alt: a picture\n"
    )


def write_course(folder: Path, stems: tuple[str, ...] = ("a", "b", "c"), theme: str = "") -> Path:
    """Lectures a and b show images/one.png, c shows images/two.png."""
    folder.mkdir(parents=True, exist_ok=True)
    listed = "".join(f"  - {stem}.yaml\n" for stem in stems)
    (folder / "course.yaml").write_text(f"title: Tiny\nlang: en\n{theme}lectures:\n{listed}", encoding="utf-8")
    for stem in ("a", "b", "c"):
        image = "images/two.png" if stem == "c" else "images/one.png"
        (folder / f"{stem}.yaml").write_text(lecture(f"Lecture {stem}", image), encoding="utf-8")
    if not (folder / "images").is_dir():
        picture(folder / "images" / "one.png", "red")
        picture(folder / "images" / "two.png", "blue")
    return folder


def rebuilt(course: Path, out: Path, formats: list[str] = MD_PPTX, **options: object) -> list[str]:
    """Build, and the lectures that were rebuilt."""
    results = build_courses([course], out, formats, **options)  # type: ignore[arg-type]
    return [result.stem for result in results if result.rebuilt]


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_edit_one_lecture_rebuilds_only_it(tmp_path: Path) -> None:
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    assert rebuilt(course, out) == ["a", "b", "c"]
    before = inodes(out / "tiny")
    assert rebuilt(course, out) == []
    assert inodes(out / "tiny") == before, "a build with nothing to do changes nothing"
    (course / "b.yaml").write_text(lecture("Lecture b, edited", "images/one.png"), encoding="utf-8")
    assert rebuilt(course, out) == ["b"]
    after = inodes(out / "tiny")
    changed = {name for name in before if after[name] != before[name]}
    pictures = changed - {"b.md", "b.pptx", MANIFEST}
    assert changed >= {"b.md", "b.pptx", MANIFEST} and len(pictures) == 1, changed
    assert next(iter(pictures)).startswith("images/"), "only b's outputs and the picture it shows were written"
    assert "Lecture b, edited" in (out / "tiny" / "b.md").read_text(encoding="utf-8")


def test_up_to_date_lectures_are_not_even_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one lecture's edit only its file is parsed and validated; the course home still lists every
    lecture with its objectives (kept in the manifest when each lecture was built)."""
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    (course / "c.yaml").write_text(
        lecture("Lecture c", "images/two.png").replace("sections:", "objectives: [Name *three* things]\nsections:"),
        encoding="utf-8",
    )
    assert rebuilt(course, out, ["md", "html"]) == ["a", "b", "c"]
    read: list[str] = []
    read_lecture = loader._read_lecture
    monkeypatch.setattr(
        loader, "_read_lecture", lambda path, *rest: (read.append(path.stem), read_lecture(path, *rest))[1]
    )
    (course / "b.yaml").write_text(lecture("Lecture b, edited", "images/one.png"), encoding="utf-8")
    assert rebuilt(course, out, ["md", "html"]) == ["b"]
    assert read == ["b"]
    home = (out / "tiny" / "index.html").read_text(encoding="utf-8")
    assert all(title in home for title in ("Lecture a", "Lecture b, edited", "Lecture c", "Name three things"))


def test_a_changed_picture_rebuilds_exactly_the_lectures_that_show_it(tmp_path: Path) -> None:
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    rebuilt(course, out)
    picture(course / "images" / "one.png", "green")
    assert rebuilt(course, out) == ["a", "b"]
    picture(course / "images" / "two.png", "green")
    assert rebuilt(course, out) == ["c"]
    manifest = json.loads((out / "tiny" / MANIFEST).read_text(encoding="utf-8"))
    shown = {r["stem"]: {Path(p).name for p in r["inputs"]} for r in manifest["lectures"]}
    assert shown == {
        "a": {"course.yaml", "a.yaml", "one.png"},
        "b": {"course.yaml", "b.yaml", "one.png"},
        "c": {"course.yaml", "c.yaml", "two.png"},
    }


def test_theme_course_file_and_options_rebuild_everything(tmp_path: Path) -> None:
    course, out = write_course(tmp_path / "tiny", theme="theme: mine\n"), tmp_path / "out"
    theme = course / "themes" / "mine" / "theme.yaml"
    theme.parent.mkdir(parents=True)
    theme.write_text("extends: lecture\ndescription: Mine\n", encoding="utf-8")
    assert rebuilt(course, out) == ["a", "b", "c"]
    assert rebuilt(course, out) == []
    theme.write_text("extends: lecture\ndescription: Mine, edited\n", encoding="utf-8")
    assert rebuilt(course, out) == ["a", "b", "c"]
    with (course / "course.yaml").open("a", encoding="utf-8") as file:
        file.write("# a comment\n")
    assert rebuilt(course, out) == ["a", "b", "c"]
    assert rebuilt(course, out, ["md"]) == ["a", "b", "c"]
    assert rebuilt(course, out, ["md"], theme="contrast") == ["a", "b", "c"]
    assert rebuilt(course, out, ["md"], theme="contrast") == []
    assert rebuilt(course, out, ["md"], theme="contrast", force=True) == ["a", "b", "c"]


def test_a_removed_lecture_has_its_outputs_removed(tmp_path: Path) -> None:
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    rebuilt(course, out)
    write_course(course, ("a", "b"))
    assert rebuilt(course, out) == ["a", "b"]  # course.yaml changed
    assert {"a.md", "a.pptx", "b.md", "b.pptx"} <= set(inodes(out / "tiny"))
    assert not {"c.md", "c.pptx"} & set(inodes(out / "tiny"))
    manifest = json.loads((out / "tiny" / MANIFEST).read_text(encoding="utf-8"))
    assert [record["stem"] for record in manifest["lectures"]] == ["a", "b"]


def test_a_removed_lecture_leaves_no_slide_pictures(tmp_path: Path) -> None:
    """The folder of slide pictures goes with its lecture (its PNGs, and the folder once empty), whether or
    not the next build makes pictures; the lectures still in the course keep theirs, a file of the user's stays."""
    require_marp()
    require(Path(CHROMIUM).exists(), "chromium")
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    rebuilt(course, out, ["png"], png_width=320)
    assert {"a/001.png", "b/001.png", "c/001.png", "c/002.png"} <= set(inodes(out / "tiny"))
    (out / "tiny" / "c" / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "tiny" / "b" / "notes.txt").write_text("mine", encoding="utf-8")
    write_course(course, ("a", "b"))
    assert rebuilt(course, out, ["html"]) == ["a", "b"]
    files = set(inodes(out / "tiny"))
    assert {"a/001.png", "a/002.png", "b/001.png", "b/notes.txt", "c/notes.txt", "a.html"} <= files, files
    assert not [name for name in files if name.startswith("c/") and name.endswith(".png")], files
    (out / "tiny" / "c" / "notes.txt").unlink()
    assert rebuilt(course, out, ["html"]) == []
    write_course(course, ("a",))
    assert rebuilt(course, out, ["png"], png_width=320) == ["a"]
    assert not (out / "tiny" / "c").exists() and (out / "tiny" / "a" / "002.png").is_file()
    assert [path.name for path in (out / "tiny" / "b").iterdir()] == ["notes.txt"]


def test_a_deleted_output_rebuilds_its_lecture(tmp_path: Path) -> None:
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    rebuilt(course, out)
    (out / "tiny" / "c.pptx").unlink()
    assert rebuilt(course, out) == ["c"]
    assert (out / "tiny" / "c.pptx").is_file()


def test_incremental_outputs_equal_a_forced_build_byte_for_byte(tmp_path: Path) -> None:
    """All three formats and the index: after an edit, and after a lecture was removed (its HTML and the
    picture only it showed go too), an incremental build and a --force build into another folder a little
    later (the PPTX zips hold no build time) agree byte for byte."""
    require_marp()
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"

    def same_as_forced(name: str) -> dict[str, bytes]:
        time.sleep(2)  # zip entries are dated to 2 s
        assert deck("build", course, "--out", tmp_path / name, "--force", "--jobs", "2")[0] == 0
        forced = snapshot(tmp_path / name / "tiny")
        assert snapshot(out / "tiny") == forced
        return forced

    assert deck("build", course, "--out", out)[0] == 0
    (course / "a.yaml").write_text(lecture("Lecture a, edited", "images/one.png"), encoding="utf-8")
    code, summary, _ = deck("build", course, "--out", out)
    assert code == 0 and summary.count("up to date") == 2 and summary.count("rebuilt") == 2, summary
    assert "Lecture a, edited" in (out / "tiny" / "index.html").read_text(encoding="utf-8")
    assert {"a.html", "a.pptx", "a.md", "c.html", "index.html", MANIFEST} <= set(same_as_forced("forced"))
    write_course(course, ("a", "b"))
    assert deck("build", course, "--out", out)[0] == 0
    kept = same_as_forced("forced-again")
    assert not any(name.startswith("c.") for name in kept)
    assert len([name for name in kept if name.startswith("images/")]) == 1


def test_nothing_to_do_loads_no_planning_or_rendering(tmp_path: Path) -> None:
    course, out = write_course(tmp_path / "tiny"), tmp_path / "out"
    rebuilt(course, out)
    script = (
        "import sys; from pathlib import Path; from lecturedeck.incremental import build_courses; "
        f"results = build_courses([Path({str(course)!r})], Path({str(out)!r}), ['md', 'pptx']); "
        "print(sum(r.rebuilt for r in results), len(results), "
        "sorted(m for m in ('lecturedeck.build', 'lecturedeck.plan', 'pptx', 'jinja2', 'PIL') if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "0 3 []"
