"""What open browser tabs are told: the number of the last good build and the problems of the last try."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Snapshot:
    """One moment of the preview: `version` changes whenever anything else does."""

    version: int
    generation: int  # counts the good builds: a tab showing an older one reloads
    errors: tuple[str, ...]  # `file:line:col: message` lines of the last build tried; empty when it was good


class PreviewState:
    """Shared by the rebuilding loop (which publishes) and the event streams (which wait for news)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._now = Snapshot(0, 0, ())
        self._closed = False

    @property
    def now(self) -> Snapshot:
        """The current snapshot."""
        with self._changed:
            return self._now

    def publish(self, built: bool, errors: tuple[str, ...]) -> None:
        """After a round of builds: `built` when one succeeded (tabs reload); `errors` are the problems still
        to show (over the last good build), empty once everything built."""
        with self._changed:
            generation = self._now.generation + built
            self._now = Snapshot(self._now.version + 1, generation, errors)
            self._changed.notify_all()

    def wait_after(self, version: int, timeout: float) -> Snapshot | None:
        """The first snapshot newer than `version`, waiting at most `timeout` seconds; None when nothing
        changed in that time or the preview is closing."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._now.version != version, timeout)
            return None if self._closed or self._now.version == version else self._now

    @property
    def closed(self) -> bool:
        """Whether the preview is stopping (event streams end)."""
        with self._changed:
            return self._closed

    def close(self) -> None:
        """Wake every waiting event stream so it ends."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
