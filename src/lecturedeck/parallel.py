"""One step over many items (the lectures of a build) on several processes, with the errors of all items
reported together as `errors.each` does.

The workers are forked from the build, so the step and its items (planned decks, the themes read so far)
are inherited, never pickled; only results and located DeckErrors travel back. A stop signal stops the
build at once, and the build kills its workers.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from lecturedeck.errors import DeckError, combined, each, problems_of
from lecturedeck.interrupt import STOP_SIGNALS, signals_deferred

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # the step and its items, for the workers


def default_jobs() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


def each_parallel(
    items: Iterable[T], step: Callable[[T], R], jobs: int = 1, meanwhile: Callable[[], object] = lambda: None
) -> list[R]:
    """`step(item)` for every item on up to `jobs` processes; the results in order, the DeckErrors of all
    items raised together. `meanwhile` is done in this process while workers run the steps (only then)."""
    results: dict[int, R] = {}
    for_each(items, step, jobs, results.__setitem__, meanwhile)
    return [results[index] for index in sorted(results)]


def for_each(
    items: Iterable[T],
    step: Callable[[T], R],
    jobs: int,
    done: Callable[[int, R], None],
    meanwhile: Callable[[], object] = lambda: None,
) -> None:
    """`done(index, step(item))` in this process as each item is finished (in any order), the steps on up
    to `jobs` processes (in this one for a single job or item: a pool costs more than it saves); the
    DeckErrors of all items are raised together once every item was tried. With workers, this process does
    `meanwhile` once they are started, before it collects their results."""
    work = list(items)
    if jobs <= 1 or len(work) <= 1:
        each(enumerate(work), lambda pair: done(pair[0], step(pair[1])))
    elif errors := _in_pool(work, step, min(jobs, len(work)), done, meanwhile):
        raise combined(errors)


def _in_pool(
    work: list[T], step: Callable[[T], R], jobs: int, done: Callable[[int, R], None], meanwhile: Callable[[], object]
) -> list[DeckError]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from lecturedeck.convert.run import die_with  # loaded before the fork: the workers call it first

    tie = die_with(os.getpid())

    global _work
    _work = (step, work)
    errors: dict[int, list[DeckError]] = {}
    workers: list[BaseProcess] = []
    pool = ProcessPoolExecutor(jobs, mp_context=_recording_fork(workers), initializer=_worker_start, initargs=(tie,))
    try:
        # The first submit forks the workers. A stop signal waits until it is done: one that came meanwhile
        # could not stop the pool cleanly, or would be lost in a fork handler (logging's ignores exceptions).
        with signals_deferred():
            pending: set[Future[tuple[int, bool, Any]]] = {pool.submit(_run, i) for i in range(len(work))}
        meanwhile()
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index, ok, value = future.result()
                if ok:
                    done(index, value)
                else:
                    errors[index] = value
    except BaseException:
        for worker in workers:
            worker.kill()
        raise
    finally:
        _work = None
        pool.shutdown(wait=True, cancel_futures=True)
    return [error for index in sorted(errors) for error in errors[index]]


def _recording_fork(started: list[BaseProcess]) -> BaseContext:
    """The fork start method, adding each process it starts to `started`: a pool starts its workers with its
    context's Process, and has no public way to stop them."""
    from multiprocessing.context import ForkContext, ForkProcess  # loaded with the pool, as multiprocessing is

    class RecordedProcess(ForkProcess):
        def start(self) -> None:
            super().start()
            started.append(self)

    class RecordingFork(ForkContext):
        Process = RecordedProcess

    return RecordingFork()


def _worker_start(tie: Callable[[], None] | None) -> None:
    """A worker dies with the build, even by `kill -9` (it holds the output folder's lock, inherited by the
    fork); it ignores Ctrl-C, which reaches the whole process group: the build stops and kills it. Other
    stop signals end it (the build then stops with the broken pool)."""
    if tie is not None:  # the first submit forks the workers, from the main thread (see die_with)
        tie()
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN if stop == signal.SIGINT else signal.SIG_DFL)


def _run(index: int) -> tuple[int, bool, Any]:
    """In a worker: the step on item `index`, or the located problems it raised."""
    assert _work is not None
    step, items = _work
    try:
        return index, True, step(items[index])
    except DeckError as exc:
        return index, False, problems_of(exc)
