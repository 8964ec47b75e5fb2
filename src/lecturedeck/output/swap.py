"""Putting a new course folder in place of the previous one in one step."""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path

from lecturedeck.errors import DeckError, Location

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform.startswith("linux") else None


def check_replaceable(target: Path, shown: Path) -> None:
    """A course's output folder must be a real folder (or not exist yet): a file or a symbolic link
    there would be replaced by the build and lost."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        what = "a symbolic link" if target.is_symlink() else "a file"
        raise DeckError(
            f"this is {what}, but the course's output folder goes here (each build replaces that folder as a whole): "
            "move it away, or choose another --out",
            Location(shown),
        )


def replace_folder(new: Path, target: Path, aside: Path, shown: Path) -> None:
    """Put the folder `new` at `target`; the previous `target` ends up at `new` or `aside`, for the caller
    to delete. At every moment `target` is the complete previous or the complete new folder.

    On Linux both are exchanged in one rename (renameat2 RENAME_EXCHANGE). Where the system or the
    filesystem cannot exchange, the previous folder is renamed to `aside` first and renamed back if the
    new one cannot take its place; a build killed between those two renames leaves it at `aside`,
    where the next build finds it (`Staging` puts it back).
    """
    check_replaceable(target, shown)
    try:
        if not target.exists():
            os.rename(new, target)
        elif not _exchange(new, target):
            os.rename(target, aside)
            try:
                os.rename(new, target)
            except OSError:
                os.rename(aside, target)
                raise
    except OSError as exc:
        raise DeckError(
            f"cannot replace this folder with the new build ({exc.strerror or exc}); the previous build is "
            "still there: make the folder and the output folder writable (or remove the folder), "
            "or choose another --out",
            Location(shown),
        ) from None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system or the filesystem cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
