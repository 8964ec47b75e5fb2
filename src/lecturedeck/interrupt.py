"""Stop signals unwind the program like an error, so every cleanup runs: the staging folder is removed,
the Node tools are killed and the output folder's lock is released.

SIGINT (Ctrl-C), SIGTERM and SIGHUP raise `Interrupted` in the main thread; once one arrived, further
ones are ignored so the cleanup can finish.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """A stop signal arrived; like KeyboardInterrupt, not an Exception, so no `except Exception` eats it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM)."""
        return 128 + self.signum


_held: list[int] | None = None  # while signals are deferred: the ones that came


def _stop(signum: int, _frame: FrameType | None) -> None:
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    if _held is not None:
        _held.append(signum)
        return
    raise Interrupted(signum)


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Within the block, a stop signal raises `Interrupted`; the previous handlers come back after it."""
    previous = {stop: signal.getsignal(stop) for stop in STOP_SIGNALS}
    for stop in STOP_SIGNALS:
        signal.signal(stop, _stop)
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, signal.SIG_DFL if handler is None else handler)  # None: set outside Python


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold stop signals back during steps that must not be cut in half (the swap of output folders);
    a signal that came meanwhile raises `Interrupted` right after the block. (A flag the handler reads,
    not a signal mask: a mask would only hold the signal back from this thread, and another thread
    taking it would still have the handler run here.)"""
    global _held
    _held = []
    try:
        yield
    finally:
        held, _held = _held, None
        if held:
            raise Interrupted(held[0])
