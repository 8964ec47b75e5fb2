"""Carrying files of the previous build into the new course folder, as hard links where possible."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path


def carry_over(previous: Path, new: Path, keep: Callable[[str], bool]) -> None:
    """Bring every top-level entry of `previous` that `keep(name)` accepts into `new`, unless the new build
    wrote that name itself (the new file wins); folders present in both are merged entry by entry."""
    for entry in sorted(previous.iterdir()):
        if keep(entry.name):
            _merge(entry, new / entry.name)


def carry_files(previous: Path, new: Path, files: Iterable[str]) -> None:
    """Bring the given files of `previous` (paths relative to it) into `new`, unless the new build wrote them."""
    for name in sorted(set(files)):
        target = new / name
        if not os.path.lexists(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(previous / name, target)


def _merge(source: Path, target: Path) -> None:
    if source.is_dir() and not source.is_symlink():
        if os.path.lexists(target) and (target.is_symlink() or not target.is_dir()):
            return
        target.mkdir(exist_ok=True)
        for entry in sorted(source.iterdir()):
            _merge(entry, target / entry.name)
    elif not os.path.lexists(target):
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            _link_or_copy(source, target)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link costs no space and no time; the previous build is deleted after the swap, so the
    file simply lives on in the new folder. Copied where links are impossible (some filesystems)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
