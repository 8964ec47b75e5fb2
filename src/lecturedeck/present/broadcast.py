"""Fan-out of Server-Sent Events: each subscriber holds at most the newest event per key (a bounded queue that
replaces a stale state with the new one), so a slow phone skips states, never the latest one, and costs the
server at most one event per key."""

from __future__ import annotations

import asyncio
import json


def sse(name: str, payload: object) -> bytes:
    """One event as it goes on the stream (compact JSON: no line breaks inside `data:`)."""
    return f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n\n".encode()


class Subscriber:
    def __init__(self) -> None:
        self.pending: dict[str, bytes] = {}
        self.ready = asyncio.Event()
        self.closed = False

    def put(self, key: str, event: bytes) -> None:
        self.pending.pop(key, None)  # the new one goes last: events keep the order they came in
        self.pending[key] = event
        self.ready.set()

    async def take(self, timeout: float) -> list[bytes] | None:
        """The events waiting (at most one per key); [] when none came within `timeout`; None once closed."""
        try:
            await asyncio.wait_for(self.ready.wait(), timeout)
        except asyncio.TimeoutError:
            return []
        if self.closed:
            return None
        self.ready.clear()
        events = list(self.pending.values())
        self.pending.clear()
        return events


class Broadcast:
    def __init__(self, limit: int) -> None:
        self.limit = limit  # subscribers at most: a stream beyond it is refused
        self.subscribers: set[Subscriber] = set()

    def subscribe(self) -> Subscriber | None:
        if len(self.subscribers) >= self.limit:
            return None
        subscriber = Subscriber()
        self.subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)

    def publish(self, key: str, event: bytes) -> None:
        for subscriber in self.subscribers:
            subscriber.put(key, event)

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        for subscriber in self.subscribers:
            subscriber.closed = True
            subscriber.ready.set()
