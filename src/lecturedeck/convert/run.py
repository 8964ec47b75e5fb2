"""Running a Node tool (marp-cli, markmap) so that it never outlives the build.

Each tool runs in its own process group, which is killed when the build stops for any reason
(an error, Ctrl-C, SIGTERM, a timeout). On Linux the tool also gets SIGKILL from the kernel when
the build process dies, even by `kill -9` (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from lecturedeck.errors import DeckError

PR_SET_PDEATHSIG = 1
# Resolved once, before any fork: the child only calls these two C functions before exec.
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def die_with(parent: int) -> Callable[[], None] | None:
    """The preexec_fn (or a forked worker's first call) that ties the child's life to `parent`.

    The death signal follows the thread that forked the child; tools are only started from the main
    thread, which lives as long as the process. The check of getppid() covers a parent that died
    between fork and prctl.
    """
    if _prctl is None:
        return None
    prctl = _prctl

    def tie() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(1)

    return tie


def run_tool(
    command: list[str],
    what: str,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    capture: bool = True,
    too_long: str = "try building fewer courses at once",
) -> subprocess.CompletedProcess[str]:
    """Run `command` to completion; `what` names the tool in error messages, `too_long` is the advice when it
    times out. Its output is captured, or with capture=False goes straight to the terminal (progress the user
    should see, e.g. npm's)."""
    with started_tool(command, what, cwd=cwd, env=env, timeout=timeout, capture=capture, too_long=too_long) as done:
        return done()


@contextmanager
def started_tool(
    command: list[str],
    what: str,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    capture: bool = True,
    too_long: str = "try building fewer courses at once",
) -> Iterator[Callable[[], subprocess.CompletedProcess[str]]]:
    """`command` started at once (from the main thread: see die_with) and run while the block does other work;
    the function it yields waits for the tool to finish and gives its result, as run_tool does. Leaving the
    block stops the tool, and anything it started, if it still runs."""
    pipe = subprocess.PIPE if capture else None
    deadline = time.monotonic() + timeout
    try:
        process = subprocess.Popen(
            command,
            stdout=pipe,
            stderr=pipe,
            text=True,
            cwd=cwd,
            env=env,
            start_new_session=True,
            preexec_fn=die_with(os.getpid()),  # see die_with: main thread only
        )
    except OSError as exc:
        raise DeckError(f"could not run {what} ({command[0]}): {exc.strerror or exc}") from None
    output: list[tuple[str | None, str | None]] = []
    # An Event, not Thread.join: a stop signal that interrupts join() can leave the thread marked as ended
    # while it still reads (CPython 3.11), and the pipes would then be closed under it.
    finished = threading.Event()

    def read() -> None:
        try:
            output.append(process.communicate())
        finally:
            finished.set()

    def done() -> subprocess.CompletedProcess[str]:
        if not finished.wait(max(0.0, deadline - time.monotonic())):
            raise DeckError(f"{what} did not finish within {timeout:.0f} s and was stopped: {too_long}")
        stdout, stderr = output[0] if output else (None, None)
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    with process:
        try:
            threading.Thread(target=read, daemon=True).start()
            yield done
        finally:
            if process.poll() is None:  # stopped early: the whole group goes (the tool and anything it started)
                with suppress(ProcessLookupError):  # the reader may have just seen it end
                    os.killpg(process.pid, signal.SIGKILL)
            finished.wait()
