"""Watching the course folders for saves, in a background thread: stop signals stay with the main thread,
which builds, so Ctrl-C stops a build there as it does in `deck build`."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

Saves = queue.Queue[set[Path] | Exception]


class Watcher:
    """The course folders touched since the last call to `next`."""

    def __init__(self, saves: Saves) -> None:
        self._saves = saves

    def next(self) -> set[Path]:
        """Wait for a save; then every course folder touched by it and by any save queued meanwhile."""
        touched = self._take(self._saves.get())
        while not self._saves.empty():
            touched |= self._take(self._saves.get_nowait())
        return touched

    @staticmethod
    def _take(item: set[Path] | Exception) -> set[Path]:
        if isinstance(item, Exception):
            raise item
        return item


@contextmanager
def watching(folders: Sequence[Path], out_dir: Path) -> Iterator[Watcher]:
    """Watch `folders` (course folders) for as long as the block runs; changes inside `out_dir` and editors'
    scratch files (swap files, `.git`, caches: watchfiles' default filter) are ignored."""
    roots = [folder.resolve() for folder in folders]
    out = out_dir.resolve()
    ordinary = DefaultFilter()
    saves: Saves = queue.Queue()
    stop = threading.Event()

    def wanted(change: Change, path: str) -> bool:
        return ordinary(change, path) and not Path(path).is_relative_to(out)

    def run() -> None:
        try:
            for changes in watch(*roots, watch_filter=wanted, stop_event=stop, raise_interrupt=False):
                saves.put({root for _, path in changes for root in roots if Path(path).is_relative_to(root)})
        except Exception as exc:  # handed to the main thread, which raises it
            saves.put(exc)

    thread = threading.Thread(target=run, name="deck-serve-watch", daemon=True)
    thread.start()
    try:
        yield Watcher(saves)
    finally:
        stop.set()
        thread.join(timeout=2)
