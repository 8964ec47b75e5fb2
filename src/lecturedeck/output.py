"""Atomic output: everything is staged beside the output folder, then renamed into place.

A failed build leaves no half-written file behind, and nothing is ever written outside the
output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from lecturedeck.errors import DeckError


class Staging:
    """A private folder inside `out_dir` that becomes real outputs only on `commit()`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.root = Path(tempfile.mkdtemp(prefix=".lecturedeck-staging-", dir=self.out_dir))
        except OSError as exc:
            raise DeckError(
                f"cannot write to the output folder {out_dir} ({exc.strerror or exc}): "
                "choose another --out, a folder you can write to (the default is ./build)"
            ) from None
        self.files = self.root / "files"
        self._pending: list[Path] = []

    def write(self, relative: Path, data: bytes | str) -> Path:
        """Stage one output file at out_dir/relative."""
        target = self._staged(relative)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
        return target

    def copy(self, source: Path, relative: Path) -> None:
        """Stage a copy of an existing file (e.g. an image the deck shows)."""
        shutil.copyfile(source, self._staged(relative))

    def adopt(self, staged_file: Path, relative: Path) -> None:
        """Stage a file some tool already wrote inside the staging folder."""
        os.replace(staged_file, self._staged(relative))

    def _staged(self, relative: Path) -> Path:
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"output path escapes the output folder: {relative}")
        target = self.files / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        self._pending.append(relative)
        return target

    def commit(self) -> list[Path]:
        """Rename every staged file into the output folder; returns the final paths."""
        final = []
        for relative in dict.fromkeys(self._pending):
            destination = self.out_dir / relative
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.files / relative, destination)
            except OSError as exc:
                raise DeckError(
                    f"cannot write {destination} ({exc.strerror or exc}): remove or rename what is in the way, "
                    "or choose another --out"
                ) from None
            final.append(destination)
        return final

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()
