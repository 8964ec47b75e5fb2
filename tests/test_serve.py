"""`deck serve`: a real server in a subprocess, driven by headless Chromium (edit → reload on the same
slide, a broken save → the overlay, fixed → gone), bound to 127.0.0.1 only, safe paths, Ctrl-C."""

from __future__ import annotations

import contextlib
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecturedeck.serve.server import resolve
from tests.conftest import ROOT, deck, require_marp

pytestmark = pytest.mark.client

TITLE = "title: 大模型的特点"  # slide 5 of 01-basics: title, agenda, section, definition, then this one
ACTIVE_TITLE = "(document.querySelector('.bespoke-marp-active h2')?.textContent ?? '')"
OVERLAY = "#lecturedeck-overlay"
HIDE = (  # what the browser does when a tab goes to the background ({hidden}: true) or comes back (false)
    "Object.defineProperty(document, 'hidden', {{configurable: true, get: () => {hidden}}});"
    "window.stillHidden = true; document.dispatchEvent(new Event('visibilitychange'))"
)


@dataclass
class Served:
    process: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT
    course: Path
    port: int
    stdout: queue.Queue[str]
    stderr: queue.Queue[str]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def printed(self, pattern: str, timeout: float, stream: str = "stderr") -> str:
        """The next line the server printed on `stream` that matches `pattern`."""
        lines: queue.Queue[str] = getattr(self, stream)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} on {stream} within {timeout} s")


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


@contextlib.contextmanager
def serving(root: Path, broken: bool = False) -> Iterator[Served]:
    """`deck serve` on a copy of the starter course in `root`, on a free port (`broken`: with an unknown key
    in 01-basics.yaml, so the first build fails)."""
    require_marp()
    course = root / "starter"
    shutil.copytree(ROOT / "slides" / "starter", course)
    if broken:
        lecture = course / "01-basics.yaml"
        lecture.write_text(lecture.read_text(encoding="utf-8").replace(TITLE, "titel: 大模型的特点"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "lecturedeck", "serve", course, "--port", "0", "--out", root / "out"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    stdout: queue.Queue[str] = queue.Queue()
    stderr: queue.Queue[str] = queue.Queue()
    for stream, lines in ((process.stdout, stdout), (process.stderr, stderr)):
        threading.Thread(target=_lines, args=(stream, lines), daemon=True).start()
    try:
        line = ""
        while "Serving" not in line:
            try:
                line = stdout.get(timeout=1)
            except queue.Empty:
                assert process.poll() is None, "".join(stderr.queue)
        found = re.search(r"Serving (http://127\.0\.0\.1:(\d+))/starter/index\.html — Ctrl-C to stop", line)
        assert found, line
        yield Served(process, found[1], course, int(found[2]), stdout, stderr)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One `deck serve` for the tests that follow, the last of which stops it."""
    with serving(tmp_path_factory.mktemp("serve")) as server:
        yield server


def _wait(page: object, script: str, timeout: float) -> float:
    """Seconds until `script` is true in the page (Playwright's wait, which survives reloads)."""
    started = time.monotonic()
    page.wait_for_function(script, timeout=timeout * 1000)  # type: ignore[attr-defined]
    return time.monotonic() - started


def test_an_edit_reloads_the_tab_on_the_same_slide_and_a_broken_save_shows_an_overlay(
    served: Served, browser: object
) -> None:
    lecture = served.course / "01-basics.yaml"
    text = lecture.read_text(encoding="utf-8")
    assert text.count(TITLE) == 1
    page = browser.new_page(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((served.base, "data:")) else outside.append(r.url))
    page.goto(served.url("/starter/01-basics.html#5"))
    page.wait_for_function(f"{ACTIVE_TITLE} === '大模型的特点'", timeout=10_000)

    hidden = browser.new_page()  # type: ignore[attr-defined]  # a tab in the background holds no connection
    hidden.goto(served.url("/starter/01-basics.html#5"))
    hidden.evaluate(HIDE.format(hidden="true"))

    started = time.monotonic()
    edited = text.replace(TITLE, "title: 大模型的特点（改）")
    lecture.write_text(edited, encoding="utf-8")
    _wait(page, f"{ACTIVE_TITLE} === '大模型的特点（改）'", 5)
    print(f"\nedit → shown on the reloaded slide: {time.monotonic() - started:.2f} s")
    assert page.evaluate("location.hash") == "#5"
    assert page.locator(OVERLAY).count() == 0
    assert hidden.evaluate(f"window.stillHidden === true && {ACTIVE_TITLE} === '大模型的特点'")
    hidden.evaluate(HIDE.format(hidden="false"))  # back in front: it learns of the build and reloads
    _wait(hidden, f"{ACTIVE_TITLE} === '大模型的特点（改）'", 5)
    hidden.close()
    assert served.printed(r"^starter: rebuilt ", 5, "stdout").startswith("starter: rebuilt 01-basics in "), (
        "only the edited lecture is rebuilt"
    )

    lecture.write_text(text.replace(TITLE, "titel: 大模型的特点"), encoding="utf-8")  # an unknown key
    _wait(page, f"document.querySelector('{OVERLAY}') !== null", 5)
    shown = page.locator(OVERLAY).text_content() or ""
    located = re.search(r"01-basics\.yaml:(\d+):(\d+): unknown key 'titel': did you mean 'title'\?", shown)
    assert located, shown
    assert served.printed(re.escape(located[0]), 5)
    assert page.evaluate(ACTIVE_TITLE) == "大模型的特点（改）", "the last good build stays shown"
    served_html = urllib.request.urlopen(served.url("/starter/01-basics.html"), timeout=5).read().decode()
    assert "大模型的特点（改）" in served_html

    page.evaluate("window.notReloaded = true")
    lecture.write_text(edited, encoding="utf-8")  # back to what was built: nothing to rebuild, the overlay goes
    _wait(page, f"document.querySelector('{OVERLAY}') === null", 5)
    assert page.evaluate("window.notReloaded === true")
    assert served.printed(r"^starter: up to date", 5, "stdout")

    lecture.write_text(text, encoding="utf-8")
    _wait(page, f"{ACTIVE_TITLE} === '大模型的特点'", 5)
    assert page.evaluate("location.hash") == "#5"
    page.close()
    assert outside == [], f"the preview loaded resources from elsewhere: {outside}"


def test_a_course_that_never_built_shows_its_problems_until_it_builds(tmp_path: Path, browser: object) -> None:
    with serving(tmp_path, broken=True) as broken:
        assert broken.printed(r"01-basics\.yaml:\d+:\d+: unknown key 'titel'", 5)
        assert broken.printed(r"starter: not built, nothing is served for it yet; fix the above and save", 5)
        page = browser.new_page()  # type: ignore[attr-defined]
        answer = page.goto(broken.url("/starter/01-basics.html#5"))
        assert answer.status == 404
        _wait(page, f"document.querySelector('{OVERLAY}')?.textContent.includes(\"unknown key 'titel'\")", 5)
        lecture = broken.course / "01-basics.yaml"
        lecture.write_text(lecture.read_text(encoding="utf-8").replace("titel:", "title:"), encoding="utf-8")
        _wait(page, f"{ACTIVE_TITLE} === '大模型的特点'", 10)
        assert page.locator(OVERLAY).count() == 0
        page.close()


def test_the_root_leads_to_the_course_index(served: Served) -> None:
    with urllib.request.urlopen(served.url("/"), timeout=5) as answer:
        assert answer.url == served.url("/starter/index.html")
        assert "01-basics.html" in answer.read().decode()


def test_the_reload_script_is_added_to_responses_not_to_the_files(served: Served) -> None:
    html = urllib.request.urlopen(served.url("/starter/01-basics.html"), timeout=5).read().decode()
    assert re.search(r'<script src="/__lecturedeck/reload\.js" data-generation="\d+"></script></body>', html)
    built = served.course.parent / "out" / "starter"
    assert sorted(p.name for p in built.glob("*.html")) == ["01-basics.html", "02-figures-and-code.html", "index.html"]
    for page in built.glob("*.html"):
        assert "__lecturedeck" not in page.read_text(encoding="utf-8"), page.name


def _listeners(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port` (IPv4 and IPv6), from /proc/net."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_server_listens_on_127_0_0_1_only(served: Served) -> None:
    assert _listeners(served.port) == {"0100007F"}  # 127.0.0.1, little-endian; nothing on 0.0.0.0 or IPv6


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/starter/%2E%2E/%2E%2E/etc/passwd",
        "/starter/..%2f..%2fetc%2fpasswd",
    ],
)
def test_a_path_out_of_the_output_folder_is_not_found(served: Served, path: str) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as connection:  # the path as typed
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 404 "), answer[:80]
    assert b"root:" not in answer


def test_other_host_names_are_refused(served: Served) -> None:
    request = urllib.request.Request(served.url("/starter/index.html"), headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403


def test_ctrl_c_stops_the_server(served: Served) -> None:
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=5) == 130
    assert served.printed(r"interrupted by SIGINT", 1)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", served.port), timeout=1)


def test_a_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    require_marp()  # deck serve looks for marp-cli first
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = deck("serve", ROOT / "slides" / "starter", "--port", port, "--out", tmp_path / "out")
    assert code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in err and "--port 0 for any free port" in err
    assert not (tmp_path / "out").exists(), "nothing is built when the server cannot start"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["..", ".", "%2e%2e", "%2E%2e", "..%2f..", "", "starter", "a", "%00", "%ff", "~", "\\.."]),
        max_size=6,
    )
)
def test_no_url_path_resolves_outside_the_output_folder(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str]
) -> None:
    base = tmp_path_factory.getbasetemp() / "resolve"
    root = base / "out"
    for folder in (base, root):  # the same files in and out of the output folder: a way out would find one
        (folder / "starter").mkdir(parents=True, exist_ok=True)
        (folder / "starter" / "index.html").write_text("x")
        (folder / "a").write_text("x")
    found = resolve(root.resolve(), "/" + "/".join(parts))
    assert found is None or found.is_relative_to(root.resolve())


def test_links_and_hidden_entries_are_not_served(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "course").mkdir(parents=True)
    (root / "course" / "index.html").write_text("ok")
    (root / ".lecturedeck-staging-1").mkdir()
    (root / ".lecturedeck-staging-1" / "a.html").write_text("half")
    (root / "course" / "escape.txt").symlink_to("/etc/hostname")
    (root / "linked").mkdir()
    (root / "linked" / "index.html").symlink_to("/etc/hostname")
    assert resolve(root, "/course/") == (root / "course" / "index.html").resolve()
    assert resolve(root, "/.lecturedeck-staging-1/a.html") is None
    assert resolve(root, "/course/escape.txt") is None
    assert resolve(root, "/linked/") is None
    assert resolve(root, "/course/%ff.html") is None
    assert resolve(root, "/course/missing.html") is None
