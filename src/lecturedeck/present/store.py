"""The session database (SQLite, WAL): the session's keys, the questions and their status, one answer per
device per question. Writes come in batches, one transaction each: `apply` returns only after the commit,
so what a caller acknowledges afterwards is on disk."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lecturedeck.errors import DeckError
from lecturedeck.present.questions import Question

# FULL: every commit reaches the disk (fsync of the WAL), so an acknowledged answer survives a power cut, not
# only a killed server (NORMAL in WAL mode survives only the latter). Commits are batched (classroom.py), which
# makes that affordable: bench_classroom.py, 300 students, 450 answers, 7 runs side by side on a shared 2-core
# machine (load 7-9): p99 latency FULL 14-191 ms (median 79), NORMAL 13-1067 ms (median 187): no cost seen.
SYNCHRONOUS = "FULL"
_SESSION_FILES = (
    "give a session name or a file from deck present's sessions folder (~/.local/share/lecturedeck/sessions, "
    "or under $XDG_DATA_HOME)"
)
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS questions (
    q TEXT PRIMARY KEY, slide INTEGER NOT NULL, kind TEXT NOT NULL, question TEXT NOT NULL,
    choices TEXT NOT NULL, correct TEXT NOT NULL, explanation TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'waiting'
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answers (
    device TEXT NOT NULL, q TEXT NOT NULL, choices TEXT NOT NULL, at REAL NOT NULL, PRIMARY KEY (device, q)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Answer:
    device: str  # an anonymous hash of the device's cookie
    q: str
    choices: str  # the picked ids, e.g. "AC"
    at: float  # Unix time


@dataclass(frozen=True)
class Status:
    q: str
    status: str  # waiting, open, closed, revealed


@dataclass(frozen=True)
class Meta:
    key: str
    value: str


Write = Answer | Status | Meta


@dataclass(frozen=True)
class StoredQuestion:
    """A question as the session recorded it (for `deck results`, without planning the lecture again)."""

    q: str
    slide: int
    kind: str
    question: str
    choices: tuple[str, ...]
    correct: str
    status: str


TABLES = ("meta", "questions", "answers")


class Store:
    """One session database; used by one thread at a time."""

    def __init__(self, path: Path, db: sqlite3.Connection | None = None) -> None:
        """The session database at `path`, created when missing (`db`: a connection already open on it, left as
        it is: see read_only)."""
        self.path = path
        if db is None:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
            db.execute("PRAGMA busy_timeout=5000")
            db.executescript(SCHEMA)
        self.db = db

    @classmethod
    def read_only(cls, path: Path) -> Store:
        """An existing session database, opened read-only: nothing is ever written to the file (a .sqlite3 file
        that is not a session stays as it was). Without a -wal file beside it (no server has it open: its content
        is all in the file) it is opened immutable, which also creates no -wal and -shm files. Raises DeckError
        when it has not our tables."""
        closed = not path.with_name(f"{path.name}-wal").exists()
        uri = f"{path.absolute().as_uri()}?mode=ro{'&immutable=1' if closed else ''}"
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout=5000")
            found = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:  # not an SQLite file at all
            db.close()
            raise DeckError(f"{path}: not a lecturedeck classroom session ({exc}); {_SESSION_FILES}") from None
        missing = [table for table in TABLES if table not in found]
        if missing:
            db.close()
            raise DeckError(f"{path}: not a lecturedeck classroom session (no {missing[0]} table); {_SESSION_FILES}")
        return cls(path, db)

    def close(self) -> None:
        self.db.close()

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def apply(self, writes: Sequence[Write]) -> None:
        """Write everything in one transaction; returns after the commit (raises sqlite3.Error, nothing written)."""
        with self._transaction():
            for w in writes:
                if isinstance(w, Answer):
                    self.db.execute(
                        "INSERT OR REPLACE INTO answers (device, q, choices, at) VALUES (?, ?, ?, ?)",
                        (w.device, w.q, w.choices, w.at),
                    )
                elif isinstance(w, Status):
                    self.db.execute("UPDATE questions SET status = ? WHERE q = ?", (w.status, w.q))
                else:
                    self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (w.key, w.value))

    def record_questions(self, questions: Iterable[Question]) -> None:
        """Add the lecture's questions, or update their texts on a resumed session (their status stays)."""
        with self._transaction():
            for q in questions:
                self.db.execute(
                    "INSERT INTO questions (q, slide, kind, question, choices, correct, explanation) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (q) DO UPDATE SET slide = excluded.slide, "
                    "kind = excluded.kind, question = excluded.question, choices = excluded.choices, "
                    "correct = excluded.correct, explanation = excluded.explanation",
                    (
                        q.qid,
                        q.slide,
                        q.kind,
                        q.question,
                        json.dumps(q.choices, ensure_ascii=False),
                        "".join(sorted(q.correct)),
                        q.explanation,
                    ),
                )

    def statuses(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT q, status FROM questions"))

    def questions(self) -> list[StoredQuestion]:
        rows = self.db.execute(
            "SELECT q, slide, kind, question, choices, correct, status FROM questions ORDER BY slide"
        )
        return [StoredQuestion(q, s, k, t, tuple(json.loads(c)), r, st) for q, s, k, t, c, r, st in rows]

    def answers(self) -> list[Answer]:
        rows = self.db.execute("SELECT device, q, choices, at FROM answers ORDER BY at, device")
        return [Answer(*row) for row in rows]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT; ROLLBACK when the block or the commit failed."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
