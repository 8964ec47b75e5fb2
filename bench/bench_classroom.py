"""Live classroom: 300 simulated students answer one question on a real `deck present` (loopback only).

    .venv/bin/python bench/bench_classroom.py [--students N] [--think S] [--synchronous FULL,NORMAL]

For each SQLite `synchronous` setting (default: FULL, the shipped one, and NORMAL, side by side in one run) a fresh
`deck present` subprocess serves a one-quiz lecture; the presenter opens the question and listens to its tally
stream. N students (asyncio, a bare HTTP client each: see Phone; one cookie each) open the join page and the audience
stream, wait for the question to appear there, think 0–S seconds, answer, and half of them change their answer.
Measured, against issue 17's targets:

- every student done within 10 s of the question opening;
- lost answers: acknowledged (200) devices the database does not hold with their last choice (target 0);
- p50/p99 answer latency, request sent → 200 (target p99 ≤ 200 ms);
- tally delay: last acknowledged answer → the presenter's stream shows the final count (target ≤ 1 s);
- the server's peak RSS, VmHWM of /proc/<pid>/status (target ≤ 300 MB).

Prints a table with PASS/FAIL per target, then one JSON line with every figure. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from lecturedeck.present.session import device_id

COURSE = "title: Classroom bench\nlang: en\nlectures: [01-live.yaml]\n"
LECTURE = """title: One question
sections:
  - title: Check
    slides:
      - kind: quiz
        title: Check yourself
        question: Which of these is a loss function?
        choices: [Adam, {text: Cross-entropy, correct: true}, ReLU, Dropout]
        explanation: Cross-entropy compares predicted probabilities with the labels.
"""
QUESTION = "q4"  # after the title, agenda and section slides
# deck present with another synchronous setting, without a switch in the product for it
SERVER = """
import sys
import lecturedeck.present.store as store
store.SYNCHRONOUS = sys.argv.pop(1)
from lecturedeck.__main__ import main
sys.argv = ["deck", *sys.argv[1:]]
main()
"""
TARGETS = {"within_s": 10.0, "lost": 0, "p99_ms": 200.0, "tally_delay_s": 1.0, "rss_mb": 300.0}


@dataclass
class Run:
    synchronous: str
    students: int
    acknowledged: dict[str, str] = field(default_factory=dict)  # device cookie → last acknowledged choice
    latencies: list[float] = field(default_factory=list)  # seconds
    refused: dict[int, int] = field(default_factory=dict)  # status → how many
    opened_at: float = 0.0
    last_ack: float = 0.0
    tally_seen: float = 0.0  # when the presenter's stream showed the final counts (for good)
    tallies: list[tuple[float, dict[str, int]]] = field(default_factory=list)
    done: int = 0  # students who finished answering
    stored: dict[str, str] = field(default_factory=dict)
    rss_mb: float = 0.0
    cpu_s: float = 0.0  # the server's CPU time (user + system) while the students answered
    bench_cpu_s: float = 0.0  # this process's, for the same time

    def figures(self) -> dict[str, float | int | str]:
        ms = sorted(x * 1000 for x in self.latencies)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else float("nan")
        lost = sum(1 for device, choice in self.acknowledged.items() if self.stored.get(device) != choice)
        return {
            "synchronous": self.synchronous,
            "students": self.students,
            "answers": len(self.latencies),
            "refused": sum(self.refused.values()),
            "within_s": round(self.last_ack - self.opened_at, 2),
            "lost": lost,
            "p50_ms": round(statistics.median(ms), 1) if ms else float("nan"),
            "p99_ms": round(p99, 1),
            "max_ms": round(ms[-1], 1) if ms else float("nan"),
            "tally_delay_s": round(self.tally_seen - self.last_ack, 3) if self.tally_seen else float("inf"),
            "rss_mb": round(self.rss_mb, 1),
            "server_cpu_s": round(self.cpu_s, 2),
            "bench_cpu_s": round(self.bench_cpu_s, 2),
        }


def start_server(root: Path, synchronous: str) -> tuple[subprocess.Popen[str], str, str, str]:
    env = {**os.environ, "XDG_DATA_HOME": str(root / "data")}
    command = [sys.executable, "-c", SERVER, synchronous, "present", "live", "01", "--port", "0", "--out", "build"]
    with (root / "server.err").open("w") as errors:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
    assert process.stdout is not None
    printed = ""
    for line in process.stdout:
        printed += line
        if line.startswith("Join: "):
            break
    found = re.search(r"Presenter: (http://[^/]+)/\S+\?token=(\S+)", printed)
    session = re.search(r"Session: \S+ \(new\) in (\S+)", printed)
    if not (found and session):
        process.kill()
        raise SystemExit(f"deck present did not start:\n{printed}{(root / 'server.err').read_text()}")
    return process, found[1], found[2], session[1]


async def presenter(base: str, token: str, run: Run, ready: asyncio.Event) -> None:
    """Open the question, then record every tally the presenter's stream shows."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client,
        client.stream("GET", "/api/present/events", params={"token": token}) as events,
    ):
        assert (await client.post(f"/api/q/{QUESTION}/open")).status_code == 200
        run.opened_at = time.perf_counter()
        ready.set()
        async for line in events.aiter_lines():
            if line.startswith("data:") and '"counts"' in line:
                tally = json.loads(line[5:])
                if tally["q"] == QUESTION:
                    run.tallies.append((time.perf_counter(), tally["counts"]))


class Phone:
    """A student's phone: its own connections and cookie. A bare HTTP/1.1 client on asyncio streams, so that 300
    of them in this process cost little CPU next to the server being measured (httpx's pool scans every open
    connection per request: with 300 streams open it took more CPU than the server)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookie = ""
        self.conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
        if self.conn is None:
            self.conn = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.conn
        writer.write(self._head(method, path, body) + body)
        status, headers = await self._read_head(reader)
        content = await reader.readexactly(int(headers.get("content-length", "0")))
        if "ld_device=" in headers.get("set-cookie", ""):
            self.cookie = headers["set-cookie"].split(";", 1)[0]
        return status, headers, content

    async def wait_for_question(self) -> asyncio.StreamWriter:
        """Open the audience stream and read it until the question shows; the stream stays open."""
        reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(self._head("GET", "/events"))
        await self._read_head(reader)
        while f'"q":"{QUESTION}"'.encode() not in await reader.readline():
            pass
        return writer

    def _head(self, method: str, path: str, body: bytes = b"") -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookie:
            lines.append(f"Cookie: {self.cookie}")
        if method == "POST":
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    @staticmethod
    async def _read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
        return int(head[0].split()[1]), {k.lower(): v for k, v in headers.items()}


async def student(base: str, join: str, run: Run, think: float, change: bool, end: asyncio.Event) -> None:
    """Open the join page and the audience stream (kept open until every student is done, as phones do), answer
    once the question shows, maybe change the answer."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    phone = Phone(host, int(port))
    status, _, _ = await phone.request("GET", join)
    assert status == 200 and phone.cookie, status
    stream = await phone.wait_for_question()
    picks = [random.choice("ABCD")] + ([random.choice("ABCD")] if change else [])
    for pick in picks:
        await asyncio.sleep(random.uniform(0, think))
        sent = time.perf_counter()
        status, _, _ = await phone.request(
            "POST", "/api/answer", json.dumps({"q": QUESTION, "choices": [pick]}).encode()
        )
        if status == 200:
            run.latencies.append(time.perf_counter() - sent)
            run.acknowledged[phone.cookie.split("=", 1)[1]] = pick
            run.last_ack = max(run.last_ack, time.perf_counter())
        else:
            run.refused[status] = run.refused.get(status, 0) + 1
    run.done += 1
    if run.done == run.students:
        end.set()
    await end.wait()
    stream.close()
    if phone.conn is not None:
        phone.conn[1].close()


async def classroom(base: str, token: str, join: str, run: Run, think: float) -> None:
    ready, end = asyncio.Event(), asyncio.Event()
    watching = asyncio.create_task(presenter(base, token, run, ready))
    await ready.wait()
    await asyncio.gather(*(student(base, join, run, think, n % 2 == 0, end) for n in range(run.students)))
    final = {choice: list(run.acknowledged.values()).count(choice) for choice in "ABCD"}
    for _ in range(50):  # the final counts should be there within a second
        if run.tallies and run.tallies[-1][1] == final:
            break
        await asyncio.sleep(0.1)
    watching.cancel()
    if run.tallies and run.tallies[-1][1] == final:
        first = len(run.tallies) - 1
        while first > 0 and run.tallies[first - 1][1] == final:
            first -= 1
        run.tally_seen = run.tallies[first][0]


def stored_answers(database: str, cookies: Iterable[str]) -> dict[str, str]:
    """The database's answers to QUESTION, by device cookie (the database holds keyed hashes of them)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        salt = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]
        rows = dict(db.execute("SELECT device, choices FROM answers WHERE q = ?", (QUESTION,)))
    by_hash = {device_id(salt, cookie): cookie for cookie in cookies}
    return {by_hash[h]: choice for h, choice in rows.items() if h in by_hash}


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024  # type: ignore[index]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(synchronous: str, students: int, think: float) -> Run:
    run = Run(synchronous, students)
    with tempfile.TemporaryDirectory(prefix="bench-classroom-") as tmp:
        root = Path(tmp)
        (root / "live").mkdir()
        (root / "live" / "course.yaml").write_text(COURSE, encoding="utf-8")
        (root / "live" / "01-live.yaml").write_text(LECTURE, encoding="utf-8")
        process, base, token, database = start_server(root, synchronous)
        try:
            info = httpx.get(f"{base}/api/present/info", headers={"Authorization": f"Bearer {token}"}).json()
            join = info["join"].removeprefix(base)
            server_cpu, bench_cpu = cpu_seconds(process.pid), time.process_time()
            asyncio.run(classroom(base, token, join, run, think))
            run.rss_mb = peak_rss_mb(process.pid)
            run.cpu_s, run.bench_cpu_s = cpu_seconds(process.pid) - server_cpu, time.process_time() - bench_cpu
        finally:
            process.terminate()
            process.wait(20)
        run.stored = stored_answers(database, run.acknowledged)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--think", type=float, default=2.0, help="seconds a student thinks, at most (uniform)")
    parser.add_argument("--synchronous", default="FULL,NORMAL", help="SQLite synchronous settings to compare")
    args = parser.parse_args()
    random.seed(17)
    figures = [measure(s.strip().upper(), args.students, args.think).figures() for s in args.synchronous.split(",")]
    print(f"{'synchronous':<12}{'figure':<16}{'value':>10}  target")
    for f in figures:
        for name, target in TARGETS.items():
            value = f[name]
            ok = value <= target  # type: ignore[operator]
            print(f"{f['synchronous']:<12}{name:<16}{value:>10}  ≤ {target}  {'PASS' if ok else 'FAIL'}")
        print(f"{f['synchronous']:<12}{'p50_ms':<16}{f['p50_ms']:>10}")
        print(f"{f['synchronous']:<12}{'answers':<16}{f['answers']:>10}  (refused: {f['refused']})")
        print(f"{f['synchronous']:<12}{'CPU s':<16}{f['server_cpu_s']:>10}  (server; the students: {f['bench_cpu_s']})")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
