"""The live lecture: the current slide, each question's status and answers, and the streams that tell the
audience and the presenter. Every change is written to the session database by one writer task, in batches
(one transaction for all that arrived while the previous commit ran), and acknowledged after its commit."""

from __future__ import annotations

import asyncio
import sqlite3
import time

from lecturedeck.present.broadcast import Broadcast, sse
from lecturedeck.present.questions import Question
from lecturedeck.present.session import Session
from lecturedeck.present.store import Answer, Meta, Status, Write

TALLY_EVERY = 0.2  # seconds: the presenter's counts are sent at most this often while answers come in
AUDIENCE_STREAMS = 2000
PRESENTER_STREAMS = 16


class Refused(Exception):
    """A request the classroom turns down: its HTTP status and what to tell the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Classroom:
    """One lecture's live state, resumed from the session database; used from the server's event loop only."""

    def __init__(self, session: Session, questions: dict[str, Question], slides: int) -> None:
        self.session = session
        self.questions = questions
        self.on_slide = {q.slide: q for q in questions.values()}
        self.slides = slides
        store = session.store
        stored = store.statuses()
        self.status = {q: stored.get(q, "waiting") for q in questions}
        self.answers: dict[str, dict[str, str]] = {q: {} for q in questions}
        for answer in store.answers():
            if answer.q in self.answers:
                self.answers[answer.q][answer.device] = answer.choices
        self.slide = min(max(int(store.meta().get("slide", "1")), 1), max(slides, 1))
        self.revealed: str | None = None
        self.audience = Broadcast(AUDIENCE_STREAMS)
        self.presenters = Broadcast(PRESENTER_STREAMS)
        self._pending: list[tuple[tuple[Write, ...], asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None
        self._stopping = False
        self._dirty: set[str] = set()
        self._tally_timer: asyncio.TimerHandle | None = None
        self._tally_sent = 0.0

    # --- the writer ---

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_batches())

    def end_streams(self) -> None:
        """End the event streams (the server is stopping: they would hold it up)."""
        self.audience.close()
        self.presenters.close()

    async def stop(self) -> None:
        """End the streams, write what is pending, stop the writer."""
        self.end_streams()
        self._stopping = True
        self._wake.set()
        if self._writer is not None:
            await self._writer
        await self._flush()

    async def _write(self, *writes: Write) -> None:
        """Returns once `writes` are committed; Refused(503) when the database could not take them."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((writes, done))
        self._wake.set()
        await asyncio.shield(done)  # a client that goes away does not undo its answer

    async def _write_batches(self) -> None:
        while not self._stopping:
            await self._wake.wait()
            self._wake.clear()
            await self._flush()

    async def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            await asyncio.to_thread(self.session.store.apply, [w for writes, _ in batch for w in writes])
        except sqlite3.Error as exc:
            failed = Refused(503, f"the answer could not be stored ({exc}): try again")
            for _, done in batch:
                done.set_exception(failed)
            return
        for writes, done in batch:
            for write in writes:
                if isinstance(write, Answer):  # counted once on disk, even if its client went away meanwhile
                    self.answers[write.q][write.device] = write.choices
                    self._tally_soon(write.q)
            done.set_result(None)

    # --- the audience ---

    async def answer(self, device: str, qid: str, choices: list[str]) -> None:
        """Store a device's answer (replacing its previous one); returns after the commit."""
        question = self.questions.get(qid)
        if question is None:
            raise Refused(404, f"there is no question {qid} in this lecture")
        if not choices or len(set(choices)) != len(choices) or any(c not in question.ids for c in choices):
            raise Refused(422, f"choices must be distinct ids among {', '.join(question.ids)}")
        if len(choices) > 1 and not question.multiple:
            raise Refused(422, "this question takes one choice")
        if self.status[qid] != "open":
            raise Refused(409, "this question is not open for answers")
        await self._write(Answer(device, qid, "".join(sorted(choices)), time.time()))

    def state(self) -> dict[str, object]:
        """What every audience page shows (no answers): the slide, the question on it ("here", whatever its
        status), the open question (on any slide) and the last one revealed. Correct ids only once revealed."""
        open_q = next((self.questions[q] for q, s in self.status.items() if s == "open"), None)
        return {
            "slide": self.slide,
            "here": self._here(),
            "open": open_q.public() if open_q else None,
            "revealed": self.questions[self.revealed].answered() if self.revealed else None,
        }

    def _here(self) -> dict[str, object] | None:
        """The question of the current slide with its status; its answer only once it is revealed."""
        question = self.on_slide.get(self.slide)
        if question is None:
            return None
        status = self.status[question.qid]
        return {**(question.answered() if status == "revealed" else question.public()), "status": status}

    # --- the presenter ---

    async def set_status(self, qid: str, status: str) -> None:
        """Open (closing any other open question), close or reveal a question."""
        if qid not in self.questions:
            raise Refused(404, f"there is no question {qid} in this lecture")
        changed = {qid: status}
        if status == "open":
            changed |= {q: "closed" for q, s in self.status.items() if s == "open" and q != qid}
        self.status.update(changed)  # answers that come after this are judged by the new status
        self.revealed = qid if status == "revealed" else None if status == "open" else self.revealed
        await self._write(*(Status(q, s) for q, s in changed.items()))
        self._publish_state()
        for q in changed:
            self.presenters.publish(q, sse("tally", self.tally(q)))

    async def go_to(self, slide: int) -> None:
        if not 1 <= slide <= self.slides:
            raise Refused(422, f"slide must be a number from 1 to {self.slides}")
        self.slide = slide
        await self._write(Meta("slide", str(slide)))
        self._publish_state()

    def tally(self, qid: str) -> dict[str, object]:
        question, picks = self.questions[qid], list(self.answers[qid].values())
        counts = dict.fromkeys(question.ids, 0)
        for pick in picks:
            for choice in pick:
                counts[choice] += 1
        share = None
        if question.kind == "quiz" and picks:
            share = sum(set(pick) == question.correct for pick in picks) / len(picks)
        return {"q": qid, "counts": counts, "answers": len(picks), "status": self.status[qid], "correct_share": share}

    def _publish_state(self) -> None:
        self.audience.publish("state", sse("state", self.state()))

    def _tally_soon(self, qid: str) -> None:
        """Send the question's counts now, or TALLY_EVERY after the last ones were sent."""
        self._dirty.add(qid)
        if self._tally_timer is None:
            loop = asyncio.get_running_loop()
            delay = max(0.0, self._tally_sent + TALLY_EVERY - loop.time())
            self._tally_timer = loop.call_later(delay, self._send_tallies)

    def _send_tallies(self) -> None:
        self._tally_timer = None
        self._tally_sent = asyncio.get_running_loop().time()
        for qid in self._dirty:
            self.presenters.publish(qid, sse("tally", self.tally(qid)))
        self._dirty.clear()
