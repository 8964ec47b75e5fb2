"""Private temporary folders named after the process that owns them, so that the folders of a process killed
without clean-up (`kill -9`) are removed by the next process that makes one."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_folder(name: str) -> Iterator[Path]:
    """A new private folder `<temporary folder>/<name>-<pid>-<random>`, removed when the block ends. Making
    it first removes the folders `<name>-<pid>-*` of this user whose process no longer runs."""
    with tempfile.TemporaryDirectory(prefix=f"{name}-{os.getpid()}-") as made:
        folder = Path(made)
        remove_stale(folder.parent, name)
        yield folder


def remove_stale(tmp: Path, name: str) -> None:
    """Remove the folders `<name>-<pid>-*` in `tmp` that this user owns and whose process is gone. Safe with
    other processes doing the same: a stale folder is first renamed to a name of this process (only one
    rename wins), so it is removed once, and by the next process if this one dies meanwhile."""
    owner = re.compile(re.escape(name) + r"-(\d+)-")
    try:
        with os.scandir(tmp) as entries:
            stale = [entry for entry in entries if (match := owner.match(entry.name)) and _is_stale(entry, match)]
    except OSError:
        return
    for entry in stale:
        claimed = tmp / f"{name}-{os.getpid()}-stale-{entry.name}"
        try:
            os.rename(entry.path, claimed)
        except OSError:  # another process claimed it first
            continue
        shutil.rmtree(claimed, ignore_errors=True)


def _is_stale(entry: os.DirEntry[str], owner: re.Match[str]) -> bool:
    """A real folder (not a link) of this user, named after a process that does not exist."""
    try:
        mine = entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid()
    except OSError:
        return False
    return mine and not _running(int(owner[1]))


def _running(pid: int) -> bool:
    """Whether process `pid` exists (a process of another user too; a number too big for a process id counts
    as one, so that only a folder known to be stale is removed)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
