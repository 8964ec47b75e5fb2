"""Compiled Jinja2 templates in the per-user cache (render.jinja_env): a second process renders with them, a
changed template or another lecturedeck, Jinja2 or set of options never reuses them, and a cache that cannot
be used changes nothing but the time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from lecturedeck.render import jinja_env
from tests.conftest import require_marp

COURSE = {
    "course.yaml": "title: Tiny\nlang: en\nlectures: [a.yaml]\n",
    "a.yaml": "title: Lecture a\nsections:\n  - title: Only\n    slides:\n"
    "      - kind: bullets\n        title: Points\n        items: [one, '**two**']\n        notes: Say it.\n"
    "      - kind: code\n        title: Listing\n        language: python\n        code: print(1)\n",
}
# Builds the course in a fresh interpreter and prints the names of the templates it compiled.
BUILD_PROBE = """
import json, sys
from pathlib import Path
import jinja2
compiled = []
compile_source = jinja2.Environment.compile
def counted(self, source, name=None, filename=None, *args, **kwargs):
    compiled.append(name)
    return compile_source(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counted
from lecturedeck.incremental import build_courses
build_courses([Path(sys.argv[1])], Path(sys.argv[2]), ["md", "html"], force=True)
print(json.dumps(compiled))
"""


def build(course: Path, out: Path, cache: Path) -> list[str]:
    """Build `course` into `out` in a new process with XDG_CACHE_HOME=`cache`; the templates it compiled."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", BUILD_PROBE, course, out], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in {".md", ".html"}}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, text in COURSE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_second_process_renders_with_the_compiled_templates_and_the_same_bytes(course: Path, tmp_path: Path) -> None:
    require_marp()
    cache = tmp_path / "cache"
    first = build(course, tmp_path / "cold", cache)
    assert "index.html.j2" in first and "marp/deck.md.j2" in first, first
    entries = list((cache / "lecturedeck" / "jinja").glob("*/*"))
    assert len(entries) >= len(set(first)), "every compiled template is kept"
    assert build(course, tmp_path / "warm", cache) == [], "nothing is compiled again"
    assert outputs(tmp_path / "warm" / "tiny") == outputs(tmp_path / "cold" / "tiny")


def test_a_cache_that_cannot_be_used_only_costs_time(course: Path, tmp_path: Path) -> None:
    """XDG_CACHE_HOME naming a file (nothing can be read or written under it), and entries that are not
    Jinja2 bytecode: the build compiles what it needs and writes the same outputs."""
    require_marp()
    build(course, tmp_path / "cached", tmp_path / "cache")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert build(course, tmp_path / "blocked", blocked), "compiled, as there is no cache"
    assert not blocked.is_dir()
    for entry in (tmp_path / "cache" / "lecturedeck" / "jinja").glob("*/*"):
        entry.write_bytes(b"j2 garbage")
    assert build(course, tmp_path / "garbled", tmp_path / "cache"), "garbled entries are compiled again"
    expected = outputs(tmp_path / "cached" / "tiny")
    assert outputs(tmp_path / "blocked" / "tiny") == expected == outputs(tmp_path / "garbled" / "tiny")


def test_a_changed_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja2 keeps a checksum of the source beside the bytecode and rejects the entry when it differs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.j2"
    page.write_text("first {{ x }}", encoding="utf-8")
    loader = jinja2.FileSystemLoader(templates)
    assert jinja_env.cached_environment(loader).get_template("page.j2").render(x=1) == "first 1"
    [entry] = (tmp_path / "cache" / "lecturedeck" / "jinja").glob("*/*")
    first = entry.read_bytes()
    page.write_text("second {{ x }}", encoding="utf-8")
    assert jinja_env.cached_environment(loader).get_template("page.j2").render(x=2) == "second 2"
    assert entry.read_bytes() != first, "the entry of the old source is replaced"


def test_another_lecturedeck_jinja2_or_options_use_another_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What shapes the compiled code besides the source and the Python version (Jinja2 checks those)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loader = jinja2.FileSystemLoader(tmp_path)

    def folder(**options: object) -> Path:
        cache = jinja_env.cached_environment(loader, **options).bytecode_cache
        assert isinstance(cache, jinja_env.UserBytecodeCache)
        return cache.folder

    plain = folder()
    assert plain.parent == tmp_path / "cache" / "lecturedeck" / "jinja" and folder() == plain
    assert folder(trim_blocks=True) != plain
    monkeypatch.setattr(jinja_env, "__version__", "0.0.0-other")
    other_lecturedeck = folder()
    monkeypatch.setattr(jinja2, "__version__", "0.0.0-other")
    assert len({plain, other_lecturedeck, folder()}) == 3
