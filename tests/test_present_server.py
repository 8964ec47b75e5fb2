"""`deck present` as a real subprocess on loopback: it binds 127.0.0.1 by default, the presenter's stream shows
the counts, `kill -9` while phones are answering and a restart on the same session keep every acknowledged
answer, a busy port is a one-line error, and `deck results` prints the counts and writes the CSV files."""

from __future__ import annotations

import csv
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from lecturedeck.present.run import lan_address
from lecturedeck.present.session import device_id
from tests.conftest import deck, require_marp, run_deck
from tests.present_course import POLL, QUIZ, live_course, printed_until_join

pytestmark = pytest.mark.client
SESSION = "server-test"


@dataclass
class Running:
    process: subprocess.Popen[str]
    base: str
    token: str
    join: str
    printed: list[str]

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A course, built once (by the first deck present), and the data folder its sessions go to."""
    require_marp()
    root = tmp_path_factory.mktemp("present")
    live_course(root)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_DATA_HOME", str(root / "data"))
        yield root


def start(root: Path, *extra: str, port: str | None = "0") -> Running:
    """`deck present` on `port` (0: a free one; None: no --port, the default), once it printed its links."""
    on_port = ["--port", port] if port is not None else []
    command = [sys.executable, "-m", "lecturedeck", "present", "live", "01", *on_port, "--out", "build", *extra]
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    printed = printed_until_join(process)
    presenter = next(line for line in printed if line.startswith("Presenter: "))
    found = re.search(r"(http://[^/]+)/present/01-live\.html\?token=(\S+)", presenter)
    assert found, printed
    return Running(process, found[1], found[2], printed[-1].split()[1], printed)


def join_and_answer(server: Running, qid: str, choice: str) -> httpx.Response:
    with httpx.Client() as phone:
        assert phone.get(server.join).status_code == 200  # the page gives the device its cookie
        return phone.post(f"{server.base}/api/answer", json={"q": qid, "choices": [choice]})


def answering(server: Running, qid: str, acknowledged: list[str], stop: threading.Event) -> None:
    """New phones answer `qid` one after another until the server dies; `acknowledged` gets the cookie of each 200."""
    while not stop.is_set():
        with httpx.Client(timeout=5) as phone:
            try:
                phone.get(server.join)
                if phone.post(f"{server.base}/api/answer", json={"q": qid, "choices": ["A"]}).status_code == 200:
                    acknowledged.append(phone.cookies["ld_device"])
            except httpx.HTTPError:
                return


def session_database(root: Path) -> Path:
    """Where the test session is stored: under XDG_DATA_HOME (root/data), as written out here, not asked of the code."""
    return root / "data" / "lecturedeck" / "sessions" / f"{SESSION}.sqlite3"


def stored_devices(database: Path, qid: str) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT device FROM answers WHERE q = ?", (qid,))}


def test_killed_mid_question_and_resumed_keeps_every_acknowledged_answer(place: Path) -> None:
    server = start(place, "--session", SESSION)
    acknowledged: list[str] = []
    stop = threading.Event()
    phones = threading.Thread(target=answering, args=(server, POLL, acknowledged, stop))
    try:
        assert server.base.startswith("http://127.0.0.1:")
        address = lan_address()
        if address is not None:  # not listening on the network unless --lan
            with pytest.raises(OSError):
                socket.create_connection((address, int(server.base.rsplit(":", 1)[1])), timeout=2).close()
        with httpx.Client(base_url=server.base, headers=server.auth()) as presenter:
            assert presenter.post(f"/api/q/{QUIZ}/open").status_code == 200
            with presenter.stream("GET", "/api/present/events", params={"token": server.token}) as events:
                answers = [join_and_answer(server, QUIZ, "ABCD"[n % 4]).status_code for n in range(12)]
                assert answers == [200] * 12
                tallies = (line for line in events.iter_lines() if '"counts"' in line and f'"q":"{QUIZ}"' in line)
                assert any('"counts":{"A":3,"B":3,"C":3,"D":3},"answers":12' in line for line in tallies)
            assert presenter.post(f"/api/q/{POLL}/open").status_code == 200  # closes the quiz
        phones.start()
        while len(acknowledged) < 5:
            time.sleep(0.01)
        server.process.send_signal(signal.SIGKILL)  # while phones are answering
        server.process.wait(10)
    finally:
        server.process.kill()
        stop.set()
        if phones.is_alive():
            phones.join(10)
    again = start(place, "--session", SESSION)
    try:
        assert again.token == server.token and again.join.rsplit("/", 1)[1] == server.join.rsplit("/", 1)[1]
        assert any("resumed," in line for line in again.printed)
        database = session_database(place)
        with sqlite3.connect(database) as db:
            salt = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]
        assert {device_id(salt, cookie) for cookie in acknowledged} <= stored_devices(database, POLL)
        with httpx.Client(base_url=again.base, headers=again.auth()) as presenter:
            tallies = {t["q"]: t for t in presenter.get("/api/present/info").json()["tallies"]}
            assert tallies[QUIZ]["answers"] == 12 and tallies[QUIZ]["status"] == "closed"
            assert tallies[POLL]["status"] == "open"  # still open: the phones go on answering
            assert presenter.post(f"/api/q/{QUIZ}/open").status_code == 200
            assert join_and_answer(again, QUIZ, "B").status_code == 200
            assert presenter.post(f"/api/q/{QUIZ}/reveal").status_code == 200
            assert join_and_answer(again, QUIZ, "B").status_code == 409  # revealed: closed
        busy = deck("present", place / "live", "01", "--port", again.base.rsplit(":", 1)[1], "--out", place / "build")
        assert busy[0] == 2 and "already in use" in busy[2] and "Traceback" not in busy[2]
    finally:
        stopped(again)  # Ctrl-C: the streams end, the server stops


def test_results_print_counts_and_write_csv(place: Path) -> None:
    if not session_database(place).is_file():
        pytest.skip("needs the session of the test above")
    target = place / "results.csv"
    done = run_deck("results", SESSION, "--csv", target, cwd=place)
    assert done.returncode == 0, done.stderr
    polled = len(stored_devices(session_database(place), POLL))
    total = 13 + polled
    assert f"{total} answers from {total} devices" in done.stdout and "✓ correct" in done.stdout
    with target.open(encoding="utf-8") as file:
        table = list(csv.DictReader(file))
    rows = {(r["question"], r["choice"]): int(r["count"]) for r in table}
    assert next(r for r in table if r["choice"] == "B")["text"] == "ReLU"
    assert rows[(QUIZ, "B")] == 4 and rows[(QUIZ, "A")] == 3 and rows[(POLL, "A")] == polled >= 5
    devices = (place / "results.devices.csv").read_text(encoding="utf-8").splitlines()
    assert devices[0] == "device,question,choices,time" and len(devices) == 1 + total
    assert all(re.fullmatch(r"[0-9a-f]{16},q[45],[A-D],\S+", row) for row in devices[1:])


def stopped(server: Running) -> str:
    """What a running `deck present` wrote to stderr, once Ctrl-C stopped it."""
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(15) == 130
    assert server.process.stderr is not None
    return server.process.stderr.read()


def test_a_resumed_session_keeps_its_port_and_says_when_its_links_change(place: Path) -> None:
    first = start(place, "--session", "moved")
    assert "links changed" not in stopped(first)
    same = start(place, "--session", "moved", port=None)  # no --port: the port it was served on
    said = stopped(same)
    assert same.base == first.base and same.join == first.join and "links changed" not in said
    moved = start(place, "--session", "moved")  # --port 0: another port
    said = stopped(moved)
    assert moved.base != first.base and moved.join.rsplit("/", 1)[1] == first.join.rsplit("/", 1)[1]
    assert f"the links changed: this session was served on {first.base}, now on {moved.base}" in said
    assert f"--port {first.base.rsplit(':', 1)[1]}" in said and "Traceback" not in said


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_results_refuse_a_database_that_is_not_a_session_and_leave_it_as_it_was(tmp_path: Path, journal: str) -> None:
    foreign = tmp_path / "notes.sqlite3"
    with closing(sqlite3.connect(foreign)) as db:
        db.execute(f"PRAGMA journal_mode={journal}")
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
        db.commit()
    before = foreign.read_bytes()
    code, _, said = deck("results", foreign)
    assert code == 2 and "Traceback" not in said
    assert f"{foreign}: not a lecturedeck classroom session (no meta table); give a session name or a file" in said
    assert foreign.read_bytes() == before and list(tmp_path.iterdir()) == [foreign]  # no tables, no -wal or -shm
