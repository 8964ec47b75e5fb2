"""The build's private folder inside OUT, and the swap of each finished course folder into place."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from lecturedeck.errors import DeckError, Location
from lecturedeck.interrupt import signals_deferred
from lecturedeck.output.carry import carry_files, carry_over
from lecturedeck.output.lock import locked
from lecturedeck.output.swap import check_replaceable, replace_folder

PREFIX = ".lecturedeck-staging-"


class Staging:
    """OUT/.lecturedeck-staging-*/: `new/<course>/` grows into each course's complete new output folder,
    `work/` is scratch for the converters, `old/` holds previous folders moved aside by a swap."""

    def __init__(self, out_dir: Path, shown: Path, root: Path, courses: tuple[str, ...]) -> None:
        self.out_dir, self.shown, self.root, self.courses = out_dir, shown, root, courses
        self.new = root / "new"
        self.work = root / "work"
        for course in courses:
            (self.new / course).mkdir(parents=True)
        self.work.mkdir()

    def write(self, relative: Path, data: bytes | str) -> Path:
        """Stage one output file at OUT/relative (relative starts with the course folder's name)."""
        with self._writing(relative):
            target = self._target(relative)
            if isinstance(data, str):
                target.write_text(data, encoding="utf-8")
            else:
                target.write_bytes(data)
        return target

    def copy(self, source: Path, relative: Path) -> None:
        """Stage a copy of an existing file (e.g. an image the deck shows)."""
        try:
            with self._writing(relative):
                shutil.copyfile(source, self._target(relative))
        except DeckError:
            if not os.access(source, os.R_OK):
                raise DeckError(
                    "cannot read this file any more: make it readable, then build again", Location(source)
                ) from None
            raise

    def adopt(self, staged_file: Path, relative: Path) -> None:
        """Stage a file some tool already wrote inside the staging folder."""
        with self._writing(relative):
            os.replace(staged_file, self._target(relative))

    @contextmanager
    def _writing(self, relative: Path) -> Iterator[None]:
        """An OSError while staging OUT/relative is a located error naming that output file."""
        try:
            yield
        except OSError as exc:
            raise _failed("this output file", exc, self.shown / relative) from None

    def staged(self, course: str) -> Path:
        """The new output folder of `course` as staged so far."""
        return self.new / course

    def _target(self, relative: Path) -> Path:
        if relative.is_absolute() or ".." in relative.parts or relative.parts[0] not in self.courses:
            raise ValueError(f"output path is not inside a course's output folder: {relative}")
        target = self.new / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # never write through a hard link into the previous build
        return target

    def keep_previous(self, course: str, keep: Callable[[str], bool]) -> None:
        """Carry the files of the previous OUT/<course>/ whose path in it (`a/001.png`) `keep` accepts into the
        new folder (output.carry.carry_over)."""
        self._keep(course, lambda previous: carry_over(previous, self.new / course, keep))

    def keep_files(self, course: str, files: Iterable[str]) -> None:
        """Carry the given files of the previous OUT/<course>/ (relative to it) into the new folder."""
        self._keep(course, lambda previous: carry_files(previous, self.new / course, files))

    def _keep(self, course: str, carry: Callable[[Path], None]) -> None:
        """Run `carry` on the previous OUT/<course>/ if there is one; an OSError is a located error."""
        previous = self.out_dir / course
        if not previous.is_dir():
            return
        try:
            carry(previous)
        except OSError as exc:
            raise DeckError(
                f"cannot keep the files of the previous build ({exc.strerror or exc}: {exc.filename or previous}): "
                "make them readable, or remove the folder to build it from scratch",
                Location(self.shown / course),
            ) from None

    def commit(self) -> None:
        """Swap every staged course folder into OUT, one rename each; stop signals wait until all are done."""
        with signals_deferred():
            for course in self.courses:
                aside = self.root / "old" / course
                aside.parent.mkdir(exist_ok=True)
                replace_folder(self.new / course, self.out_dir / course, aside, self.shown / course)


@contextmanager
def stage_build(out_dir: Path, courses: Iterable[str]) -> Iterator[Staging]:
    """Stage a build of the given course folders into out_dir; nothing in out_dir changes before
    `commit()`. Holds out_dir's lock throughout and first removes what killed builds left behind."""
    names = tuple(courses)
    with ExitStack() as stack:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            real = out_dir.resolve()
            stack.enter_context(locked(real, out_dir))
            for course in names:
                check_replaceable(real / course, out_dir / course)
            _clean_stale(real)
            with signals_deferred():  # no stop between creating the folder and arranging its removal
                root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=real))
                stack.callback(shutil.rmtree, root, ignore_errors=True)
        except OSError as exc:
            raise _unwritable(out_dir, exc) from None
        try:
            yield Staging(real, out_dir, root, names)
        except OSError as exc:  # the converters' working files (Staging's own writes say which output file)
            raise _failed("the build's working files", exc, out_dir) from None


def _failed(what: str, exc: OSError, where: Path) -> DeckError:
    """`what` could not be written: why, and what to do about it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some space on that disk, or choose another --out"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make the output folder writable, or choose another --out"
    else:
        fix = "choose another --out"
    return DeckError(f"cannot write {what} ({exc.strerror or exc}): {fix}", Location(where))


def _unwritable(out_dir: Path, exc: OSError) -> DeckError:
    blocker = next((path for path in (out_dir, *out_dir.parents) if path.is_file()), None)
    reason = "it is a file" if blocker == out_dir else f"{blocker} is a file" if blocker else exc.strerror or str(exc)
    return DeckError(
        f"cannot write to the output folder ({reason}): choose another --out, a folder you can write to "
        "(the default is ./build)",
        Location(out_dir),
    )


def _clean_stale(out_dir: Path) -> None:
    """Remove the staging folders of builds that were killed (only ever called under the lock, so none
    belongs to a running build). A previous course folder that a killed swap had moved aside goes back
    into place first."""
    for stale in sorted(out_dir.glob(PREFIX + "*")):
        old = stale / "old"
        try:
            for aside in sorted(old.iterdir()) if old.is_dir() else ():
                if not os.path.lexists(out_dir / aside.name):
                    os.rename(aside, out_dir / aside.name)
        except OSError:
            continue  # kept: it may hold the only copy of a previous build
        shutil.rmtree(stale, ignore_errors=True)
