"""Errors a user can act on: each names a place in their files and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # would act on a terminal, or not print


def printable(text: str) -> str:
    """`text` with control characters and lone surrogates written as escapes (`\\x1b`), so a message that
    quotes the user's input cannot drive the terminal."""
    return UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def excerpt(text: str, most: int = 30) -> str:
    """The user's text as a message quotes it: without the invisible break characters the fit step inserts
    (soft hyphens, zero-width spaces), printable, cut after `most` characters with an ellipsis."""
    from lecturedeck.plan.linebreak import INVISIBLE  # loads markdown-it: not on the way to "up to date"

    shown = printable("".join(ch for ch in text if ch not in INVISIBLE))
    return shown if len(shown) <= most else shown[:most].rstrip() + "…"


@dataclass(frozen=True)
class Location:
    """A position in a source file (1-based line and column)."""

    path: Path
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return str(self.path)


class DeckError(Exception):
    """An error caused by the user's input or environment; printed without a traceback."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return printable(f"{self.location}: {self.message}" if self.location else self.message)


class DeckErrors(DeckError):
    """Several independent errors reported together, one per line: each problem once, in file order
    (by file, line and column; problems of no file first)."""

    def __init__(self, errors: Iterable[DeckError]) -> None:
        flat = {str(e): e for error in errors for e in problems_of(error)}
        self.errors = sorted(flat.values(), key=_position)
        super().__init__("\n".join(str(e) for e in self.errors))


def _position(error: DeckError) -> tuple[bool, str, int, int]:
    where = error.location
    return (where is not None, str(where.path), where.line, where.col) if where else (False, "", 0, 0)


def combined(errors: Sequence[DeckError]) -> DeckError:
    """One error standing for several (non-empty): the only one, or all of them as DeckErrors."""
    return errors[0] if len(errors) == 1 else DeckErrors(errors)


def problems_of(error: DeckError) -> list[DeckError]:
    """The single problems an error stands for."""
    return error.errors if isinstance(error, DeckErrors) else [error]


def problems_in(call: Callable[[], object]) -> list[DeckError]:
    """The problems `call()` raises as DeckErrors (none if it returns)."""
    try:
        call()
    except DeckError as exc:
        return problems_of(exc)
    return []


def each(items: Iterable[T], step: Callable[[T], R]) -> list[R]:
    """`step(item)` for every item, in order; the DeckErrors of all items are raised together."""
    results: list[R] = []
    errors: list[DeckError] = []
    for item in items:
        try:
            results.append(step(item))
        except DeckError as exc:
            errors.extend(problems_of(exc))
    if errors:
        raise combined(errors)
    return results
