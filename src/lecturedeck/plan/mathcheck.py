"""Plan-time LaTeX check: a formula either output can't show is an outline error at its value."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lecturedeck.errors import DeckError, Location
from lecturedeck.inline import parse_inline
from lecturedeck.mathtext import math_error
from lecturedeck.outline.schema import Lecture
from lecturedeck.outline.yaml_source import KeyPath

DISPLAY = "formula"  # the key of a display formula (kind: math)
NOT_TEXT = frozenset(["kind", "code", "mermaid", "language", "src", "theme", "lang", "placement", "overlay"])
NOT_MATH = frozenset(["notes", "agenda_notes", "summary_notes"])  # speaker notes: plain text, `$` is a dollar


def _texts(value: object) -> Iterator[tuple[KeyPath, str]]:
    """Every text value of an outline (dumped to plain data) with its path, in order; iterative."""
    pending: list[tuple[KeyPath, object]] = [((), value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            pending += [((*path, k), v) for k, v in reversed(item.items()) if k not in NOT_TEXT | NOT_MATH]
        elif isinstance(item, list):
            pending += [((*path, i), v) for i, v in reversed(list(enumerate(item)))]


def _problem(text: str, display: bool) -> str | None:
    if display:
        return math_error(text.strip())
    for latex in dict.fromkeys(span.text for span in parse_inline(text) if span.math):
        problem = math_error(latex, display=False)
        if problem:
            return f"inline math ${latex}$: {problem}"
    return None


def check_math(lecture: Lecture, where: Callable[[KeyPath], Location]) -> list[DeckError]:
    """Errors for every display formula (`formula:`) and every inline `$…$` of a lecture that either output
    cannot show, each located at its value. (LaTeX that YAML escapes ate is refused earlier, by the text
    policy through latex.escapes.)"""
    errors = []
    for path, text in _texts(lecture.model_dump()):
        problem = _problem(text, display=bool(path) and path[-1] == DISPLAY)
        if problem:
            errors.append(DeckError(problem, where(path)))
    return errors
