"""Carrying files of the previous build into the new course folder, as hard links where possible."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path


def carry_over(previous: Path, new: Path, keep: Callable[[str], bool]) -> None:
    """Bring every file of `previous` whose path relative to it (`a/b.png`) `keep` accepts into `new`, unless
    the new build wrote that path itself (the new file wins); a folder comes along when something in it
    does (an empty one does not)."""
    _merge(previous, new, "", keep)


def carry_files(previous: Path, new: Path, files: Iterable[str]) -> None:
    """Bring the given files of `previous` (paths relative to it) into `new`, unless the new build wrote them."""
    for name in sorted(set(files)):
        target = new / name
        if not os.path.lexists(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(previous / name, target)


def _merge(source: Path, target: Path, relative: str, keep: Callable[[str], bool]) -> None:
    """Merge the folder `source` (at `relative` in the previous build) into `target`, made when needed."""
    for entry in sorted(source.iterdir()):
        path = f"{relative}{entry.name}"
        inside = target / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if not os.path.lexists(inside) or (inside.is_dir() and not inside.is_symlink()):
                _merge(entry, inside, f"{path}/", keep)
        elif keep(path) and not os.path.lexists(inside):
            target.mkdir(parents=True, exist_ok=True)
            if entry.is_symlink():
                os.symlink(os.readlink(entry), inside)
            else:
                _link_or_copy(entry, inside)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link costs no space and no time; the previous build is deleted after the swap, so the
    file simply lives on in the new folder. Copied where links are impossible (some filesystems)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
