"""`deck present`: build the lecture if needed, open the session, bind the address, serve with uvicorn until
Ctrl-C (which ends the event streams, writes what is pending and closes the database)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

from lecturedeck.errors import DeckError
from lecturedeck.incremental import build_courses
from lecturedeck.outline.discover import find_course_file
from lecturedeck.plan.model import Deck
from lecturedeck.present.app import Site, create_app
from lecturedeck.present.classroom import Classroom
from lecturedeck.present.guard import Guard
from lecturedeck.present.questions import deck_questions, find_lecture, plan_one_lecture
from lecturedeck.present.session import LINK, Session, default_name, open_session, stored_link
from lecturedeck.present.store import Meta
from lecturedeck.serve.server import bind_problem

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8700
Say = Callable[[str], None]


def lan_address() -> str | None:
    """This machine's address on its network (the one a route to the outside would use), None when it has none.
    Connecting a UDP socket picks the route and sends nothing."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never reached
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def listening(host: str, port: int) -> socket.socket:
    """A socket bound to host:port and listening (raises DeckError, with the fix, when it cannot be)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DeckError(bind_problem(exc, host, port)) from None
    sock.listen(2048)
    return sock


class _Server(uvicorn.Server):
    """uvicorn waits for open responses before it stops: the event streams are ended first."""

    def __init__(self, config: uvicorn.Config, room: Classroom) -> None:
        super().__init__(config)
        self.room = room

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.room.end_streams()
        await super().shutdown(sockets)


def present(
    course: Path,
    lecture: str,
    out_dir: Path,
    port: int | None,
    lan: bool,
    session_name: str | None,
    say: Say,
    warn: Say,
) -> None:
    """Serve one lecture live until a stop signal (see the module's docstring); `port` None: the port a resumed
    session was last served on (its links stay the same), else DEFAULT_PORT. Raises DeckError."""
    folder = find_course_file(course).parent
    loaded, chosen = find_lecture(folder, lecture)  # a wrong lecture name is said before any build
    name = session_name or default_name(folder.name, chosen.stem, datetime.now())
    before = stored_link(name)
    host = LOOPBACK
    if lan:
        found = lan_address()
        if found is None:
            warn("no network address found (is Wi-Fi or Ethernet connected?): serving on 127.0.0.1 only")
        host = found or LOOPBACK
    sock = listening(host, port if port is not None else _port_of(before))  # a busy port is said before the build
    try:
        decks: dict[str, Deck] = {}
        build_courses([folder], out_dir, planned=lambda deck: decks.update({deck.stem: deck}))
        deck = decks.get(chosen.stem) or plan_one_lecture(loaded, chosen)  # up to date: the build planned nothing
        session = open_session(name, folder.name, chosen.stem)
        try:
            _serve(sock, session, deck, out_dir / folder.name, host, before, say, warn)
        finally:
            session.store.close()
    finally:
        sock.close()


def _port_of(link: str | None) -> int:
    """The port of a session's stored link, DEFAULT_PORT without one."""
    return (urlsplit(link).port if link else None) or DEFAULT_PORT


def live_app(session: Session, deck: Deck, lecture_dir: Path, host: str, port: int) -> tuple[Guard, Classroom]:
    """The classroom of `deck` in `session` and its app, answering at http://HOST:PORT."""
    questions = deck_questions(deck)
    session.store.record_questions(questions.values())
    room = Classroom(session, questions, len(deck.slides))
    site = Site(lecture_dir, deck.stem, f"http://{host}:{port}/j/{session.room}", {host, LOOPBACK, "localhost"})
    return create_app(room, site), room


def _serve(
    sock: socket.socket,
    session: Session,
    deck: Deck,
    lecture_dir: Path,
    host: str,
    before: str | None,
    say: Say,
    warn: Say,
) -> None:
    port = sock.getsockname()[1]
    base = f"http://{host}:{port}"
    app, room = live_app(session, deck, lecture_dir, host, port)
    config = uvicorn.Config(
        app, lifespan="on", log_level="warning", access_log=False, timeout_graceful_shutdown=3, proxy_headers=False
    )
    answers = sum(len(by_device) for by_device in room.answers.values())
    resumed = f"resumed, {answers} answers so far" if session.resumed else "new"
    questions = ", ".join(room.questions) or "no quiz or poll slides"
    say(f"Session: {session.name} ({resumed}) in {session.store.path}")
    say(f"Lecture: {deck.stem}, {len(room.questions)} live questions ({questions})")
    if before is not None and before != base:
        same_host = urlsplit(before).hostname == host
        warn(
            f"the links changed: this session was served on {before}, now on {base}. Phones that joined there do "
            "not follow: show the new join link (or its QR code); their answers so far are kept."
            + (f" To keep the old links, stop and start again with --port {_port_of(before)}." if same_host else "")
        )
    session.store.apply([Meta(LINK, base)])
    say(f"Presenter: {base}/present/{deck.stem}.html?token={session.token}")
    say(f"Join: {base}/j/{session.room}")
    say("Only the presenter link can open, close and reveal questions: keep it to yourself. Ctrl-C stops.")
    _Server(config, room).run(sockets=[sock])
