"""Hostile paths and images (issue 10, items 1 and 7): a course reads only regular files inside its folder,
and every image is checked by its true size and content, once, at plan time, whatever outputs are asked for.

Each refusal is one located line (`file:line:col: …`) with exit code 2, no traceback and no output folder,
for `deck build --to md,html`, `deck build --to pptx` and `deck check` alike.
"""

from __future__ import annotations

import io
import json
import os
import struct
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from lecturedeck.errors import DeckError
from lecturedeck.plan.images import MAX_PIXELS, image_size
from tests.conftest import deck, run_deck
from tests.courses import course_yaml, write_course, write_file

LECTURE_AT = "course.yaml:5:5"  # a second `lectures:` entry, as hostile_course writes it
LECTURE = """\
title: L
sections:
  - title: S
    slides:
      - kind: bullets
        title: B
        items: [one]
"""
IMAGE_SLIDE = "      - kind: image\n        title: I\n        alt: {alt}\n        src: {src}\n"
IMAGE_AT = "01.yaml:11:14"  # the `src` value of the first image slide


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height (IHDR patched, its CRC recomputed): a decompression bomb
    as Pillow sees it, in 70 bytes."""
    data = bytearray(png_bytes(1, 1))
    data[16:24] = struct.pack(">II", width, height)  # IHDR data starts after signature, length and type
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def chunk(kind: bytes, data: bytes = b"") -> bytes:
    """One PNG chunk: length, type, data and a correct CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def billion_laughs() -> str:
    entities = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return (
        f'<?xml version="1.0"?><!DOCTYPE svg [{entities}]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="&l9;" height="10"><text>&l9;</text></svg>'
    )


def quoted(text: str) -> str:
    """A YAML double-quoted scalar of `text` (JSON's escapes, minus the surrogate pairs YAML does not join)."""
    return json.dumps(text, ensure_ascii=False)


def image_course(
    folder: Path,
    images: Sequence[str] = (),
    alt: str = "a picture",
    course: str | None = None,
    lecture: str = "01.yaml",
) -> Path:
    """course.yaml (`course`, or one listing `lecture`) and the lecture file with a bullets slide and an image
    slide per image."""
    slides = "".join(IMAGE_SLIDE.format(src=quoted(src), alt=quoted(alt)) for src in images)
    return write_course(folder, {lecture: LECTURE + slides}, title="C", listed="block", course=course)


# Each case: what to set up in (course folder, a folder beside it) → the path the outline names, and the message.
Setup = Callable[[Path, Path], str]


def _in(folder: Path, name: str, data: bytes | str) -> str:
    write_file(folder / name, data)
    return name


def _link(folder: Path, name: str, target: Path | str) -> str:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).symlink_to(target)
    return name


def _fifo(folder: Path, name: str) -> str:
    os.mkfifo(folder / name)
    return name


def _folder(folder: Path, name: str) -> str:
    (folder / name).mkdir()
    return name


IMAGE_CASES: dict[str, tuple[Setup, str]] = {
    "absolute path": (lambda c, o: str(o / "secret.png"), "is an absolute path"),
    "/etc/hostname": (lambda c, o: "/etc/hostname", "is an absolute path"),
    "/proc/self/environ": (lambda c, o: "/proc/self/environ", "is an absolute path"),
    "../ escape": (lambda c, o: "../outside/secret.png", "climbs out of the course folder with '..'"),
    "../ escape to /etc/passwd": (lambda c, o: "images/../../../../../../../../etc/passwd", "climbs out"),
    "symlink to a file outside": (
        lambda c, o: _link(c, "images/chart.png", o / "secret.png"),
        "leads through a symbolic link to",
    ),
    "symlinked folder outside": (
        lambda c, o: _link(c, "shared", o) and "shared/secret.png",
        "leads through a symbolic link to",
    ),
    "symlink to a device": (lambda c, o: _link(c, "zero.png", "/dev/zero"), "leads through a symbolic link to"),
    "named pipe": (lambda c, o: _fifo(c, "pipe.png"), "is a named pipe (FIFO), not a file"),
    "directory": (lambda c, o: _folder(c, "folder.png"), "is a folder, not a file"),
    "missing": (lambda c, o: "images/none.png", "image not found: images/none.png"),
    "15000² PNG (decompression bomb)": (
        lambda c, o: _in(c, "bomb.png", bomb_png(15_000, 15_000)),
        "is 15000×15000 px, 225 megapixels, more than the 100 megapixels allowed",
    ),
    "30000 px wide PNG": (lambda c, o: _in(c, "wide.png", bomb_png(30_000, 10)), "more than 20000 px per side"),
    "truncated PNG": (lambda c, o: _in(c, "cut.png", png_bytes(64, 64)[:60]), "cannot read image"),
    "CRC-broken PNG": (
        lambda c, o: _in(c, "crc.png", png_bytes()[:40] + b"\xff" + png_bytes()[41:]),
        "cannot read image",
    ),
    "text named .png": (lambda c, o: _in(c, "notes.png", "just some text\n"), "cannot read image"),
    "SVG billion laughs": (lambda c, o: _in(c, "lol.svg", billion_laughs()), "declares XML entities"),
    "SVG external entity": (
        lambda c, o: _in(
            c,
            "ext.svg",
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>',
        ),
        "declares XML entities",
    ),
    "SVG of huge size": (
        lambda c, o: _in(c, "huge.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="99999999999" height="9"/>'),
        "more than 20000 px per side",
    ),
    "SVG of infinite size": (
        lambda c, o: _in(c, "inf.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e999 10"/>'),
        "has no width/height or viewBox of positive numbers",
    ),
    "SVG broken after its root": (
        lambda c, o: _in(c, "broken.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><g></svg>'),
        "SVG image",
    ),
}

LECTURE_CASES: dict[str, tuple[Setup, str]] = {
    "absolute path": (lambda c, o: str(o / "secret.yaml"), "is an absolute path"),
    "/proc/self/environ": (lambda c, o: "/proc/self/environ", "is an absolute path"),
    "../ escape": (lambda c, o: "../outside/secret.yaml", "climbs out of the course folder with '..'"),
    "symlink to a file outside": (
        lambda c, o: _link(c, "02.yaml", o / "secret.yaml"),
        "leads through a symbolic link to",
    ),
    "named pipe": (lambda c, o: _fifo(c, "02.yaml"), "is a named pipe (FIFO), not a file"),
    "directory": (lambda c, o: _folder(c, "02.yaml"), "is a folder, not a file"),
}

COMMANDS = {
    "build md,html": ("build", "--to", "md,html"),
    "build pptx": ("build", "--to", "pptx"),
    "check": ("check",),
}


def hostile_course(root: Path, target: str, setup: Setup) -> tuple[Path, str]:
    """A course whose lecture (or second lecture entry) names what `setup` made; (course folder, where)."""
    course, outside = root / "course", root / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(png_bytes())
    (outside / "secret.yaml").write_text(LECTURE, encoding="utf-8")
    course.mkdir()
    named = setup(course, outside)
    if target == "image":
        image_course(course, [named])
        return course, str(course / IMAGE_AT)
    image_course(course, course=course_yaml(["01.yaml", quoted(named)], title="C", listed="block"))
    return course, str(course / LECTURE_AT)


CASES = {f"image: {name}": ("image", *case) for name, case in IMAGE_CASES.items()} | {
    f"lecture: {name}": ("lecture", *case) for name, case in LECTURE_CASES.items()
}


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
@pytest.mark.parametrize(("target", "setup", "message"), CASES.values(), ids=list(CASES))
def test_refused_with_a_located_line_and_nothing_written(
    tmp_path: Path, command: str, target: str, setup: Setup, message: str
) -> None:
    course, where = hostile_course(tmp_path, target, setup)
    out = tmp_path / "out"
    started = time.perf_counter()
    code, stdout, stderr = (
        deck(*COMMANDS[command], course, "--out", out) if command != "check" else deck("check", course)
    )
    assert time.perf_counter() - started < 10, "a hostile file is refused quickly, never expanded or decoded"
    assert code == 2, stdout + stderr
    first = stderr.strip().splitlines()[0]
    assert first.startswith(f"{where}: "), first
    assert message in first, first
    assert "Traceback" not in stderr
    assert not out.exists(), "a refused build writes nothing"


def test_the_real_command_refuses_proc_files_and_writes_nothing(tmp_path: Path) -> None:
    """The issue's report, through the installed entry point: `/proc/self/environ` was copied into images/."""
    course = image_course(tmp_path / "course", ["/proc/self/environ"])
    result = run_deck("build", course, "--to", "md,html", "--out", tmp_path / "out")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"{course / IMAGE_AT}: image '/proc/self/environ' is an absolute path")
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_files_inside_the_course_stay_fine_through_subfolders_dots_and_inner_links(tmp_path: Path) -> None:
    """The rule refuses only what leaves the folder: lectures in a subfolder, `..` back up, links inside."""
    course = tmp_path / "course"
    _in(course, "images/a b/chart.png", png_bytes(20, 10))
    _link(course, "images/alias.png", course / "images" / "a b" / "chart.png")
    _link(course, "figures", "images/a b")
    names = ["../images/a b/chart.png", "../images/alias.png", "../figures/chart.png"]
    image_course(course, names, course="title: C\nlectures: [lectures/01.yaml]\n", lecture="lectures/01.yaml")
    code, _, stderr = deck("build", course, "--to", "md", "--out", tmp_path / "out")
    assert code == 0, stderr
    markdown = (tmp_path / "out" / "course" / "01.md").read_text(encoding="utf-8")
    assert markdown.count("![") == 3
    copied = list((tmp_path / "out" / "course" / "images").iterdir())
    assert copied and all(p.read_bytes() == png_bytes(20, 10) for p in copied)


def test_pixel_limit_is_exact_and_pillow_keeps_its_own_bomb_check(tmp_path: Path) -> None:
    """Real 1-bit pictures (12 MB in memory): exactly MAX_PIXELS is fine, one row more is refused."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.new("1", (10_000, MAX_PIXELS // 10_000)).save(tmp_path / "at.png")
    Image.new("1", (10_000, MAX_PIXELS // 10_000 + 1)).save(tmp_path / "over.png")
    assert image_size(tmp_path / "at.png", None) == (10_000, 10_000)
    with pytest.raises(DeckError, match="10000×10001 px, 100 megapixels, more than the 100 megapixels"):
        image_size(tmp_path / "over.png", None)
    (tmp_path / "bomb.png").write_bytes(bomb_png(20_000, 20_000))
    with pytest.raises(DeckError, match="20000×20000 px, 400 megapixels"):
        image_size(tmp_path / "bomb.png", None)
    assert limit == Image.MAX_IMAGE_PIXELS, "Pillow's bomb check is off only while a header is read"


def test_background_picture_damaged_behind_a_sound_header_is_found_before_rendering(tmp_path: Path) -> None:
    """The plan reads headers only; a background is decoded when its scrim is chosen (layout), still before
    anything is written, so `deck check` finds it too, at the slide."""
    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND")
    course = tmp_path / "course"
    _in(course, "short.png", data)
    image_course(course, ["short.png"])
    lecture = course / "01.yaml"
    lecture.write_text(lecture.read_text(encoding="utf-8") + "        placement: background\n", encoding="utf-8")
    for args in (("check", course), ("build", course, "--to", "md", "--out", tmp_path / "out")):
        code, _, stderr = deck(*args)
        assert code == 2, stderr
        assert stderr.startswith(f"{course / '01.yaml'}:8:9: cannot read image"), stderr
        assert "truncated" in stderr and not (tmp_path / "out").exists()


def test_billion_laughs_svg_costs_no_time_or_memory(tmp_path: Path) -> None:
    (tmp_path / "lol.svg").write_text(billion_laughs(), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DeckError, match="declares XML entities"):
        image_size(tmp_path / "lol.svg", None)
    assert time.perf_counter() - started < 1


def structure(markdown: str) -> list[str]:
    """The lines that shape a Marp deck: slide breaks, directives and comments, style and script blocks."""
    return [line for line in markdown.splitlines() if line.startswith(("---", "<!--", "<style", "<script"))]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    """The markdown of the same course with 1, 2 and 3 images of plain file names and alt text."""
    built = {}
    for images in (1, 2, 3):
        root = tmp_path_factory.mktemp("plain")
        sources = [_in(root / "course", f"images/plain{i}.png", png_bytes(8 + i, 8)) for i in range(images)]
        image_course(root / "course", sources)
        code, _, stderr = deck("build", root / "course", "--to", "md", "--out", root / "out")
        assert code == 0, stderr
        built[images] = (root / "out" / "course" / "01.md").read_text(encoding="utf-8")
    return built


NAME_CHARACTERS = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="/\\$")
FILE_NAMES = st.one_of(
    st.sampled_from(
        ["![bg](x.png)", "a b", "[x](y)", "100%", "#title", "中文 图片", "<!-- _class: lead -->", "%2e%2e"]
    ),
    st.text(NAME_CHARACTERS, min_size=1, max_size=24),
)


@settings(max_examples=20, deadline=None)
@given(names=st.lists(FILE_NAMES, min_size=1, max_size=3, unique=True))
def test_odd_file_names_inside_the_course_build_and_inject_nothing(
    tmp_path_factory: pytest.TempPathFactory, plain: dict[int, str], names: list[str]
) -> None:
    """Any file name inside the course builds, and reaches the markdown only as a generated images/ name."""
    root = tmp_path_factory.mktemp("odd")
    course = root / "course"
    sources = [_in(course, f"images/{name}.png", png_bytes(8 + i, 8)) for i, name in enumerate(names)]
    image_course(course, sources, alt=names[0])
    code, _, stderr = deck("build", course, "--to", "md", "--out", root / "out")
    assert code == 0, stderr
    markdown = (root / "out" / "course" / "01.md").read_text(encoding="utf-8")
    assert markdown.count("![") == len(names), markdown
    assert structure(markdown) == structure(plain[len(names)]), "no slide, directive or comment added"
    shown = sorted(p.read_bytes() for p in (root / "out" / "course" / "images").iterdir())
    assert shown == sorted(png_bytes(8 + i, 8) for i in range(len(names))), "only the course's own files"
