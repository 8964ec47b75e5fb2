"""`deck present`'s HTTP API, served by uvicorn on a thread of this process (the real app, session database and
loopback HTTP): an answer is in the database before its 200, a changed answer counts once, presenter actions need the
token, bad payloads get 4xx and change nothing, the rate limit, the lecture folder is confined, the Host check.
The server as a real subprocess (kill -9, resume, streams, results) is tests/test_present_server.py."""

from __future__ import annotations

import json
import secrets
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from lecturedeck.present.app import PER_ADDRESS
from lecturedeck.present.questions import find_lecture, plan_one_lecture
from lecturedeck.present.ratelimit import RateLimiter
from lecturedeck.present.run import listening, live_app
from lecturedeck.present.session import Session, open_session
from tests.present_course import POLL, QUIZ, TWO_RIGHT, live_course


@dataclass
class Live:
    client: httpx.Client
    session: Session
    outside: Path  # a file beside the lecture folder, which must never be served

    def rows(self) -> list[tuple[str, str, str]]:
        """The answers as another process sees them on disk."""
        with sqlite3.connect(self.session.store.path) as db:
            return list(db.execute("SELECT device, q, choices FROM answers ORDER BY device, q"))

    def act(self, path: str, token: str | None = None, **kwargs: object) -> int:
        token = self.session.token if token is None else token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.post(path, headers=headers, **kwargs).status_code  # type: ignore[arg-type]

    def answer(
        self, device: str, body: object = None, content: bytes | None = None, kind: str = "application/json"
    ) -> httpx.Response:
        headers = {"Content-Type": kind, "Cookie": f"ld_device={device}"}
        return self.client.post("/api/answer", json=body, content=content, headers=headers)

    @property
    def join(self) -> str:
        return str(self.client.base_url.join(f"/j/{self.session.room}"))

    def device(self) -> str:
        """The cookie the join page gives a new phone (a phone of its own: not the client's cookie jar)."""
        page = httpx.get(self.join)
        assert page.status_code == 200, page.text
        return page.cookies["ld_device"]

    def tally(self, qid: str) -> dict[str, object]:
        info = self.client.get("/api/present/info", headers={"Authorization": f"Bearer {self.session.token}"})
        return next(t for t in info.json()["tallies"] if t["q"] == qid)


@contextmanager
def served(root: Path, name: str) -> Iterator[Live]:
    """The live course's classroom app on a free loopback port, in session `name`, with its data under `root`."""
    deck = plan_one_lecture(*find_lecture(live_course(root), "01"))
    folder = root / "build"
    folder.mkdir()
    (folder / f"{deck.stem}.html").write_text("<!doctype html><body><p>the deck</p></body>", encoding="utf-8")
    (folder / "style.css").write_text("p {}", encoding="utf-8")
    outside = root / "secret.txt"
    outside.write_text("not for the audience", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_DATA_HOME", str(root / "data"))
        session = open_session(name, "live", deck.stem)
    sock = listening("127.0.0.1", 0)
    port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    app, _ = live_app(session, deck, folder, "127.0.0.1", port)
    server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=base) as client:
            yield Live(client, session, outside)
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
        session.store.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with served(tmp_path_factory.mktemp("present"), "api") as running:
        yield running


def test_answer_is_stored_before_it_is_acknowledged_and_a_change_counts_once(live: Live) -> None:
    assert live.act(f"/api/q/{QUIZ}/open") == 200
    student = live.device()
    first = live.answer(student, {"q": QUIZ, "choices": ["A"]})
    assert first.status_code == 200 and first.json() == {"ok": True}
    mine = [row for row in live.rows() if row[0] == live.session.device(student)]
    assert mine == [(live.session.device(student), QUIZ, "A")]  # read from disk right after the 200
    assert live.answer(student, {"q": QUIZ, "choices": ["B"]}).status_code == 200
    mine = [row for row in live.rows() if row[0] == live.session.device(student)]
    assert mine == [(live.session.device(student), QUIZ, "B")]
    assert student not in str(live.rows())  # only a keyed hash of the cookie is stored
    tally = live.tally(QUIZ)
    assert tally["counts"] == {"A": 0, "B": 1, "C": 0, "D": 0} and tally["answers"] == 1
    assert tally["correct_share"] == 1.0


@pytest.mark.parametrize("path", [f"/api/q/{QUIZ}/open", f"/api/q/{QUIZ}/close", f"/api/q/{QUIZ}/reveal", "/api/slide"])
@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_presenter_actions_need_the_token(live: Live, path: str, token: str) -> None:
    before = live.client.get("/api/present/info", headers={"Authorization": f"Bearer {live.session.token}"}).json()
    assert live.act(path, token, json={"slide": 5}) == 403
    after = live.client.get("/api/present/info", headers={"Authorization": f"Bearer {live.session.token}"}).json()
    assert after == before


def test_the_audience_cannot_act_or_read_tallies(live: Live) -> None:
    student = {"Cookie": f"ld_device={live.device()}"}
    assert live.client.post(f"/api/q/{POLL}/open", headers=student).status_code == 403
    assert live.client.post(f"/api/q/{QUIZ}/close", headers=student).status_code == 403
    assert live.client.get("/api/present/info", headers=student).status_code == 403
    assert live.client.get("/api/present/events", headers=student).status_code == 403
    assert live.client.get("/api/present/events?token=guess", headers=student).status_code == 403


OVERSIZED = b'{"q": "q4", "choices": ["A"], "pad": "' + b"x" * 1100 + b'"}'


@pytest.mark.parametrize(
    ("status", "body", "content", "kind"),
    [
        (413, None, OVERSIZED, "application/json"),
        (400, None, b'{"q": "q4", "choices": [', "application/json"),
        (400, None, b"\xff\xfe", "application/json"),
        (415, {"q": QUIZ, "choices": ["A"]}, None, "text/plain"),
        (415, None, b"q=q4&choices=A", "application/x-www-form-urlencoded"),
        (422, {"q": QUIZ, "choices": "A"}, None, "application/json"),
        (422, {"q": QUIZ, "choices": ["A"], "extra": 1}, None, "application/json"),
        (422, ["q4", "A"], None, "application/json"),
        (404, {"q": "q99", "choices": ["A"]}, None, "application/json"),
        (422, {"q": QUIZ, "choices": ["E"]}, None, "application/json"),
        (422, {"q": QUIZ, "choices": ["<img src=x>"]}, None, "application/json"),
        (422, {"q": QUIZ, "choices": []}, None, "application/json"),
        (422, {"q": QUIZ, "choices": ["A", "B"]}, None, "application/json"),  # one choice only
        (409, {"q": POLL, "choices": ["A"]}, None, "application/json"),  # not open
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    live: Live, status: int, body: object, content: bytes | None, kind: str
) -> None:
    assert live.act(f"/api/q/{QUIZ}/open") == 200
    before = live.rows()
    answer = live.answer(live.device(), body, content, kind)
    assert answer.status_code == status, answer.text
    assert "error" in answer.json()
    assert live.rows() == before


def test_an_answer_needs_the_join_cookie_and_several_choices_only_where_allowed(live: Live) -> None:
    assert live.act(f"/api/q/{TWO_RIGHT}/open") == 200
    no_cookie = live.client.post("/api/answer", json={"q": TWO_RIGHT, "choices": ["A"]})
    assert no_cookie.status_code == 403
    forged = live.answer("../../etc", {"q": TWO_RIGHT, "choices": ["A"]})
    assert forged.status_code == 403
    made_up = live.answer(secrets.token_hex(16), {"q": TWO_RIGHT, "choices": ["A"]})  # the cookie's shape, not given
    assert made_up.status_code == 403
    assert live.answer(live.device(), {"q": TWO_RIGHT, "choices": ["C", "A"]}).status_code == 200
    assert live.tally(TWO_RIGHT)["correct_share"] == 1.0
    assert live.tally(QUIZ)["status"] == "closed"  # opening a question closed the one open before


def test_a_device_sending_too_fast_is_rate_limited(live: Live) -> None:
    assert live.act(f"/api/q/{QUIZ}/open") == 200
    student = live.device()
    codes = [live.answer(student, {"q": QUIZ, "choices": ["C"]}).status_code for _ in range(40)]
    assert codes[:10] == [200] * 10 and 429 in codes  # a burst of 10, then 5 a second
    assert live.answer(live.device(), {"q": QUIZ, "choices": ["C"]}).status_code == 200  # other devices still answer


def test_the_join_page_gives_a_device_cookie_and_a_strict_policy(live: Live) -> None:
    page = live.client.get(f"/j/{live.session.room.lower()}")
    assert page.status_code == 200
    cookie = page.headers["set-cookie"]
    assert "ld_device=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert live.client.get("/j/NOPE1").status_code == 404
    live.client.cookies.clear()


def test_the_lecture_folder_is_for_the_presenter_and_confined(live: Live) -> None:
    assert live.client.get("/present/01-live.html").status_code == 403  # no presenter cookie
    assert live.client.get("/present/01-live.html?token=guess").status_code == 403
    link = live.client.get(f"/present/01-live.html?token={live.session.token}", follow_redirects=False)
    assert link.status_code == 303 and link.headers["location"] == "/present/01-live.html"  # token out of the URL
    page = live.client.get("/present/01-live.html").text
    assert page.startswith("<!doctype html>") and f'data-token="{live.session.token}"' in page  # presenter.js
    assert live.client.get("/present/style.css").status_code == 200
    for path in ["link.txt", "../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "%2e%2e%2fsecret.txt"]:
        got = live.client.get(f"/present/{path}")
        assert got.status_code == 404 and "not for the audience" not in got.text, path
    live.client.cookies.clear()


def test_other_host_names_are_refused(live: Live) -> None:
    assert live.client.get("/events", headers={"Host": "attacker.example:8700"}).status_code == 403
    cross = live.client.post(
        f"/api/q/{QUIZ}/open",
        headers={"Authorization": f"Bearer {live.session.token}", "Origin": "http://attacker.example"},
    )
    assert cross.status_code == 403


def audience_state(live: Live) -> dict[str, Any]:
    """The first `state` event a phone gets from /events."""
    with live.client.stream("GET", "/events") as events:
        data = next(line for line in events.iter_lines() if line.startswith("data: "))
    state = json.loads(data.removeprefix("data: "))
    assert isinstance(state, dict)
    return state


def test_the_state_carries_the_question_on_the_current_slide_and_its_answer_only_once_revealed(live: Live) -> None:
    assert live.act(f"/api/q/{QUIZ}/open") == 200
    assert live.act(f"/api/q/{TWO_RIGHT}/close") == 200
    assert live.act("/api/slide", json={"slide": 6}) == 200  # the slide of TWO_RIGHT, while QUIZ stays open
    state = audience_state(live)
    assert state["slide"] == 6 and state["open"]["q"] == QUIZ
    assert state["here"] == {
        "q": TWO_RIGHT,
        "kind": "quiz",
        "question": "Which are optimisers?",
        "choices": [{"id": "A", "text": "Adam"}, {"id": "B", "text": "ReLU"}, {"id": "C", "text": "SGD"}],
        "multiple": True,
        "status": "closed",
    }
    assert "correct" not in json.dumps(state) and "explanation" not in json.dumps(state)
    assert live.act(f"/api/q/{TWO_RIGHT}/reveal") == 200
    here = audience_state(live)["here"]
    assert here["status"] == "revealed" and here["correct"] == ["A", "C"]
    assert live.act(f"/api/q/{TWO_RIGHT}/open") == 200  # asked again: the answer is hidden again
    state = audience_state(live)
    assert state["here"]["status"] == "open" and "correct" not in json.dumps(state)
    assert live.act("/api/slide", json={"slide": 7}) == 200
    assert audience_state(live)["here"] is None


def test_the_rate_limiter_refills_and_stays_bounded_in_a_flood_of_devices() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=5, burst=10, limit=100, clock=lambda: now[0])
    assert [limiter.allow("phone") for _ in range(11)] == [True] * 10 + [False]
    now[0] += 0.2  # one token back
    assert limiter.allow("phone") and not limiter.allow("phone")
    for n in range(1000):  # new device ids as fast as they can be made up
        now[0] += 0.0001
        assert limiter.allow(f"forged-{n}")
    assert len(limiter._buckets) <= 100


def bare_get(live: Live, path: str) -> tuple[socket.socket, bytes]:
    """GET `path` as a new phone (no cookie) on a bare socket, at a fraction of an HTTP client's cost: the socket,
    left open, and the start of the response."""
    port = live.client.base_url.port
    assert port is not None
    phone = socket.create_connection(("127.0.0.1", port), timeout=10)
    phone.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    return phone, phone.recv(4096)


def status(response_start: bytes) -> int:
    return int(response_start.split(b" ", 2)[1])


def test_one_address_joins_and_streams_at_most_per_address(tmp_path: Path) -> None:
    with served(tmp_path, "crowded") as crowded:
        first = crowded.device()
        for _ in range(PER_ADDRESS - 1):
            phone, start = bare_get(crowded, f"/j/{crowded.session.room}")
            phone.close()
            assert status(start) == 200 and b"ld_device=" in start
        refused = crowded.client.get(crowded.join)
        assert refused.status_code == 429 and "ld_device" not in refused.headers.get("set-cookie", "")
        assert f"{PER_ADDRESS} devices have already joined from your network address" in refused.text
        again = httpx.get(crowded.join, cookies={"ld_device": first})
        assert again.status_code == 200  # a phone that joined comes back
        assert crowded.act(f"/api/q/{QUIZ}/open") == 200
        assert crowded.answer(first, {"q": QUIZ, "choices": ["B"]}).status_code == 200
        streams = [bare_get(crowded, "/events")[0] for _ in range(PER_ADDRESS)]
        try:
            refused = crowded.client.get("/events")
            assert refused.status_code == 429 and "open streams from one network address" in refused.json()["error"]
            streams.pop().close()  # one ends: its place is free again
            deadline = time.monotonic() + 10
            while status((reopened := bare_get(crowded, "/events"))[1]) == 429:
                reopened[0].close()
                assert time.monotonic() < deadline
                time.sleep(0.05)
            streams.append(reopened[0])
        finally:
            for stream in streams:
                stream.close()
