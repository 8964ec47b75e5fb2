"""Problems as data for editors and CI (`deck check --format json`): one JSON array of objects
`{file, line, column, message, severity}`; line and column are 1-based, null when the problem
concerns a whole file (or no file); severity is `error` (the input must change) or `info` (a slide
was split or is tight; nothing overflows: what no slide can show is an error)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from lecturedeck.errors import DeckError, Location, problems_of
from lecturedeck.plan.fit import FitNote

Severity = Literal["error", "info"]


@dataclass(frozen=True)
class Problem:
    file: str | None
    line: int | None
    column: int | None
    message: str
    severity: Severity


def _problem(location: Location | None, message: str, severity: Severity) -> Problem:
    if location is None:
        return Problem(None, None, None, message, severity)
    if not location.line:
        return Problem(str(location.path), None, None, message, severity)
    return Problem(str(location.path), location.line, location.col or 1, message, severity)


def error_problems(exc: DeckError) -> list[Problem]:
    """Every error a DeckError (or DeckErrors) carries."""
    errors = problems_of(exc)
    return [_problem(e.location, e.message, "error") for e in errors]


def fit_problems(notes: Iterable[FitNote]) -> list[Problem]:
    """Slides that were split or are tight (info: nothing overflows, what cannot be shown is an error)."""
    return [_problem(n.source, n.message, "info") for n in notes]


def problems_json(problems: Iterable[Problem]) -> str:
    """The problems as one JSON array (text kept as written, not \\u-escaped)."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
