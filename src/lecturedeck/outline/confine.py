"""Which files a course may read: regular files inside its own folder, and nothing else.

The course folder is the folder of course.yaml, with symbolic links resolved. Every path an outline
names — the `lectures:` entries of course.yaml and every image `src` — is resolved the same way (links
followed, `..` collapsed) and must land inside it, on a regular file. Absolute paths, `..` that climbs
out, links that point out, and folders, pipes, devices or sockets are located errors, so building a
course never reads, or copies into its outputs, a file the course's author did not put in the course.
Links and `..` that stay inside the folder are fine. There is no shared assets root: an outline that
could name one could name `/`; a picture several courses use is copied (or hard-linked) into each.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath

from lecturedeck.errors import DeckError, Location

_SPECIAL = {
    stat.S_ISDIR: "a folder",
    stat.S_ISFIFO: "a named pipe (FIFO)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


def course_root(course_file: Path) -> Path:
    """The folder every file of the course must lie in: course.yaml's folder, links resolved."""
    return course_file.parent.resolve()


def confined_file(name: str, base: Path, root: Path, what: str, where: Location) -> Path:
    """`name` (written relative to the folder `base`) resolved to a regular file inside `root` (resolved);
    a DeckError at `where` saying what is wrong and how to fix it otherwise."""
    rule = f"a course may only use files inside its own folder {root}"
    fix = f"{rule}: copy the file there (e.g. into images/) and write its path relative to {base}{os.sep}"
    if PurePath(name).is_absolute():
        raise DeckError(f"{what} '{name}' is an absolute path; {fix}", where)
    try:
        path = (base / name).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a link loop, a name too long, a NUL character
        raise DeckError(
            f"{what} '{name}' cannot be followed ({exc}); name a file inside the course folder", where
        ) from None
    if not path.is_relative_to(root):
        written = Path(os.path.normpath(base.resolve() / name))  # where the name leads before links are followed
        if written.is_relative_to(root):
            raise DeckError(
                f"{what} '{name}' leads through a symbolic link to {path}; {rule}: copy the file itself there", where
            )
        raise DeckError(f"{what} '{name}' climbs out of the course folder with '..'; {fix}", where)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise DeckError(f"{what} not found: {name} (paths are relative to {base})", where) from None
    except OSError as exc:
        raise DeckError(f"cannot read {what} '{name}': {exc.strerror}", where) from None
    for test, kind in _SPECIAL.items():
        if test(mode):
            raise DeckError(f"{what} '{name}' is {kind}, not a file; name a regular file inside the course", where)
    return path
