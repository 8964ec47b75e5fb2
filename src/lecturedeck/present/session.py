"""Sessions: one SQLite database per lecture given, under $XDG_DATA_HOME/lecturedeck/sessions/ (default
~/.local/share/lecturedeck/sessions/). A session keeps its presenter token, room code and device salt, so
`deck present --session NAME` resumes it with the same links and every answer."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lecturedeck.errors import DeckError
from lecturedeck.present.store import Meta, Store

SUFFIX = ".sqlite3"
ROOM_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes: B/8, I/1, O/0, S/5, Z/2
ROOM_LENGTH = 5
COOKIE = re.compile(r"[0-9a-f]{32}")
LINK = "link"  # meta key: the address the session was last served on, http://HOST:PORT
NAME = re.compile(r"[^/\\\x00-\x1f.][^/\\\x00-\x1f]{0,99}")


def sessions_dir() -> Path:
    """Where sessions are kept: $XDG_DATA_HOME/lecturedeck/sessions, by default under ~/.local/share."""
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "lecturedeck" / "sessions"


def default_name(course: str, lecture: str, now: datetime) -> str:
    return f"{course}-{lecture}-{now:%Y%m%d-%H%M}"


def session_path(name: str) -> Path:
    """The database of the session called `name` (raises DeckError for a name that is not a plain file name)."""
    if not NAME.fullmatch(name):
        raise DeckError(
            f"{name!r} cannot name a session: give a plain file name of up to 100 characters, without '/', '\\' "
            "or control characters and not starting with '.' (e.g. --session ml-week3)"
        )
    return sessions_dir() / f"{name}{SUFFIX}"


@dataclass(frozen=True)
class Session:
    name: str
    store: Store
    token: str  # the presenter's secret
    room: str  # the audience's short code
    salt: str  # devices are stored as keyed hashes of their cookies
    resumed: bool

    def device(self, cookie: str) -> str:
        return device_id(self.salt, cookie)

    def new_cookie(self) -> str:
        """A device cookie for a phone that joins: 32 hex digits, a random half and its keyed hash."""
        nonce = secrets.token_hex(8)
        return nonce + self._signature(nonce)

    def issued(self, cookie: str) -> bool:
        """Whether `cookie` is one new_cookie gave: a client cannot make up devices without joining."""
        return bool(COOKIE.fullmatch(cookie)) and hmac.compare_digest(cookie[16:], self._signature(cookie[:16]))

    def _signature(self, nonce: str) -> str:
        return device_id(self.salt, f"cookie:{nonce}")


def device_id(salt: str, cookie: str) -> str:
    """The anonymous id a device's answers are stored under: a keyed hash of its cookie, never the cookie."""
    return hmac.new(salt.encode(), cookie.encode(), hashlib.sha256).hexdigest()[:16]


def open_session(name: str, course: str, lecture: str) -> Session:
    """Create the session `name`, or resume it (the same course and lecture only). Raises DeckError."""
    path = session_path(name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    store = Store(path)
    meta = store.meta()
    if meta and (meta.get("course"), meta.get("lecture")) != (course, lecture):
        store.close()
        raise DeckError(
            f"the session {name} ({path}) is for the lecture {meta.get('lecture')} of the course {meta.get('course')}, "
            "not this one: choose another --session name, or leave it out for a new session"
        )
    resumed = bool(meta)
    if not resumed:
        meta = {
            "course": course,
            "lecture": lecture,
            "token": secrets.token_urlsafe(24),
            "room": "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_LENGTH)),
            "salt": secrets.token_hex(16),
            "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        store.apply([Meta(key, value) for key, value in meta.items()])
    return Session(name, store, meta["token"], meta["room"], meta["salt"], resumed)


def stored_link(name: str) -> str | None:
    """The address (http://HOST:PORT) the session `name` was last served on; None for a new session. Only reads."""
    path = session_path(name)
    if not path.is_file():
        return None
    store = Store.read_only(path)
    try:
        return store.meta().get(LINK)
    finally:
        store.close()


def find_session(name_or_path: str) -> Path:
    """The database `deck results` reads: a session name, or the path of a .sqlite3 file. Raises DeckError."""
    given = Path(name_or_path)
    if given.suffix == SUFFIX and given.is_file():
        return given
    path = session_path(name_or_path)
    if path.is_file():
        return path
    known = sorted(sessions_dir().glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)[-5:]
    hint = f" (recent: {', '.join(p.stem for p in reversed(known))})" if known else ""
    raise DeckError(f"no session called {name_or_path!r} in {sessions_dir()}{hint}: give a session name or a file")
