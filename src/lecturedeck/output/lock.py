"""One build at a time per output folder."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lecturedeck.errors import DeckError, Location


@contextmanager
def locked(out_dir: Path, shown: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder `out_dir` (shown to the user as `shown`) for the block.

    The lock is the folder's own flock, so the kernel releases it when a build dies, however it dies:
    whoever holds it knows that every staging folder in OUT belongs to a build that is gone.
    A second build into the same folder stops at once with a clear message instead of waiting silently.
    """
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DeckError(
                "another 'deck build' is writing to this output folder right now: "
                "wait for it to finish, or choose another --out",
                Location(shown),
            ) from None
        yield
    finally:
        os.close(fd)
