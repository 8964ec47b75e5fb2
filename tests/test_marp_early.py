"""marp-cli started early (templates/marp-cli/early.cjs): its step-by-step warm-up and V8's compile cache
(templates/marp-cli/compile_cache.cjs) never change what it converts."""

from __future__ import annotations

import json
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from lecturedeck.convert.marp import COMPILE_CACHE, ENGINE_OPTIONS, early_marp, marp_command, stable_scopes
from tests.conftest import ROOT, convert_to_html, deck, require_marp

DECK = """---
marp: true
---

# Formulas $e^{i\\pi} + 1 = 0$

$$\\sum_{i=1}^{n} \\frac{a_i}{b}$$

---

# Code

```python
print("中文")
```
"""
STARTER = ROOT / "slides" / "starter"
WARM_UP_S = 3  # longer than the warm-up takes on this project's 2-core machine (about 1 s)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_marp()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _cache_file(tmp_path: Path) -> Path:
    files = list((tmp_path / "cache" / "lecturedeck" / COMPILE_CACHE).glob("*.bin"))
    assert len(files) == 1, files
    return files[0]


def _cache_index(cache: Path) -> dict[str, Any]:
    """The compile cache's index: {modules: {path: [source digest, offset, size]}, resolved: {stamp, found}}."""
    data = cache.read_bytes()
    (length,) = struct.unpack_from("<I", data)
    return dict(json.loads(data[4 : 4 + length]))


def _cached_modules(cache: Path) -> dict[str, list[object]]:
    return dict(_cache_index(cache)["modules"])


def _converted(md: str, tmp_path: Path, name: str) -> str:
    """`md` converted by a marp-cli started early, as a build converts it (the page before lecturedeck's own
    finishing touches, with stable scope names)."""
    md_dir, html_dir = tmp_path / name / "md", tmp_path / name / "html"
    md_dir.mkdir(parents=True)
    (md_dir / "deck.md").write_text(md, encoding="utf-8")
    convert_to_html(md_dir, html_dir, [])
    return (html_dir / "deck.html").read_text(encoding="utf-8")


def _bare(md: str, tmp_path: Path) -> str:
    """`md` converted by marp-cli's own command line, with the same engine options."""
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "deck.md").write_text(md, encoding="utf-8")
    (folder / "marp.config.json").write_text(json.dumps({"options": ENGINE_OPTIONS}), encoding="utf-8")
    command = [*marp_command(), "--config-file", str(folder / "marp.config.json"), "--bespoke.progress"]
    subprocess.run([*command, str(folder / "deck.md"), "-o", str(folder / "deck.html")], check=True, timeout=120)
    return stable_scopes((folder / "deck.html").read_text(encoding="utf-8"))


def test_compiled_code_from_the_cache_converts_to_the_same_pages(tmp_path: Path) -> None:
    """The first run fills the cache, the second takes every module from it (the file is not written again);
    both pages are byte for byte those of marp-cli's own command line, math, code and CJK included."""
    bare = _bare(DECK, tmp_path)
    first = _converted(DECK, tmp_path, "first")
    cache = _cache_file(tmp_path)
    modules = _cached_modules(cache)
    assert any(path.endswith("/marp-core/lib/marp.js") for path in modules)
    assert sum("mathjax-full" in path for path in modules) > 100
    found = _cache_index(cache)["resolved"]["found"]
    assert sum("mathjax-full" in path for path in found.values()) > 100  # marp-cli's require()s, looked up once
    written = cache.stat().st_mtime_ns
    second = _converted(DECK, tmp_path, "second")
    assert cache.stat().st_mtime_ns == written  # nothing left to compile
    assert stable_scopes(first) == stable_scopes(second) == bare


def test_a_damaged_cache_is_made_anew(tmp_path: Path) -> None:
    """A cache file that cannot be read costs compiling, never the output: it is replaced by a good one."""
    bare = _bare(DECK, tmp_path)
    cache = tmp_path / "cache" / "lecturedeck" / COMPILE_CACHE
    cache.mkdir(parents=True)
    node = subprocess.run(["node", "-p", "`${process.version}-${process.arch}`"], capture_output=True, text=True)
    damaged = cache / f"{node.stdout.strip()}.bin"
    damaged.write_bytes(b"\xff\xff\xff\x7fnot a cache")
    assert stable_scopes(_converted(DECK, tmp_path, "damaged")) == bare
    assert len(_cached_modules(_cache_file(tmp_path))) > 300


def test_neither_the_warm_up_nor_a_lecturedeck_listing_loads_highlight_js(tmp_path: Path) -> None:
    """lecturedeck writes its code listings already highlighted (kinds/code/tokens): converting a deck with
    a listing, after the whole warm-up, loads none of highlight.js's ~190 languages (the compile cache lists
    the modules node loaded), and the listing keeps its highlighting."""
    code, _, err = deck("build", STARTER, "--out", tmp_path / "out", "--to", "md")
    assert code == 0, err
    md_dir, html_dir = tmp_path / "out" / "starter", tmp_path / "html"
    assert "hljs-keyword" in (md_dir / "02-figures-and-code.md").read_text(encoding="utf-8")  # highlighted already
    with early_marp() as marp:
        time.sleep(WARM_UP_S)
        marp.convert(md_dir, html_dir, [])()
    page = (html_dir / "02-figures-and-code.html").read_text(encoding="utf-8")
    assert 'class="hljs-keyword"' in page
    languages = [path for path in _cached_modules(_cache_file(tmp_path)) if "/highlight.js/lib/languages/" in path]
    assert languages == []


LOADS_B = """
require(process.argv[2]).useCompileCache(process.argv[3], process.argv[4]);
process.stdout.write(require(process.argv[5]));
"""


def test_lookups_are_kept_while_the_install_is_the_same(tmp_path: Path) -> None:
    """Where a require() led is kept with the stamp of the node_modules install (npm's .package-lock.json): the
    same install answers from the cache (a module added since, without an install, is not looked for), and a
    new install looks everything up again."""
    modules = tmp_path / "node_modules"
    (modules / "a").mkdir(parents=True)
    (modules / "b").mkdir()
    (modules / "a" / "index.js").write_text('module.exports = require("b");', encoding="utf-8")
    (modules / "b" / "index.js").write_text('module.exports = "b from the install";', encoding="utf-8")
    (modules / ".package-lock.json").write_text("{}", encoding="utf-8")
    script = tmp_path / "load.cjs"
    script.write_text(LOADS_B, encoding="utf-8")
    cache = tmp_path / "v8"
    compile_cache = ROOT / "templates" / "marp-cli" / "compile_cache.cjs"

    def loaded() -> str:
        command = ["node", str(script), str(compile_cache), str(cache), str(modules), str(modules / "a")]
        return subprocess.run(command, capture_output=True, text=True, check=True, timeout=30).stdout

    assert loaded() == "b from the install"
    shadow = modules / "a" / "node_modules" / "b"
    shadow.mkdir(parents=True)
    (shadow / "index.js").write_text('module.exports = "b beside a";', encoding="utf-8")
    assert loaded() == "b from the install"  # the kept lookup: the install did not change
    (modules / ".package-lock.json").write_text('{"lockfileVersion": 3}', encoding="utf-8")
    assert loaded() == "b beside a"
